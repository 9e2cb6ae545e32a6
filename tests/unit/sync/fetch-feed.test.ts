import { beforeEach, describe, expect, it } from 'vitest';
import { fetchFeed, type FetchFeedRequest } from '../../../src/shared/sync/fetch-feed';
import { SyncFailure } from '../../../src/shared/sync/failure';
import { FakeClock } from './fake-clock';

const encoder = new TextEncoder();

/** A body that sends `chunks` and then either ends, or hangs up, or goes silent. */
function streamOf(chunks: string[], end: 'close' | 'error' | 'hang' = 'close'): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) {
        controller.enqueue(encoder.encode(chunks[i++]));
      } else if (end === 'close') {
        controller.close();
      } else if (end === 'error') {
        controller.error(new TypeError('network error'));
      } else {
        return new Promise(() => undefined);
      }
    },
  });
}

let clock = new FakeClock();
beforeEach(() => {
  clock = new FakeClock();
});

function request(fetchImpl: typeof fetch, extra: Partial<FetchFeedRequest> = {}): FetchFeedRequest {
  return { url: 'https://bao.example/feed.json', fetch: fetchImpl, timeoutMs: 2_000, stallMs: 500, timers: clock, ...extra };
}

/** A fetch that honours abort signals like the real one. */
function fakeFetch(respond: (init: RequestInit | undefined) => Response | Promise<Response>): typeof fetch {
  return (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const signal = init?.signal;
    const response = await Promise.race([
      Promise.resolve(respond(init)),
      new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    ]);
    return response;
  }) as typeof fetch;
}

async function failureOf(promise: Promise<unknown>): Promise<SyncFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncFailure);
  return error as SyncFailure;
}

describe('fetchFeed', () => {
  it('sends validators and reports an unchanged feed without reading a body', async () => {
    let sent: Headers | undefined;
    const result = await fetchFeed(
      request(
        fakeFetch((init) => {
          sent = new Headers(init?.headers);
          return new Response(null, { status: 304 });
        }),
        { etag: '"v1"', lastModified: 'Mon, 06 Feb 2023 01:00:00 GMT' },
      ),
    );
    expect(result).toEqual({ status: 'not-modified' });
    expect(sent?.get('if-none-match')).toBe('"v1"');
    expect(sent?.get('if-modified-since')).toBe('Mon, 06 Feb 2023 01:00:00 GMT');
  });

  it('returns the text with its validators and reports progress', async () => {
    const progress: number[] = [];
    const body = '{"version":"https://jsonfeed.org/version/1.1","items":[]}';
    const result = await fetchFeed(
      request(
        fakeFetch(
          () =>
            new Response(streamOf([body.slice(0, 10), body.slice(10)]), {
              headers: { 'content-type': 'application/feed+json', 'content-length': String(body.length), etag: '"v2"' },
            }),
        ),
        { onProgress: (received) => progress.push(received) },
      ),
    );
    expect(result).toEqual({ status: 'ok', text: body, bytes: body.length, etag: '"v2"', lastModified: undefined });
    expect(progress).toEqual([0, 10, body.length]);
  });

  it('follows a feed that moved to another address (https, www, a CDN), but not to a page that is no feed', async () => {
    const body = '{"version":"https://jsonfeed.org/version/1.1","items":[]}';
    /** The response fetch gives after following redirects to `finalUrl`. */
    const redirectedTo = (finalUrl: string, type: string, text: string) =>
      fakeFetch(() => {
        const response = new Response(text, { headers: { 'content-type': type } });
        Object.defineProperties(response, { redirected: { value: true }, url: { value: finalUrl } });
        return response;
      });
    for (const moved of ['https://www.bao.example/feed.json', 'https://cdn.example.net/bao/feed.json']) {
      for (const type of ['application/feed+json', 'application/json; charset=utf-8']) {
        const result = await fetchFeed(request(redirectedTo(moved, type, body)));
        expect(result, `${moved} ${type}`).toMatchObject({ status: 'ok', text: body });
      }
    }
    // A captive portal's redirect to its own page is still named for what it is, whatever its type says.
    for (const type of ['text/plain', '', 'application/octet-stream']) {
      const failure = await failureOf(fetchFeed(request(redirectedTo('http://wifi.example/login', type, 'Đăng nhập để dùng mạng'))));
      expect(failure.kind, type).toBe('captive-portal');
    }
  });

  it('decodes Vietnamese split across chunk boundaries', async () => {
    const bytes = encoder.encode('Dân vận khéo');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 2));
        controller.enqueue(bytes.slice(2));
        controller.close();
      },
    });
    const result = await fetchFeed(request(fakeFetch(() => new Response(stream))));
    expect(result).toMatchObject({ text: 'Dân vận khéo' });
  });

  it('names an HTML answer (a captive portal login page) as such', async () => {
    const failure = await failureOf(
      fetchFeed(request(fakeFetch(() => new Response('<html>Đăng nhập Wi-Fi</html>', { headers: { 'content-type': 'text/html' } })))),
    );
    expect(failure.kind).toBe('captive-portal');
  });

  it('treats a body cut short of its Content-Length as a dropped connection', async () => {
    const failure = await failureOf(
      fetchFeed(request(fakeFetch(() => new Response(streamOf(['{"vers']), { headers: { 'content-length': '500' } })))),
    );
    expect(failure.kind).toBe('interrupted');
    expect(failure.transient).toBe(true);
  });

  it('treats a connection reset mid-body as a dropped connection', async () => {
    const failure = await failureOf(fetchFeed(request(fakeFetch(() => new Response(streamOf(['{"a":'], 'error'))))));
    expect(failure.kind).toBe('interrupted');
  });

  it('gives up on a body that goes silent, and not before the stall time', async () => {
    let settled = false;
    const result = failureOf(fetchFeed(request(fakeFetch(() => new Response(streamOf(['{"a":'], 'hang'))), { stallMs: 50 })));
    void result.finally(() => (settled = true));
    await clock.advance(49);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect((await result).kind).toBe('stalled');
  });

  it('gives up on a server that never answers', async () => {
    const result = failureOf(fetchFeed(request(fakeFetch(() => new Promise<Response>(() => undefined)), { stallMs: 40, timeoutMs: 5_000 })));
    await clock.advance(40);
    expect((await result).kind).toBe('stalled');
  });

  it('ends a slow trickle at the overall time-out', async () => {
    let sent = 0;
    const trickle = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await clock.sleep(10);
        controller.enqueue(encoder.encode(String(sent++ % 10)));
      },
    });
    const result = failureOf(fetchFeed(request(fakeFetch(() => new Response(trickle)), { stallMs: 100, timeoutMs: 150 })));
    await clock.advance(150);
    expect((await result).kind).toBe('timeout');
    // Bytes kept arriving until then: it was the whole download's limit, not a stall.
    expect(sent).toBeGreaterThanOrEqual(14);
  });

  /** A body with no length and no validators that goes on for ever, starting with `start`; counts the bytes pulled. */
  function endlessFrom(start: string) {
    const pulled = { bytes: 0 };
    const head = encoder.encode(start);
    const stream = () =>
      new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            const chunk = pulled.bytes === 0 ? head : new Uint8Array(4_096).fill(32);
            pulled.bytes += chunk.byteLength;
            controller.enqueue(chunk);
          },
        },
        { highWaterMark: 0 },
      );
    return { pulled, fetch: fakeFetch(() => new Response(stream(), { headers: { 'content-type': 'application/feed+json' } })) };
  }

  it('cuts an endless body off at the limit with the hash of its start, and stops the same body once that start is read again', async () => {
    const limit = 200 * 1024;
    const first = endlessFrom('{"version":"https://jsonfeed.org/version/1.1","items":[');
    const cut = await failureOf(fetchFeed(request(first.fetch, { maxBytes: limit })));
    expect(cut.kind).toBe('too-large');
    expect(cut.prefix).toMatch(/^[0-9a-f]{64}$/);
    expect(first.pulled.bytes).toBeGreaterThan(limit);

    const again = endlessFrom('{"version":"https://jsonfeed.org/version/1.1","items":[');
    const refused = await failureOf(fetchFeed(request(again.fetch, { maxBytes: limit, oversizedPrefix: cut.prefix })));
    expect(refused).toMatchObject({ kind: 'too-large', prefix: cut.prefix, transient: false });
    // 64 KB and the chunk that completed it, not the 200 KB limit.
    expect(again.pulled.bytes).toBeLessThanOrEqual(64 * 1024 + 4_096);
  });

  it('reads a body that starts differently from the remembered oversized one in full', async () => {
    const limit = 200 * 1024;
    const before = await failureOf(fetchFeed(request(endlessFrom('{"items":[').fetch, { maxBytes: limit })));
    const changed = endlessFrom('{"version":"https://jsonfeed.org/version/1.1","title":"Báo mới","items":[');
    const failure = await failureOf(fetchFeed(request(changed.fetch, { maxBytes: limit, oversizedPrefix: before.prefix })));
    expect(failure.kind).toBe('too-large');
    expect(failure.prefix).not.toBe(before.prefix);
    expect(changed.pulled.bytes).toBeGreaterThan(limit);

    const small = '{"version":"https://jsonfeed.org/version/1.1","items":[]}';
    const result = await fetchFeed(request(fakeFetch(() => new Response(streamOf([small]))), { maxBytes: limit, oversizedPrefix: before.prefix }));
    expect(result).toMatchObject({ status: 'ok', text: small });
  });

  const failedFetch = (async () => {
    throw new TypeError('Failed to fetch');
  }) as typeof fetch;

  it('reports no network, not to be retried, when fetch fails and the browser says it is offline', async () => {
    const failure = await failureOf(fetchFeed(request(failedFetch, { isOnline: () => false })));
    expect(failure).toMatchObject({ kind: 'offline', transient: false });
  });

  it('reports a source that cannot be reached, worth retrying, when the phone is online', async () => {
    const failure = await failureOf(fetchFeed(request(failedFetch, { isOnline: () => true, appOrigin: 'https://bao.example' })));
    expect(failure).toMatchObject({ kind: 'unreachable', transient: true });
    // Another origin whose host does not answer a no-cors probe either is just as unreachable.
    const elsewhere = await failureOf(fetchFeed(request(failedFetch, { isOnline: () => true, appOrigin: 'https://app.example' })));
    expect(elsewhere.kind).toBe('unreachable');
  });

  it('names login demands from the network (511) and refusals from the source (401, 403)', async () => {
    for (const [code, kind] of [[511, 'captive-portal'], [401, 'refused'], [403, 'refused']] as const) {
      const failure = await failureOf(fetchFeed(request(fakeFetch(() => new Response('', { status: code })))));
      expect(failure).toMatchObject({ kind, transient: false });
    }
  });

  it('retries server errors but not a missing feed', async () => {
    const unavailable = await failureOf(fetchFeed(request(fakeFetch(() => new Response('busy', { status: 503 })))));
    expect(unavailable).toMatchObject({ kind: 'http', status: 503, transient: true });
    const missing = await failureOf(fetchFeed(request(fakeFetch(() => new Response('gone', { status: 404 })))));
    expect(missing).toMatchObject({ kind: 'http', status: 404, transient: false });
  });

  it('calls a 429 a busy server, worth another try like a server error', async () => {
    const tooMany = await failureOf(fetchFeed(request(fakeFetch(() => new Response('Too Many Requests', { status: 429 })))));
    expect(tooMany).toMatchObject({ kind: 'busy', status: 429, transient: true });
  });
});
