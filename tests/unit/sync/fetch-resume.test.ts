import { beforeEach, describe, expect, it } from 'vitest';
import { fetchFeed, type FetchFeedRequest } from '../../../src/shared/sync/fetch-feed';
import { SyncFailure } from '../../../src/shared/sync/failure';
import { PartialBody } from '../../../src/shared/sync/partial-body';
import { FakeClock } from './fake-clock';

const encoder = new TextEncoder();

/** One version of the feed as a host has it. */
interface Version {
  text: string;
  etag?: string;
  lastModified?: string;
  /** Sent as Content-Encoding: the body itself stays plain, as fetch() would hand it over decoded. */
  encoding?: string;
  /** Serve the range whatever If-Range says. */
  ignoreIfRange?: boolean;
  /** Answer a range with this instead. */
  rangeAnswer?: (start: number, length: number) => Response;
}

/** A body that sends `bytes`, then hangs up after `cutAfter` of them. */
function bodyOf(bytes: Uint8Array, cutAfter?: number): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(bytes.slice(0, cutAfter ?? bytes.length));
      } else if (cutAfter !== undefined && cutAfter < bytes.length) controller.error(new TypeError('network error'));
      else controller.close();
    },
  });
}

/** A host that honours `Range: bytes=N-` under If-Range, and what each request asked of it. */
function host(steps: { version: Version; cutAfter?: number }[]) {
  const asked: Headers[] = [];
  const fetchImpl = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    asked.push(headers);
    const { version, cutAfter } = steps[Math.min(asked.length - 1, steps.length - 1)]!;
    const bytes = encoder.encode(version.text);
    const validators: Record<string, string> = {};
    if (version.etag) validators.etag = version.etag;
    if (version.lastModified) validators['last-modified'] = version.lastModified;
    if (version.encoding) validators['content-encoding'] = version.encoding;
    validators.date = 'Wed, 02 Dec 2026 08:00:00 GMT';
    const start = Number(/^bytes=(\d+)-$/.exec(headers.get('range') ?? '')?.[1] ?? NaN);
    const ifRange = headers.get('if-range');
    const same = version.ignoreIfRange || ifRange === version.etag || ifRange === version.lastModified;
    if (Number.isFinite(start) && same) {
      if (version.rangeAnswer) return version.rangeAnswer(start, bytes.length);
      if (start >= bytes.length) return new Response(null, { status: 416, headers: { 'content-range': `bytes */${bytes.length}` } });
      const rest = bytes.slice(start);
      return new Response(bodyOf(rest, cutAfter), {
        status: 206,
        headers: { ...validators, 'content-length': String(rest.length), 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` },
      });
    }
    return new Response(bodyOf(bytes, cutAfter), { headers: { ...validators, 'content-length': String(bytes.length) } });
  }) as typeof fetch;
  return { fetch: fetchImpl, asked };
}

let clock = new FakeClock();
beforeEach(() => {
  clock = new FakeClock();
});

const FEED = `{"title":"Báo","items":[${Array.from({ length: 50 }, (_, i) => `{"id":"${i}","title":"Dân vận khéo ${i}"}`).join(',')}]}`;
const CHANGED = FEED.replace(/Dân vận khéo/g, 'Tin đã sửa');
/** Inside a two-byte letter: the decoder must carry its first byte over to the next try. */
const CUT = encoder.encode(FEED).indexOf(0xc3, 300) + 1;

function request(fetchImpl: typeof fetch, partial: PartialBody, extra: Partial<FetchFeedRequest> = {}): FetchFeedRequest {
  return { url: 'https://bao.example/feed.json', fetch: fetchImpl, timeoutMs: 2_000, stallMs: 500, timers: clock, partial, ...extra };
}

/** The first try, cut after `CUT` bytes, then the second. */
async function twoTries(fetchImpl: typeof fetch, extra: Partial<FetchFeedRequest> = {}) {
  const partial = new PartialBody();
  const first = await fetchFeed(request(fetchImpl, partial, extra)).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(first).toBeInstanceOf(SyncFailure);
  expect((first as SyncFailure).kind).toBe('interrupted');
  return fetchFeed(request(fetchImpl, partial, extra));
}

describe('a download that dropped part-way', () => {
  it('asks only for the rest of the same version, and joins it, a letter split across the cut included', async () => {
    const server = host([{ version: { text: FEED, etag: '"v1"' }, cutAfter: CUT }, { version: { text: FEED, etag: '"v1"' } }]);
    const progress: number[] = [];
    const result = await twoTries(server.fetch, { etag: '"v0"', onProgress: (received) => progress.push(received) });
    expect(result).toMatchObject({ status: 'ok', text: FEED, bytes: encoder.encode(FEED).length, etag: '"v1"' });
    expect(server.asked[1]!.get('range')).toBe(`bytes=${CUT}-`);
    expect(server.asked[1]!.get('if-range')).toBe('"v1"');
    // The rest is not asked conditionally on the version stored before.
    expect(server.asked[1]!.get('if-none-match')).toBeNull();
    // Progress goes on from where it stopped.
    expect(progress.at(-1)).toBe(encoder.encode(FEED).length);
    expect(progress.filter((received) => received < CUT)).toEqual([0]);
  });

  it('resumes under a Last-Modified that is older than the answer, and again after a second cut', async () => {
    const dated = { text: FEED, lastModified: 'Wed, 02 Dec 2026 07:00:00 GMT' };
    const server = host([{ version: dated, cutAfter: CUT }, { version: dated, cutAfter: 100 }, { version: dated }]);
    const partial = new PartialBody();
    for (let i = 0; i < 2; i++) await expect(fetchFeed(request(server.fetch, partial))).rejects.toBeInstanceOf(SyncFailure);
    expect(await fetchFeed(request(server.fetch, partial))).toMatchObject({ text: FEED });
    expect(server.asked.map((headers) => headers.get('range'))).toEqual([null, `bytes=${CUT}-`, `bytes=${CUT + 100}-`]);
    expect(server.asked[2]!.get('if-range')).toBe('Wed, 02 Dec 2026 07:00:00 GMT');
  });

  it('takes a changed file whole when the host says so with a 200', async () => {
    const server = host([{ version: { text: FEED, etag: '"v1"' }, cutAfter: CUT }, { version: { text: CHANGED, etag: '"v2"' } }]);
    expect(await twoTries(server.fetch)).toMatchObject({ text: CHANGED, etag: '"v2"', bytes: encoder.encode(CHANGED).length });
    expect(server.asked).toHaveLength(2);
  });

  it('never joins two versions, even from a host that ignores If-Range: it asks again for the whole body', async () => {
    const changed = { text: CHANGED, etag: '"v2"', ignoreIfRange: true };
    const server = host([{ version: { text: FEED, etag: '"v1"' }, cutAfter: CUT }, { version: changed }]);
    expect(await twoTries(server.fetch)).toMatchObject({ text: CHANGED, etag: '"v2"' });
    expect(server.asked.map((headers) => headers.get('range'))).toEqual([null, `bytes=${CUT}-`, null]);
  });

  it('asks again for the whole body after a 416 or a range other than the one asked for', async () => {
    const answers = [
      () => new Response(null, { status: 416, headers: { 'content-range': 'bytes */99' } }),
      (start: number, length: number) =>
        new Response(encoder.encode(FEED).slice(start - 10), {
          status: 206,
          headers: { etag: '"v1"', 'content-range': `bytes ${start - 10}-${length - 1}/${length}` },
        }),
    ];
    for (const rangeAnswer of answers) {
      const server = host([{ version: { text: FEED, etag: '"v1"' }, cutAfter: CUT }, { version: { text: FEED, etag: '"v1"', rangeAnswer } }]);
      expect(await twoTries(server.fetch)).toMatchObject({ text: FEED });
      expect(server.asked.map((headers) => headers.get('range'))).toEqual([null, `bytes=${CUT}-`, null]);
    }
  });

  it('starts a compressed body, or one with only a weak ETag, over from its first byte', async () => {
    for (const version of [
      { text: FEED, etag: '"v1"', encoding: 'gzip' },
      { text: FEED, etag: 'W/"v1"' },
      { text: FEED },
    ]) {
      const server = host([{ version, cutAfter: CUT }, { version }]);
      expect(await twoTries(server.fetch)).toMatchObject({ text: FEED });
      expect(server.asked.map((headers) => headers.get('range'))).toEqual([null, null]);
    }
  });

  it('keeps what it has when the retry itself fails, and resumes on the next', async () => {
    const v1 = { text: FEED, etag: '"v1"' };
    const failing = host([{ version: v1, cutAfter: CUT }]);
    const partial = new PartialBody();
    await expect(fetchFeed(request(failing.fetch, partial))).rejects.toBeInstanceOf(SyncFailure);
    const down = (async () => new Response('busy', { status: 503 })) as unknown as typeof fetch;
    await expect(fetchFeed(request(down, partial))).rejects.toMatchObject({ kind: 'http' });
    const server = host([{ version: v1 }]);
    expect(await fetchFeed(request(server.fetch, partial))).toMatchObject({ text: FEED });
    expect(server.asked[0]!.get('range')).toBe(`bytes=${CUT}-`);
  });

  it('asks for the whole body when the request for the rest gets no answer (a host refusing its CORS preflight)', async () => {
    const v1 = { text: FEED, etag: '"v1"' };
    const server = host([{ version: v1, cutAfter: CUT }, { version: v1 }]);
    const refusingRanges = ((input: RequestInfo | URL, init?: RequestInit) =>
      new Headers(init?.headers).has('range') ? Promise.reject(new TypeError('Failed to fetch')) : server.fetch(input, init)) as typeof fetch;
    expect(await twoTries(refusingRanges, { appOrigin: 'https://app.example' })).toMatchObject({ text: FEED });
    expect(server.asked.map((headers) => headers.get('range'))).toEqual([null, null]);
  });

  it('keeps what came when neither the rest nor the whole body gets an answer (no network), and resumes once there is', async () => {
    const v1 = { text: FEED, etag: '"v1"' };
    const server = host([{ version: v1, cutAfter: CUT }, { version: v1 }]);
    const partial = new PartialBody();
    await expect(fetchFeed(request(server.fetch, partial))).rejects.toBeInstanceOf(SyncFailure);
    let unanswered = 0;
    const down = (() => {
      unanswered++;
      return Promise.reject(new TypeError('Failed to fetch'));
    }) as typeof fetch;
    await expect(fetchFeed(request(down, partial))).rejects.toMatchObject({ kind: 'unreachable' });
    expect(unanswered).toBe(2);
    expect(await fetchFeed(request(server.fetch, partial))).toMatchObject({ text: FEED });
    expect(server.asked.map((headers) => headers.get('range'))).toEqual([null, `bytes=${CUT}-`]);
  });
});
