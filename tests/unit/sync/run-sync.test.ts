import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { getArticle, knownIds } from '../../../src/shared/store/articles';
import { getMeta } from '../../../src/shared/store/meta';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { getReaderState, setSaved } from '../../../src/shared/store/reader';
import { listenArticlesChanged } from '../../../src/shared/store/changes';
import { retryTooSoon } from '../../../src/shared/sync/background';
import { FIRST_SCREEN } from '../../../src/shared/sync/first-screen';
import type { SyncEvent } from '../../../src/shared/sync/events';
import { DEFAULT_TIMING, runSync, type SyncContext, type SyncTiming } from '../../../src/shared/sync/run-sync';
import { dailyItems, feed, item } from '../../fixtures/feeds';
import { FakeClock } from './fake-clock';
import { expectAnnounced, recordAnnouncements } from '../helpers/announcements';

const FEED = 'https://bao.example/feed.json';
const PAGE2 = 'https://bao.example/feed-2.json';
const NOW = Date.parse('2023-05-01T00:00:00Z');

const TIMING: SyncTiming = {
  ...DEFAULT_TIMING,
  timeoutMs: 1_000,
  stallMs: 300,
  retry: { ...DEFAULT_TIMING.retry, attempts: 3, sleep: async () => undefined, random: () => 0.5 },
};

type Handler = (headers: Headers) => Response;

/** A fetch that answers each URL from a queue of handlers (the last one repeats) and logs what was asked. */
function fakeNetwork(routes: Record<string, Handler[]>) {
  const log: { url: string; headers: Headers }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    log.push({ url, headers });
    const queue = routes[url];
    if (!queue) throw new TypeError('Failed to fetch');
    const handler = queue.length > 1 ? queue.shift()! : queue[0]!;
    return handler(headers);
  }) as typeof fetch;
  return { fetch: fetchImpl, log };
}

const json = (body: string, headers: Record<string, string> = {}): Handler => () =>
  new Response(body, { status: 200, headers: { 'content-type': 'application/feed+json', ...headers } });
const withEtag = (body: string, etag: string): Handler => (headers) =>
  headers.get('if-none-match') === etag
    ? new Response(null, { status: 304 })
    : new Response(body, { status: 200, headers: { 'content-type': 'application/feed+json', etag } });
const status = (code: number): Handler => () => new Response('lỗi', { status: code, headers: { 'content-type': 'text/plain' } });
const offline: Handler = () => {
  throw new TypeError('Failed to fetch');
};

let counter = 0;
const opened: BaoDb[] = [];
async function freshDb(): Promise<BaoDb> {
  const db = await openStore({ name: `test-run-sync-${counter++}` });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function sync(db: BaoDb, network: { fetch: typeof fetch }, now = NOW, extra: Partial<SyncContext> = {}) {
  const events: SyncEvent[] = [];
  const outcome = await runSync({ db, feedUrl: FEED, fetch: network.fetch, now: () => now, emit: (e) => events.push(e), timing: TIMING, ...extra });
  return { outcome, events };
}

/** Everything a refresh could touch, to compare before and after. */
async function snapshot(db: BaoDb) {
  return { articles: await db.getAll('articles'), reader: await db.getAll('reader') };
}

describe('runSync', () => {
  it('merges a new feed and records its validators', async () => {
    const db = await freshDb();
    const { outcome, events } = await sync(db, fakeNetwork({ [FEED]: [withEtag(feed(dailyItems(3)), '"v1"')] }));
    expect(outcome).toMatchObject({ status: 'updated', added: 3, updated: 0 });
    expect(events[0]).toEqual({ type: 'start' });
    expect(events.at(-1)).toEqual({ type: 'done', outcome });
    expect(await getMeta(db, 'sync')).toMatchObject({ feedUrl: FEED, pages: { [FEED]: { etag: '"v1"' } }, lastSuccess: NOW });
  });

  it('asks conditionally the next time and takes a 304 as "nothing new" without touching articles', async () => {
    const db = await freshDb();
    const network = fakeNetwork({ [FEED]: [withEtag(feed(dailyItems(3)), '"v1"')] });
    await sync(db, network);
    const before = await snapshot(db);
    const { outcome } = await sync(db, network, NOW + 1000);
    expect(outcome).toEqual({ status: 'not-modified' });
    expect(network.log[1]!.headers.get('if-none-match')).toBe('"v1"');
    expect(await snapshot(db)).toEqual(before);
    expect((await getMeta(db, 'sync'))?.lastSuccess).toBe(NOW + 1000);
  });

  it('sends no validators for a different feed than the one they came from', async () => {
    const db = await freshDb();
    await sync(db, fakeNetwork({ [FEED]: [withEtag(feed(dailyItems(1)), '"v1"')] }));
    const network = fakeNetwork({ 'https://khac.example/feed.json': [json(feed([item('khac')]))] });
    await runSync({ db, feedUrl: 'https://khac.example/feed.json', fetch: network.fetch, now: () => NOW, emit: () => undefined, timing: TIMING });
    expect(network.log[0]!.headers.has('if-none-match')).toBe(false);
  });

  it('refuses a captive-portal login page and leaves the store as it was', async () => {
    const db = await freshDb();
    await sync(db, fakeNetwork({ [FEED]: [json(feed(dailyItems(2)))] }));
    await setSaved(db, 'tin-1', true, NOW);
    const before = await snapshot(db);
    const portal = () => new Response('<html><body>Đăng nhập Wi-Fi</body></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    const { outcome } = await sync(db, fakeNetwork({ [FEED]: [portal] }), NOW + 1);
    expect(outcome).toEqual({ status: 'failed', kind: 'captive-portal', at: NOW + 1 });
    expect(await snapshot(db)).toEqual(before);
    expect((await getMeta(db, 'sync'))?.lastError).toEqual({ kind: 'captive-portal', at: NOW + 1 });
  });

  it('recognises a login page served as JSON content type by its body', async () => {
    const db = await freshDb();
    const { outcome } = await sync(db, fakeNetwork({ [FEED]: [json('<!doctype html><title>Login</title>')] }));
    expect(outcome).toMatchObject({ status: 'failed', kind: 'captive-portal' });
  });

  it('refuses an empty, truncated or XML body as invalid and stores nothing', async () => {
    for (const body of ['', feed(dailyItems(3)).slice(0, 80), '<?xml version="1.0"?><rss></rss>']) {
      const db = await freshDb();
      const { outcome } = await sync(db, fakeNetwork({ [FEED]: [json(body)] }));
      expect(outcome, body.slice(0, 20)).toMatchObject({ status: 'failed', kind: 'invalid-feed' });
      expect(await db.count('articles')).toBe(0);
    }
  });

  it('retries a server error with backoff and succeeds', async () => {
    const db = await freshDb();
    const { outcome, events } = await sync(db, fakeNetwork({ [FEED]: [status(503), offline, json(feed(dailyItems(2)))] }));
    expect(outcome).toMatchObject({ status: 'updated', added: 2 });
    expect(events.filter((e) => e.type === 'retry')).toEqual([
      { type: 'retry', retry: 1, retries: 2, delayMs: 1500 },
      { type: 'retry', retry: 2, retries: 2, delayMs: 3000 },
    ]);
  });

  it('gives up after the bounded number of tries', async () => {
    const db = await freshDb();
    const network = fakeNetwork({ [FEED]: [status(500)] });
    const { outcome } = await sync(db, network);
    expect(outcome).toMatchObject({ status: 'failed', kind: 'http' });
    expect(network.log).toHaveLength(3);
  });

  it('does not ask again now a server that asks to be left alone for longer than a retry waits (Retry-After)', async () => {
    const busy = (retryAfter: string): Handler => () =>
      new Response('bận', { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': retryAfter } });
    const inAnHour = new Date(Date.now() + 3_600_000).toUTCString();
    for (const [retryAfter, requests] of [['3600', 1], [inAnHour, 1], ['5', 3], ['ngày mai', 3]] as const) {
      const network = fakeNetwork({ [FEED]: [busy(retryAfter)] });
      const { outcome } = await sync(await freshDb(), network);
      expect(outcome, retryAfter).toMatchObject({ status: 'failed', kind: 'http' });
      expect(network.log, retryAfter).toHaveLength(requests);
    }
  });

  // Before, the retry came after its own backoff (a second or two), long before the 20 s the server gave.
  it('waits, between the tries of a refresh, at least as long as the server asked (Retry-After: 20)', async () => {
    const slept: number[] = [];
    const busy: Handler = () => new Response('bận', { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '20' } });
    const network = fakeNetwork({ [FEED]: [busy, json(feed(dailyItems(1)))] });
    const timing = { ...TIMING, timeoutMs: 60_000, retry: { ...TIMING.retry, sleep: async (ms: number) => void slept.push(ms) } };
    const { outcome } = await sync(await freshDb(), network, NOW, { timing });
    expect(outcome).toMatchObject({ status: 'updated', added: 1 });
    expect(slept).toEqual([20_000]);
  });

  // The failure is dated by the refresh's start: a 503 that came 2 minutes into it asked for 10 minutes from then.
  it('records a Retry-After counted from when the server said it, not from when the refresh began', async () => {
    const db = await freshDb();
    const clock = { now: NOW };
    const busy: Handler = () => {
      clock.now = NOW + 2 * 60_000;
      return new Response('bận', { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '600' } });
    };
    const events: SyncEvent[] = [];
    await runSync({ db, feedUrl: FEED, fetch: fakeNetwork({ [FEED]: [busy] }).fetch, now: () => clock.now, emit: (e) => events.push(e), timing: { ...TIMING, timeoutMs: 5 * 60_000 } });
    const meta = await getMeta(db, 'sync');
    expect(meta?.lastError).toMatchObject({ at: NOW, retryAfterMs: 12 * 60_000 });
    expect(retryTooSoon(meta, NOW + 11 * 60_000)).toBe(true);
  });

  it('holds a later background retry for as long as the server asked (Retry-After: 600), not just a minute', async () => {
    const db = await freshDb();
    const busy: Handler = () => new Response('bận', { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '600' } });
    await sync(db, fakeNetwork({ [FEED]: [busy] }));
    const meta = await getMeta(db, 'sync');
    expect(retryTooSoon(meta, NOW + 5 * 60_000)).toBe(true);
    expect(retryTooSoon(meta, NOW + 10 * 60_000)).toBe(false);
  });

  it('does not retry a 404: the feed address is wrong, not the network', async () => {
    const db = await freshDb();
    const network = fakeNetwork({ [FEED]: [status(404)] });
    expect((await sync(db, network)).outcome).toMatchObject({ status: 'failed', kind: 'http' });
    expect(network.log).toHaveLength(1);
  });

  it('follows next_url only until a page holds nothing new', async () => {
    const db = await freshDb();
    const [a, b, c, d] = dailyItems(4);
    await sync(db, fakeNetwork({ [FEED]: [json(feed([c!, d!]))] }));
    const network = fakeNetwork({
      [FEED]: [json(feed([a!, b!], { next_url: PAGE2 }))],
      [PAGE2]: [json(feed([c!, d!], { next_url: 'https://bao.example/feed-3.json' }))],
    });
    const { outcome } = await sync(db, network, NOW + 1);
    expect(outcome).toMatchObject({ status: 'updated', added: 2 });
    expect(network.log.map((r) => r.url)).toEqual([FEED, PAGE2]);
  });

  it('merges nothing when a later page fails: a sync with a missing page is not complete', async () => {
    const db = await freshDb();
    await sync(db, fakeNetwork({ [FEED]: [json(feed([item('cu')]))] }));
    const before = await snapshot(db);
    const network = fakeNetwork({
      [FEED]: [json(feed(dailyItems(2), { next_url: PAGE2 }))],
      [PAGE2]: [json('{"version": "https://jsonfeed.org/version/1.1", "items": [')],
    });
    const { outcome } = await sync(db, network, NOW + 1);
    expect(outcome).toMatchObject({ status: 'failed', kind: 'invalid-feed' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('brings a head page whose later page failed on the next refresh, though the head answers with the same ETag', async () => {
    const db = await freshDb();
    const [a, b, c, d] = dailyItems(4);
    await sync(db, fakeNetwork({ [FEED]: [json(feed([d!]))] }));
    const head = withEtag(feed([a!, b!], { next_url: PAGE2 }), '"dau-2"');
    const failed = await sync(db, fakeNetwork({ [FEED]: [head], [PAGE2]: [offline] }), NOW + 1);
    expect(failed.outcome).toMatchObject({ status: 'failed' });

    const network = fakeNetwork({ [FEED]: [head], [PAGE2]: [json(feed([c!, d!]))] });
    const { outcome } = await sync(db, network, NOW + 2);
    expect(outcome).toMatchObject({ status: 'updated', added: 3 });
    expect(await knownIds(db)).toEqual(new Set([a!.id, b!.id, c!.id, d!.id]));
  });

  it('stores a first download page by page: the newest articles stay when a later page fails, and the rest come later', async () => {
    const db = await freshDb();
    const [a, b, c, d] = dailyItems(4);
    const announced = recordAnnouncements();
    const { outcome } = await sync(
      db,
      fakeNetwork({ [FEED]: [json(feed([a!, b!], { next_url: PAGE2 }))], [PAGE2]: [offline] }),
    );
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(await knownIds(db)).toEqual(new Set([a!.id, b!.id]));
    await expectAnnounced(announced, { changed: [a!.id, b!.id] });

    const again = await sync(
      db,
      fakeNetwork({ [FEED]: [json(feed([a!, b!], { next_url: PAGE2 }))], [PAGE2]: [json(feed([c!, d!]))] }),
      NOW + 1,
    );
    expect(again.outcome).toMatchObject({ status: 'updated', added: 2 });
    expect(await knownIds(db)).toEqual(new Set([a!.id, b!.id, c!.id, d!.id]));
  });

  it('stores the newest articles of a long first page before the rest, so the list is not empty while it merges', async () => {
    const db = await freshDb();
    // Oldest first in the page: the newest are picked by date, not by place.
    const items = dailyItems(500).reverse();
    const batches: string[][] = [];
    onTestFinished(listenArticlesChanged((change) => batches.push(change.changed)));
    const { outcome } = await sync(db, fakeNetwork({ [FEED]: [json(feed(items))] }));
    expect(outcome).toMatchObject({ status: 'updated', added: 500, updated: 0 });
    await vi.waitFor(() => expect(batches.flat()).toHaveLength(500));
    expect(batches[0]).toHaveLength(FIRST_SCREEN);
    expect(new Set(batches[0])).toEqual(new Set(dailyItems(FIRST_SCREEN).map((i) => i.id)));
  });

  it('counts a first download of several pages once, each article as added', async () => {
    const db = await freshDb();
    const [a, b, c] = dailyItems(3);
    const { outcome } = await sync(
      db,
      fakeNetwork({ [FEED]: [json(feed([a!, b!], { next_url: PAGE2 }))], [PAGE2]: [json(feed([b!, c!]))] }),
    );
    expect(outcome).toMatchObject({ status: 'updated', added: 3, updated: 0 });
    expect(await knownIds(db)).toEqual(new Set([a!.id, b!.id, c!.id]));
  });

  it('times out a stalled body and keeps the articles it had', async () => {
    const db = await freshDb();
    await sync(db, fakeNetwork({ [FEED]: [json(feed([item('cu')]))] }));
    const before = await snapshot(db);
    const stalled: Handler = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"version": '));
          },
        }),
        { headers: { 'content-type': 'application/feed+json' } },
      );
    // Each try stalls for TIMING.stallMs on a clock the test moves, not in real time.
    const clock = new FakeClock();
    let result: Awaited<ReturnType<typeof sync>> | undefined;
    void sync(db, fakeNetwork({ [FEED]: [stalled] }), NOW + 1, { timers: clock }).then((r) => (result = r));
    for (let step = 0; step < 10 && !result; step++) await clock.advance(TIMING.stallMs);
    expect(result?.outcome).toMatchObject({ status: 'failed', kind: 'stalled' });
    expect(result?.events.filter((e) => e.type === 'retry')).toHaveLength(2);
    expect(await snapshot(db)).toEqual(before);
  });

  it('records being offline without forgetting the last success, and does not retry', async () => {
    const db = await freshDb();
    await sync(db, fakeNetwork({ [FEED]: [withEtag(feed([item('cu')]), '"v1"')] }));
    const network = fakeNetwork({ [FEED]: [offline] });
    const { outcome, events } = await sync(db, network, NOW + 5, { isOnline: () => false });
    expect(outcome).toMatchObject({ status: 'failed', kind: 'offline' });
    expect(network.log).toHaveLength(1);
    expect(events.some((e) => e.type === 'retry')).toBe(false);
    expect(await getMeta(db, 'sync')).toMatchObject({ pages: { [FEED]: { etag: '"v1"' } }, lastSuccess: NOW, lastError: { kind: 'offline', at: NOW + 5 } });
    expect(await knownIds(db)).toEqual(new Set(['cu']));
  });

  // Before, every article then came out «more than a day ahead», was dated by the wrong clock and kept that date.
  it('keeps the feed\'s dates on a phone whose clock is a year behind, when the server says what time it is', async () => {
    const db = await freshDb();
    const yearBehind = NOW - 365 * 86_400_000;
    const published = new Date(NOW - 3_600_000).toISOString();
    const body = feed([item('hom-nay', { date_published: published }), item('khong-ngay', { date_published: undefined })]);
    await sync(db, fakeNetwork({ [FEED]: [json(body, { date: new Date(NOW).toUTCString() })] }), yearBehind);
    expect((await getArticle(db, 'hom-nay'))?.published).toBe(Date.parse(published));
    // An undated article is dated when it arrived: by the server's clock, not the phone's.
    expect((await getArticle(db, 'khong-ngay'))?.published).toBe(NOW);
  });

  it('drops unsaved articles past the «keep N months» setting after a refresh, never saved ones', async () => {
    const db = await freshDb();
    const old = (id: string) => item(id, { date_published: '2022-01-01T00:00:00Z' });
    await sync(db, fakeNetwork({ [FEED]: [json(feed([old('cu'), old('cu-da-luu')]))] }), Date.parse('2022-01-02T00:00:00Z'));
    await setSaved(db, 'cu-da-luu', true, NOW);
    await db.put('meta', 3, 'keepMonths');
    const announced = recordAnnouncements();
    const { outcome } = await sync(db, fakeNetwork({ [FEED]: [json(feed([item('moi')]))] }));
    expect(outcome).toMatchObject({ status: 'updated', added: 1 });
    await expectAnnounced(announced, { changed: ['moi'], removed: ['cu'] });
    expect(await knownIds(db)).toEqual(new Set(['cu-da-luu', 'moi']));
    expect(await getReaderState(db, 'cu-da-luu')).toMatchObject({ savedAt: NOW });
    expect(await getArticle(db, 'cu')).toBeUndefined();
  });

  // Before, everything downloaded before the clock jumped was «a year old» and went at the next refresh.
  it('drops nothing by the «keep N months» setting on a phone whose clock is a year ahead, when the server says what time it is', async () => {
    const db = await freshDb();
    const today = item('hom-nay', { date_published: new Date(NOW - 3_600_000).toISOString() });
    await sync(db, fakeNetwork({ [FEED]: [json(feed([today]))] }));
    await db.put('meta', 3, 'keepMonths');
    const serverSays = { date: new Date(NOW + 3_600_000).toUTCString() };
    await sync(db, fakeNetwork({ [FEED]: [json(feed([item('moi', { date_published: new Date(NOW).toISOString() })]), serverSays)] }), NOW + 365 * 86_400_000);
    expect(await knownIds(db)).toEqual(new Set(['hom-nay', 'moi']));
  });

  it('calls a source that cannot be reached while the phone is online unreachable, and retries it', async () => {
    const db = await freshDb();
    const network = fakeNetwork({ [FEED]: [offline] });
    const { outcome, events } = await sync(db, network, NOW, { isOnline: () => true, appOrigin: 'https://bao.example' });
    expect(outcome).toMatchObject({ status: 'failed', kind: 'unreachable' });
    expect(network.log).toHaveLength(3);
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.retry)).toEqual([1, 2]);
  });

  it('calls a source on another origin that answers without CORS a refusal, and does not retry it', async () => {
    const db = await freshDb();
    const requests: string[] = [];
    // The CORS request fails as a TypeError; the no-cors probe gets an opaque answer.
    const noCors = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(init?.mode ?? 'cors');
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const { outcome } = await sync(db, { fetch: noCors }, NOW, { isOnline: () => true, appOrigin: 'https://app.example' });
    expect(outcome).toMatchObject({ status: 'failed', kind: 'refused' });
    expect(requests).toEqual(['cors', 'no-cors']);
  });

  it('does not retry a source that refuses access (403)', async () => {
    const db = await freshDb();
    const network = fakeNetwork({ [FEED]: [status(403)] });
    expect((await sync(db, network)).outcome).toMatchObject({ status: 'failed', kind: 'refused' });
    expect(network.log).toHaveLength(1);
  });

  it('refuses a page announced over the limit before its body, once, and not again while it is unchanged', async () => {
    const db = await freshDb();
    let bodiesRead = 0;
    const big = '{"version": "https://jsonfeed.org/version/1.1", "items": []}'.padEnd(5_000);
    const oversized: Handler = (headers) => {
      if (headers.get('if-none-match') === '"to"') return new Response(null, { status: 304 });
      const body = new ReadableStream(
        {
          pull(controller) {
            bodiesRead++;
            controller.enqueue(new TextEncoder().encode(big));
            controller.close();
          },
        },
        // Nothing is pulled until someone reads.
        { highWaterMark: 0 },
      );
      return new Response(body, { headers: { 'content-type': 'application/feed+json', 'content-length': String(big.length), etag: '"to"' } });
    };
    const network = fakeNetwork({ [FEED]: [oversized] });
    const timing = { ...TIMING, maxBytes: 1_000 };
    const first = await sync(db, network, NOW, { timing });
    expect(first.outcome).toMatchObject({ status: 'failed', kind: 'too-large' });
    expect(network.log).toHaveLength(1);
    expect(bodiesRead).toBe(0);
    const second = await sync(db, network, NOW + 1, { timing });
    expect(second.outcome).toMatchObject({ status: 'failed', kind: 'too-large' });
    expect(network.log[1]!.headers.get('if-none-match')).toBe('"to"');
    expect(bodiesRead).toBe(0);
  });

  it('does not read the same oversized body without validators to the limit again, until it changes', async () => {
    const db = await freshDb();
    let start = '{"version": "https://jsonfeed.org/version/1.1", "items": [';
    let sent = 0;
    const endless: Handler = () => {
      let first = true;
      return new Response(
        new ReadableStream(
          {
            pull(controller) {
              const chunk = first ? new TextEncoder().encode(start) : new Uint8Array(1_024).fill(32);
              first = false;
              sent += chunk.byteLength;
              controller.enqueue(chunk);
            },
          },
          { highWaterMark: 0 },
        ),
        { headers: { 'content-type': 'application/feed+json' } },
      );
    };
    const network = fakeNetwork({ [FEED]: [endless] });
    const timing = { ...TIMING, maxBytes: 256 * 1024 };
    expect((await sync(db, network, NOW, { timing })).outcome).toMatchObject({ status: 'failed', kind: 'too-large' });
    expect(sent).toBeGreaterThan(256 * 1024);

    sent = 0;
    expect((await sync(db, network, NOW + 1, { timing })).outcome).toMatchObject({ status: 'failed', kind: 'too-large' });
    expect(sent).toBeLessThanOrEqual(65 * 1024);
    expect(network.log).toHaveLength(2);

    // Changed: read again (and here still cut off at the limit).
    start = '{"version": "https://jsonfeed.org/version/1.1", "title": "Bản mới", "items": [';
    sent = 0;
    expect((await sync(db, network, NOW + 2, { timing })).outcome).toMatchObject({ status: 'failed', kind: 'too-large' });
    expect(sent).toBeGreaterThan(256 * 1024);
  });

  it('cuts off a body without a length at the limit, and does not retry it', async () => {
    const db = await freshDb();
    let sent = 0;
    const endless: Handler = () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            sent += 256;
            controller.enqueue(new Uint8Array(256).fill(32));
          },
        }),
        { headers: { 'content-type': 'application/feed+json' } },
      );
    const network = fakeNetwork({ [FEED]: [endless] });
    const { outcome } = await sync(db, network, NOW, { timing: { ...TIMING, maxBytes: 4_096 } });
    expect(outcome).toMatchObject({ status: 'failed', kind: 'too-large' });
    expect(network.log).toHaveLength(1);
    // Reading stopped at the limit (the stream may have one chunk queued ahead).
    expect(sent).toBeLessThanOrEqual(4_096 + 2 * 256);
  });

  it('asks every page it has read before conditionally, and stops at a page the server says is unchanged', async () => {
    const db = await freshDb();
    const [a, b, c, d] = dailyItems(4);
    const pages = {
      [FEED]: [withEtag(feed([a!, b!], { next_url: PAGE2 }), '"p1"')],
      [PAGE2]: [withEtag(feed([c!, d!]), '"p2"')],
    };
    await sync(db, fakeNetwork(pages));
    // The head changed (an article was edited) but not page 2.
    const network = fakeNetwork({ ...pages, [FEED]: [withEtag(feed([{ ...a!, title: 'Tít mới' }, b!], { next_url: PAGE2 }), '"p1b"')] });
    const { outcome } = await sync(db, network, NOW + 1);
    expect(outcome).toMatchObject({ status: 'updated', updated: 1 });
    // b is stored as is: page 2 was not needed at all.
    expect(network.log.map((r) => r.url)).toEqual([FEED]);
    expect(network.log[0]!.headers.get('if-none-match')).toBe('"p1"');
  });

  it('follows a long archive over several refreshes within a byte budget, reading no page twice', async () => {
    const db = await freshDb();
    const items = dailyItems(12);
    const url = (n: number) => (n === 1 ? FEED : `https://bao.example/feed-${n}.json`);
    const routes: Record<string, Handler[]> = {};
    for (let n = 1; n <= 6; n++) {
      routes[url(n)] = [withEtag(feed(items.slice((n - 1) * 2, n * 2), n < 6 ? { next_url: url(n + 1) } : {}), `"p${n}"`)];
    }
    const network = fakeNetwork(routes);
    const pageBytes = feed(items.slice(0, 2), { next_url: url(2) }).length;
    const timing = { ...TIMING, budgetBytes: pageBytes * 2 };
    for (let refresh = 0; refresh < 4; refresh++) await sync(db, network, NOW + refresh, { timing });
    expect(await knownIds(db)).toEqual(new Set(items.map((i) => i.id)));
    expect((await getMeta(db, 'sync'))?.archive).toEqual({ next: undefined });
    const bodies = network.log.filter((r) => !r.headers.has('if-none-match')).map((r) => r.url);
    expect(new Set(bodies).size).toBe(bodies.length);
  });

  it('holds every page and retry to one deadline for the whole refresh', async () => {
    const db = await freshDb();
    // Each request takes 400 ms of the refresh's 1 s: the third would start past it.
    let clock = NOW;
    const network = fakeNetwork({ [FEED]: [status(503)] });
    const slow = (async (input: RequestInfo | URL, init?: RequestInit) => {
      clock += 400;
      return network.fetch(input, init);
    }) as typeof fetch;
    const timing = { ...TIMING, retry: { ...TIMING.retry, attempts: 5 } };
    const outcome = await runSync({ db, feedUrl: FEED, fetch: slow, now: () => clock, emit: () => undefined, timing });
    expect(outcome).toMatchObject({ status: 'failed', kind: 'http' });
    expect(network.log).toHaveLength(3);
  });
});
