import { DEFAULT_MAX_BYTES } from '../feed/parse';
import { BodyPrefix, PREFIX_BYTES } from './body-prefix';
import { SyncFailure, type Validators } from './failure';
import { httpErrorKind, networkErrorKind } from './network-error';
import { retryAfterMs } from './retry-after';

export interface FetchFeedRequest {
  url: string;
  etag?: string;
  lastModified?: string;
  fetch: typeof fetch;
  /** The whole download may not take longer than this. */
  timeoutMs: number;
  /** Nor may it go this long without receiving a byte. */
  stallMs: number;
  onProgress?: (received: number, total: number | undefined) => void;
  /** The clock the time-outs run on; injected so tests need not wait in real time. */
  timers?: Timers;
  /** navigator.onLine where the request runs (page or service worker); absent: assumed online. */
  isOnline?: () => boolean;
  /** The app's own origin, where a failed request cannot be a CORS refusal. */
  appOrigin?: string;
  /** Largest body accepted, in bytes: refused from Content-Length, or cut off while reading. */
  maxBytes?: number;
  /**
   * The prefix hash of a body this URL sent before that was cut off at the
   * limit: a body that starts the same is refused once its prefix is read.
   */
  oversizedPrefix?: string;
}

export interface Timers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const REAL_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** `serverTime`: the server's clock (its Date header, where the browser lets it be read). */
export type FetchFeedResponse = { serverTime?: number } & (
  | { status: 'not-modified' }
  /** `bytes`: the body as it came over the wire (before decoding). */
  | { status: 'ok'; text: string; bytes: number; etag?: string; lastModified?: string }
);

function serverTimeOf(response: Response): { serverTime?: number } {
  const serverTime = Date.parse(response.headers.get('date') ?? '');
  return Number.isFinite(serverTime) ? { serverTime } : {};
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)/i;

/**
 * Downloads one feed document. Conditional headers make an unchanged feed cost
 * a single 304; the body is streamed so a stall is noticed and progress shown.
 */
export async function fetchFeed(request: FetchFeedRequest): Promise<FetchFeedResponse> {
  const controller = new AbortController();
  let abortReason: 'timeout' | 'stalled' | undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const abort = (reason: 'timeout' | 'stalled') => {
    abortReason ??= reason;
    controller.abort();
    // Not every body is tied to the fetch's signal (a service worker's
    // synthetic response, for one): cancel the read itself too.
    reader?.cancel().catch(() => undefined);
  };
  const timers = request.timers ?? REAL_TIMERS;
  const overall = timers.setTimeout(() => abort('timeout'), request.timeoutMs);
  let stall = timers.setTimeout(() => abort('stalled'), request.stallMs);
  const resetStall = () => {
    timers.clearTimeout(stall);
    stall = timers.setTimeout(() => abort('stalled'), request.stallMs);
  };

  const headers: Record<string, string> = { Accept: 'application/feed+json, application/json;q=0.9' };
  if (request.etag) headers['If-None-Match'] = request.etag;
  if (request.lastModified) headers['If-Modified-Since'] = request.lastModified;

  try {
    let response: Response;
    try {
      response = await request.fetch(request.url, {
        headers,
        signal: controller.signal,
        // The service worker's HTTP cache must not answer for the server: we want the feed's real state.
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      if (abortReason) throw networkFailure(error, abortReason);
      throw await unansweredFailure(error, request, timers);
    }
    resetStall();
    if (response.status === 304) return { status: 'not-modified', ...serverTimeOf(response) };
    if (!response.ok) {
      throw new SyncFailure(httpErrorKind(response.status), `HTTP ${response.status}`, {
        status: response.status,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after'), Date.now()),
      });
    }
    const type = response.headers.get('content-type') ?? '';
    if (HTML_TYPES.test(type) || isForeignRedirect(request.url, response)) {
      throw new SyncFailure('captive-portal', `Got ${type || 'a redirect'} instead of a feed`);
    }
    const validators: Validators = {
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    };
    const limit = request.maxBytes ?? DEFAULT_MAX_BYTES;
    const tooLarge = (prefix?: string) => {
      // Stop the transfer itself, not just our reading of it.
      controller.abort();
      reader?.cancel().catch(() => undefined);
      return new SyncFailure('too-large', `Feed is larger than ${limit} bytes`, { validators, prefix });
    };
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) throw tooLarge();
    reader = response.body?.getReader();
    let body = { text: '', bytes: 0 };
    try {
      if (reader) body = await readBody(reader, response, request, resetStall, limit, tooLarge);
    } catch (error) {
      // The server answered, then the connection died part-way through the feed.
      if (error instanceof SyncFailure || abortReason) throw error;
      throw new SyncFailure('interrupted', error instanceof Error ? error.message : String(error));
    }
    if (abortReason) throw networkFailure(undefined, abortReason);
    return { status: 'ok', ...body, ...validators, ...serverTimeOf(response) };
  } catch (error) {
    if (error instanceof SyncFailure) throw error;
    throw networkFailure(error, abortReason);
  } finally {
    timers.clearTimeout(overall);
    timers.clearTimeout(stall);
  }
}

const JSON_TYPES = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * A login page on another host is what a captive portal's redirect looks
 * like. A feed that moved (http → https, a www. host, a CDN) answers with
 * JSON, which no portal page does; its body is still checked like any other.
 */
function isForeignRedirect(requested: string, response: Response): boolean {
  if (!response.redirected || !response.url) return false;
  if (JSON_TYPES.test(response.headers.get('content-type') ?? '')) return false;
  return new URL(response.url).origin !== new URL(requested).origin;
}

async function readBody(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  response: Response,
  request: FetchFeedRequest,
  onChunk: () => void,
  limit: number,
  tooLarge: (prefix?: string) => SyncFailure,
): Promise<{ text: string; bytes: number }> {
  const lengthHeader = Number(response.headers.get('content-length'));
  // A compressed body's length counts other bytes than the decoded ones read here.
  const encoded = !/^(identity)?$/i.test(response.headers.get('content-encoding') ?? '');
  const total = Number.isFinite(lengthHeader) && lengthHeader > 0 && !encoded ? lengthHeader : undefined;
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let received = 0;
  const prefix = new BodyPrefix(Math.min(PREFIX_BYTES, limit));
  let compared = request.oversizedPrefix === undefined;
  request.onProgress?.(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onChunk();
    received += value.byteLength;
    // The body cut off last time, starting again: refused now, not after the limit's worth of bytes.
    if (prefix.add(value) && !compared) {
      compared = true;
      if ((await prefix.digest()) === request.oversizedPrefix) throw tooLarge(request.oversizedPrefix);
    }
    // A body that lied about its length, or gave none and does not end.
    if (received > limit) throw tooLarge(await prefix.digest());
    parts.push(decoder.decode(value, { stream: true }));
    request.onProgress?.(received, total);
  }
  parts.push(decoder.decode());
  if (total !== undefined && received < total) {
    throw new SyncFailure('interrupted', `Connection closed after ${received} of ${total} bytes`);
  }
  return { text: parts.join(''), bytes: received };
}

function networkFailure(error: unknown, abortReason: 'timeout' | 'stalled' | undefined): SyncFailure {
  if (abortReason) return new SyncFailure(abortReason, `Download ${abortReason}`);
  const message = error instanceof Error ? error.message : String(error);
  return new SyncFailure('unreachable', message);
}

/** A probe gets this long: it only has to show whether the host answers at all. */
const PROBE_MS = 5_000;

/** Names a request that got no readable answer: no network, a host that is down, or one that refuses CORS. */
async function unansweredFailure(error: unknown, request: FetchFeedRequest, timers: Timers): Promise<SyncFailure> {
  const message = error instanceof Error ? error.message : String(error);
  const online = request.isOnline?.() ?? true;
  // Without the app's origin, CORS cannot be told apart: no probe.
  const sameOrigin = request.appOrigin === undefined || new URL(request.url).origin === request.appOrigin;
  const answered = online && !sameOrigin ? await answersWithoutCors(request, timers) : undefined;
  return new SyncFailure(networkErrorKind({ online, sameOrigin, answered }), message);
}

/** A HEAD request in no-cors mode: opaque, bodiless, but it resolves if and only if the host replied. */
async function answersWithoutCors(request: FetchFeedRequest, timers: Timers): Promise<boolean> {
  const controller = new AbortController();
  const timer = timers.setTimeout(() => controller.abort(), Math.min(PROBE_MS, request.timeoutMs));
  try {
    await request.fetch(request.url, { method: 'HEAD', mode: 'no-cors', cache: 'no-store', credentials: 'omit', signal: controller.signal });
    return true;
  } catch {
    return false;
  } finally {
    timers.clearTimeout(timer);
  }
}
