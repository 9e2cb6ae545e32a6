/**
 * One polite HTTP GET: a clear User-Agent, a time-out, a byte limit, a bounded
 * number of redirects followed by hand (so each hop is checked), and
 * conditional headers. `fetch` is injected so tests never touch the network.
 */
import { botShield, SHIELD_PAGE_BYTES } from './bot-shield';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface GetOptions {
  fetch: FetchLike;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  etag?: string;
  lastModified?: string;
  accept?: string;
  /** The page a picture is shown on, as a browser says: sites that refuse their pictures to other sites ask for it. */
  referer?: string;
  /**
   * A second limit, on the part of the body a fresh `counter` counts as it
   * arrives (a page's text without its pasted pictures); over it, the body is too large.
   */
  counted?: { limit: number; counter: () => (chunk: Buffer) => number };
  /** Asked before each hop, the first included: robots.txt and pacing live here. */
  beforeRequest?: (url: string) => Promise<void>;
}

export type GetResult =
  | { status: 'ok'; url: string; body: Buffer; contentType: string; etag?: string; lastModified?: string }
  | { status: 'not-modified'; url: string };

/** Why a fetch was given up; the message is what the run log shows. */
export class FetchError extends Error {
  constructor(
    readonly kind: 'http' | 'shield' | 'too-large' | 'timeout' | 'redirects' | 'network' | 'robots' | 'bad-url',
    message: string,
    /** The HTTP status, for a refusal. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** A failure that says «not now» rather than «not this»: no answer in time, a dropped connection, 408, 429 or a 5xx. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof FetchError)) return false;
  return error.kind === 'timeout' || error.kind === 'network' || (error.kind === 'http' && /HTTP (?:408|429|5\d\d)$/.test(error.message));
}

/** An error's message with its cause's: Node's fetch says only «fetch failed» or «terminated», its cause why. */
function why(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

function httpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('bad-url', `not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('bad-url', `not http(s): ${url.protocol}`);
  return url;
}

async function readLimited(response: Response, maxBytes: number, url: string, counted?: GetOptions['counted']): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new FetchError('too-large', `${url}: ${declared} bytes announced, limit ${maxBytes}`);
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let received = 0;
  const count = counted?.counter();
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = Buffer.from(value);
    received += chunk.byteLength;
    total += count ? count(chunk) : 0;
    const over = received > maxBytes ? maxBytes : counted && total > counted.limit ? counted.limit : undefined;
    if (over !== undefined) {
      await reader.cancel();
      throw new FetchError('too-large', `${url}: body over the limit of ${over} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Which bot shield sent a refusal, from its headers and the start of its page; undefined for the server's own. */
async function challengedBy(response: Response): Promise<string | undefined> {
  let start = '';
  if (/html/i.test(response.headers.get('content-type') ?? '') && response.body) {
    const reader = response.body.getReader();
    const chunks: Buffer[] = [];
    let read = 0;
    try {
      while (read < SHIELD_PAGE_BYTES) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(Buffer.from(value));
        read += value.byteLength;
      }
      await reader.cancel();
    } catch {
      // Cut off or out of time: what came decides.
    }
    start = Buffer.concat(chunks).subarray(0, SHIELD_PAGE_BYTES).toString('utf8');
  }
  return botShield(response.headers, start);
}

/**
 * One request and its answer, within the time-out. The time-out starts when the
 * request goes, not while it waits its turn for the host: with a Crawl-delay of
 * 10 s and four requests queued for one site, the wait alone ran past the 20 s
 * and articles of a site that answers at once were given up.
 */
async function exchange(url: URL, hop: number, rawUrl: string, options: GetOptions): Promise<GetResult | { status: 'redirect'; location: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: options.accept ?? '*/*' };
    if (options.referer) headers.referer = options.referer;
    // Conditional headers belong to the URL they were stored for, not to a redirect target.
    if (hop === 0 && options.etag) headers['if-none-match'] = options.etag;
    if (hop === 0 && options.lastModified) headers['if-modified-since'] = options.lastModified;
    let response: Response;
    try {
      response = await options.fetch(url.href, { headers, redirect: 'manual', signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) throw new FetchError('timeout', `${url.href}: no answer within ${options.timeoutMs} ms`);
      throw new FetchError('network', `${url.href}: ${why(error)}`);
    }
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified', url: url.href };
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new FetchError('http', `${url.href}: redirect without a Location`);
      if (hop >= options.maxRedirects) throw new FetchError('redirects', `${rawUrl}: more than ${options.maxRedirects} redirects`);
      return { status: 'redirect', location };
    }
    if (!response.ok) {
      const shield = [403, 429, 503].includes(response.status) ? await challengedBy(response) : undefined;
      // challengedBy may have read the page's start and let it go already.
      if (!response.body?.locked) await response.body?.cancel();
      // A challenge is no «not now»: a quarter of an hour later it answers the same (kind 'shield' is not transient).
      if (shield) {
        throw new FetchError('shield', `${url.href}: HTTP ${response.status}, a bot shield's challenge page (${shield}), which lets browsers through once a script has run: ask the site to let this publisher's User-Agent through`, response.status);
      }
      // A bare 403 most often means «not you»: sites that let browsers in refuse clients they do not know.
      const refused = response.status === 403 ? `, refused: a site that lets browsers in may refuse this publisher's User-Agent (ask the site to let it through, or set userAgent in the config)` : '';
      throw new FetchError('http', `${url.href}: HTTP ${response.status}${refused}`, response.status);
    }
    let body: Buffer;
    try {
      body = await readLimited(response, options.maxBytes, url.href, options.counted);
    } catch (error) {
      if (controller.signal.aborted) throw new FetchError('timeout', `${url.href}: body not complete within ${options.timeoutMs} ms`);
      // Before, a body cut off or not in the encoding it was said to be in was told as «terminated», no address.
      if (!(error instanceof FetchError)) throw new FetchError('network', `${url.href}: the body could not be read: ${why(error)}`);
      throw error;
    }
    const result: GetResult = {
      status: 'ok',
      url: url.href,
      body,
      contentType: response.headers.get('content-type') ?? '',
    };
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if (etag) result.etag = etag;
    if (lastModified) result.lastModified = lastModified;
    return result;
  } finally {
    clearTimeout(timer);
  }
}

export async function politeGet(rawUrl: string, options: GetOptions): Promise<GetResult> {
  let url = httpUrl(rawUrl);
  for (let hop = 0; ; hop++) {
    await options.beforeRequest?.(url.href);
    const answer = await exchange(url, hop, rawUrl, options);
    if (answer.status !== 'redirect') return answer;
    url = httpUrl(new URL(answer.location, url).href);
  }
}
