import { DEFAULT_MAX_BYTES } from '../feed/parse';
import { SyncFailure, type Validators } from './failure';
import { httpErrorKind, networkErrorKind } from './network-error';
import { PartialBody } from './partial-body';
import { parseContentRange, rangeValidator, resumeVerdict, type RangeAnswer, type ResumePoint } from './resume';
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
  /**
   * What earlier tries of this download received, kept up to date by this one:
   * its rest is asked for (Range, If-Range) where the host allows it.
   */
  partial?: PartialBody;
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

  const partial = request.partial ?? new PartialBody();
  let resumeFrom = partial.resumePoint;
  const ask = (from: ResumePoint | undefined) =>
    request.fetch(request.url, {
      headers: requestHeaders(request, from),
      signal: controller.signal,
      // The service worker's HTTP cache must not answer for the server: we want the feed's real state.
      cache: 'no-store',
      credentials: 'omit',
    });
  const askWhole = async () => {
    const response = await ask(undefined);
    partial.clear();
    resumeFrom = undefined;
    return response;
  };

  try {
    let response: Response;
    try {
      try {
        response = await ask(resumeFrom);
      } catch (error) {
        // Range and If-Range need a CORS preflight, which a host elsewhere (the feed's, or one it redirects to)
        // may refuse: the whole body is asked for. If that gets no answer either, the network is down and what
        // came is kept for the next try.
        if (!resumeFrom || abortReason) throw error;
        response = await askWhole();
      }
      if (resumeFrom && resumeVerdict(resumeFrom, rangeAnswer(response)) === 'restart') {
        await response.body?.cancel().catch(() => undefined);
        response = await askWhole();
      }
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
    const appending = resumeFrom !== undefined && response.status === 206;
    const total = appending ? (parseContentRange(response.headers.get('content-range'))?.complete ?? resumeFrom?.total) : wholeLength(response);
    if (total !== undefined && total > limit) throw tooLarge();
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) throw tooLarge();
    if (!appending) {
      const encoding = response.headers.get('content-encoding');
      const version = rangeValidator(validators, encoding, response.headers.get('date'));
      partial.begin({ version, total, limit, oversizedPrefix: request.oversizedPrefix });
    }
    reader = response.body?.getReader();
    try {
      if (reader) await readBody(reader, partial, total, request, resetStall, limit, tooLarge);
    } catch (error) {
      // The server answered, then the connection died part-way through the feed.
      if (error instanceof SyncFailure || abortReason) throw error;
      throw new SyncFailure('interrupted', error instanceof Error ? error.message : String(error));
    }
    if (abortReason) throw networkFailure(undefined, abortReason);
    return { status: 'ok', text: partial.text(), bytes: partial.received, ...validators, ...serverTimeOf(response) };
  } catch (error) {
    if (error instanceof SyncFailure) throw error;
    throw networkFailure(error, abortReason);
  } finally {
    timers.clearTimeout(overall);
    timers.clearTimeout(stall);
  }
}

/** A whole download is asked conditionally; the rest of one, from where it stopped and only of the same version. */
function requestHeaders(request: FetchFeedRequest, from: ResumePoint | undefined): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/feed+json, application/json;q=0.9' };
  if (from) {
    headers.Range = `bytes=${from.received}-`;
    headers['If-Range'] = from.ifRange;
    return headers;
  }
  if (request.etag) headers['If-None-Match'] = request.etag;
  if (request.lastModified) headers['If-Modified-Since'] = request.lastModified;
  return headers;
}

function rangeAnswer(response: Response): RangeAnswer {
  const header = (name: string) => response.headers.get(name);
  return {
    status: response.status,
    contentRange: header('content-range'),
    contentEncoding: header('content-encoding'),
    etag: header('etag'),
    lastModified: header('last-modified'),
  };
}

/** The length of a whole body in the bytes read here: a compressed body's length counts other bytes. */
function wholeLength(response: Response): number | undefined {
  const length = Number(response.headers.get('content-length'));
  const encoded = !/^(identity)?$/i.test(response.headers.get('content-encoding') ?? '');
  return Number.isFinite(length) && length > 0 && !encoded ? length : undefined;
}

function isSameOrigin(request: FetchFeedRequest): boolean {
  return request.appOrigin === undefined || new URL(request.url).origin === request.appOrigin;
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
  partial: PartialBody,
  total: number | undefined,
  request: FetchFeedRequest,
  onChunk: () => void,
  limit: number,
  tooLarge: (prefix?: string) => SyncFailure,
): Promise<void> {
  request.onProgress?.(partial.received, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onChunk();
    // The body cut off last time, starting again: refused now, not after the limit's worth of bytes.
    if (partial.prefix.add(value) && !partial.compared) {
      partial.compared = true;
      if ((await partial.prefix.digest()) === request.oversizedPrefix) throw tooLarge(request.oversizedPrefix);
    }
    // A body that lied about its length, or gave none and does not end.
    if (partial.received + value.byteLength > limit) throw tooLarge(await partial.prefix.digest());
    partial.add(value);
    request.onProgress?.(partial.received, total);
  }
  if (total !== undefined && partial.received < total) {
    throw new SyncFailure('interrupted', `Connection closed after ${partial.received} of ${total} bytes`);
  }
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
  const sameOrigin = isSameOrigin(request);
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
