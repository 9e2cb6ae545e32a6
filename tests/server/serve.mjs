// A static server for the built app (with ETag / Last-Modified and gzip, as
// real hosts serve it) with a control API that makes chosen paths
// misbehave the way our readers' networks do: latency, slow bandwidth, a
// connection dropped mid-body, stalls, server errors, 304s with ETags, captive-
// portal pages and feeds that change between requests, bodies that never end
// (`endless`, after `body` if given), Content-Length headers that lie
// (`contentLength`) and byte ranges (`ranges`: `Range: bytes=N-` honoured
// under If-Range, or whatever If-Range says with `ignoreIfRange`). Tests start it as a child process so that "offline" can
// mean the server is really gone.
//
// Usage: node tests/server/serve.mjs --root dist --port 4321 [--mount /feed=DIR]
// --mount serves a second folder (a publisher's output) under a path the way
// the sample nginx/Caddy configuration does: ETags, 304s, immutable archives.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const args = new Map();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i], process.argv[i + 1]);
const root = resolve(args.get('--root') ?? 'dist');
const port = Number(args.get('--port') ?? 0);
const mountArg = args.get('--mount');
const mount = mountArg
  ? { prefix: mountArg.slice(0, mountArg.indexOf('=')), dir: resolve(mountArg.slice(mountArg.indexOf('=') + 1)) }
  : undefined;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The same policy as index.html's meta tag, also sent as a header. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data: blob:; " +
  "connect-src 'self' https: http:; worker-src 'self'; manifest-src 'self'; object-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'";

/** path → { steps: Behaviour[], served: number } */
const routes = new Map();
/** path → { requests, bodyBytes, statuses[], conditional } */
const stats = new Map();
/** Requests that carried If-None-Match or If-Modified-Since, by path. */
const conditional = new Map();
/** path → the Range, If-Range and Accept-Encoding of each request that asked for a range. */
const rangeRequests = new Map();

function record(path, status, bytes) {
  const s = stats.get(path) ?? { requests: 0, bodyBytes: 0, statuses: [], conditional: 0 };
  s.conditional = conditional.get(path) ?? 0;
  if (rangeRequests.has(path)) s.ranges = rangeRequests.get(path);
  s.requests++;
  s.bodyBytes += bytes;
  s.statuses.push(status);
  stats.set(path, s);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

async function control(req, res, path) {
  if (path === '/__control/route' && req.method === 'POST') {
    const { path: target, steps } = await readJson(req);
    routes.set(target, { steps, served: 0 });
  } else if (path === '/__control/reset' && req.method === 'POST') {
    routes.clear();
    stats.clear();
    conditional.clear();
    rangeRequests.clear();
  } else if (path === '/__control/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(Object.fromEntries(stats)));
    return;
  } else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(204).end();
}

/**
 * Waits until `stream` can take more or has closed. The listener not fired is
 * removed: one left per chunk piled up on a long body (MaxListenersExceededWarning).
 */
function drainOrClose(stream) {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done).once('close', done);
  });
}

/**
 * Sends `body` as a behaviour says: optionally slowly, and optionally dying or
 * going silent part-way.
 */
async function sendBody(req, res, path, status, body, b) {
  let sent = 0;
  const chunkSize = b.chunkBytes ?? 16 * 1024;
  // A client that hangs up (it dropped the body) is no longer written to, and what it was sent is counted.
  let closed = false;
  res.on('close', () => (closed = true));
  for (let offset = 0; offset < body.length; offset += chunkSize) {
    if (closed) {
      record(path, status, sent);
      return;
    }
    if (b.dropAfterBytes !== undefined && offset >= b.dropAfterBytes) {
      // What was written goes out first, as bytes already in flight do when a link dies: `sent` is what left.
      if (req.socket.writableLength > 0) await drainOrClose(req.socket);
      record(path, status, sent);
      req.socket.destroy();
      return;
    }
    if (b.stallAfterBytes !== undefined && offset >= b.stallAfterBytes) {
      record(path, status, sent);
      // Keep the connection open and say nothing, like a dead mobile link.
      await sleep(b.stallMs ?? 10 * 60_000);
      req.socket.destroy();
      return;
    }
    const chunk = body.subarray(offset, offset + chunkSize);
    if (!res.write(chunk)) await drainOrClose(res);
    sent += chunk.length;
    if (b.bytesPerSecond) await sleep((chunk.length / b.bytesPerSecond) * 1000);
  }
  res.end();
  record(path, status, sent);
}

/**
 * A body that never ends, until the client hangs up: `body` (if any), then
 * spaces, so no prefix of it is whole JSON.
 */
async function sendEndless(req, res, path, status, body, b) {
  const chunk = Buffer.alloc(b.chunkBytes ?? 16 * 1024, 0x20);
  // Counted as it goes, so the stats are right the moment the client gives up.
  record(path, status, 0);
  const counted = stats.get(path);
  let closed = false;
  res.on('close', () => (closed = true));
  if (body.length > 0) {
    res.write(body);
    counted.bodyBytes += body.length;
  }
  while (!closed && !res.destroyed) {
    const flushed = res.write(chunk);
    counted.bodyBytes += chunk.length;
    if (!flushed && !closed) await drainOrClose(res);
    if (b.bytesPerSecond) await sleep((chunk.length / b.bytesPerSecond) * 1000);
  }
}

/**
 * What a host that serves byte ranges sends: the tail asked by `Range:
 * bytes=N-` while If-Range names the version it has (its ETag or
 * Last-Modified), else the whole body; 416 past the end. A compressed body is
 * sent whole, as nginx does.
 */
function rangeOf(req, path, body, b, headers) {
  const status = b.status ?? 200;
  headers['accept-ranges'] = 'bytes';
  const asked = req.headers.range;
  if (asked === undefined) return { status, payload: body };
  const seen = rangeRequests.get(path) ?? [];
  seen.push({ range: asked, ifRange: req.headers['if-range'] ?? null, acceptEncoding: req.headers['accept-encoding'] ?? null });
  rangeRequests.set(path, seen);
  const ifRange = req.headers['if-range'];
  const sameVersion = b.ignoreIfRange || ifRange === undefined || ifRange === b.etag || ifRange === b.lastModified;
  const start = Number(/^bytes=(\d+)-$/.exec(asked)?.[1] ?? NaN);
  if (status !== 200 || !sameVersion || headers['content-encoding'] || !Number.isFinite(start)) return { status, payload: body };
  if (start >= body.length) {
    headers['content-range'] = `bytes */${body.length}`;
    return { status: 416, payload: Buffer.alloc(0) };
  }
  headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
  return { status: 206, payload: body.subarray(start) };
}

async function serveRoute(req, res, path, route) {
  const b = route.steps[Math.min(route.served, route.steps.length - 1)];
  route.served++;
  if (b.delayMs) await sleep(b.delayMs);
  if (b.refuse) {
    record(path, 0, 0);
    req.socket.destroy();
    return;
  }
  const text = Buffer.from(b.body ?? '', 'utf8');
  const headers = { 'cache-control': 'no-cache', ...(b.headers ?? {}) };
  // `gzip`: compressed for a client that accepts it, as a real host sends a feed.
  const body = b.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') ? gzipSync(text) : text;
  if (body !== text) headers['content-encoding'] = 'gzip';
  if (!headers['content-type']) headers['content-type'] = 'application/feed+json; charset=utf-8';
  if (b.lastModified) headers['last-modified'] = b.lastModified;
  if (b.etag) {
    headers.etag = b.etag;
    if (req.headers['if-none-match'] === b.etag) {
      res.writeHead(304, { etag: b.etag });
      res.end();
      record(path, 304, 0);
      return;
    }
  }
  const { status, payload } = b.ranges ? rangeOf(req, path, body, b, headers) : { status: b.status ?? 200, payload: body };
  // A length header lets the client show progress and notice a cut body.
  if (b.contentLength !== undefined) headers['content-length'] = String(b.contentLength);
  else if (b.sendLength !== false && !b.endless) headers['content-length'] = String(payload.length);
  res.writeHead(status, headers);
  if (req.method === 'HEAD') {
    res.end();
    record(path, status, 0);
    return;
  }
  if (b.endless) await sendEndless(req, res, path, status, payload, b);
  else await sendBody(req, res, path, status, payload, b);
}

async function serveFile(req, res, path) {
  const safe = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, safe);
  let info = await stat(file).catch(() => undefined);
  // Single-page app: unknown app paths get the shell, as a real host would;
  // missing data and asset files are a plain 404.
  const isData = /^\/(sample|assets|icons)\//.test(path);
  if (!isData && (!info || info.isDirectory())) {
    file = join(root, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info) {
    res.writeHead(404).end('not built');
    return;
  }
  const raw = await readFile(file);
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  // Validators and compression, as any static host or CDN gives them: a repeat
  // request costs a 304, and text travels gzipped to a client that accepts it.
  const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 16)}"`;
  const lastModified = info.mtime.toUTCString();
  const headers = { 'content-type': type, etag, 'last-modified': lastModified };
  if (type.startsWith('text/html')) headers['content-security-policy'] = CSP;
  // The service worker script must always be revalidated so updates are seen.
  headers['cache-control'] = file.endsWith('sw.js') || type.startsWith('text/html') ? 'no-cache' : 'max-age=3600';
  const modifiedSince = Date.parse(req.headers['if-modified-since'] ?? '');
  const unchanged = req.headers['if-none-match']
    ? req.headers['if-none-match'] === etag
    : Number.isFinite(modifiedSince) && Math.floor(info.mtimeMs / 1000) * 1000 <= modifiedSince;
  if (unchanged) {
    res.writeHead(304, headers);
    res.end();
    record(path, 304, 0);
    return;
  }
  const compressible = /^(text\/|application\/(feed\+json|json|manifest\+json)|image\/svg)/.test(type);
  const gzip = compressible && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = gzip ? gzipSync(raw, { level: 6 }) : raw;
  if (gzip) {
    headers['content-encoding'] = 'gzip';
    headers.vary = 'accept-encoding';
  }
  headers['content-length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
  record(path, 200, req.method === 'HEAD' ? 0 : body.length);
}

/** A file of the mounted folder, with an ETag from size and time as nginx makes it. */
async function serveMounted(req, res, path) {
  const file = resolve(mount.dir, `.${normalize(decodeURIComponent(path.slice(mount.prefix.length)))}`);
  const info = file.startsWith(mount.dir + sep) ? await stat(file).catch(() => undefined) : undefined;
  if (!info?.isFile()) {
    res.writeHead(404).end();
    record(path, 404, 0);
    return;
  }
  const etag = `"${Math.floor(info.mtimeMs).toString(16)}-${info.size.toString(16)}"`;
  const immutable = /\/(archive-[0-9a-f]+\.json|pictures\/[^/]+)$/.test(path);
  const headers = { etag, 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    record(path, 304, 0);
    return;
  }
  headers['content-type'] = TYPES[extname(file)] ?? 'application/octet-stream';
  // The publisher's own .gz next to a page, as nginx's gzip_static sends it.
  const gz = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') ? await readFile(`${file}.gz`).catch(() => undefined) : undefined;
  if (gz) headers['content-encoding'] = 'gzip';
  const body = gz ?? (await readFile(file));
  res.writeHead(200, { ...headers, 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
  record(path, 200, req.method === 'HEAD' ? 0 : body.length);
}

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  try {
    if (path.startsWith('/__control/')) return await control(req, res, path);
    if (req.headers['if-none-match'] || req.headers['if-modified-since']) conditional.set(path, (conditional.get(path) ?? 0) + 1);
    const route = routes.get(path);
    if (route) return await serveRoute(req, res, path, route);
    if (mount && path.startsWith(`${mount.prefix}/`)) return await serveMounted(req, res, path);
    return await serveFile(req, res, path);
  } catch (error) {
    if (!res.headersSent) res.writeHead(500);
    res.end(String(error));
  }
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening http://127.0.0.1:${address.port}`);
});
