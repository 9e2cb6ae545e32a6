import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { knownIds } from '../../../src/shared/store/articles';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { KEEP_EVERY_BYTES } from '../../../src/shared/sync/partial-keeper';
import { cachedPartials } from '../../../src/shared/sync/partial-store';
import { DEFAULT_TIMING, runSync, type SyncTiming } from '../../../src/shared/sync/run-sync';
import { dailyItems, feed } from '../../fixtures/feeds';
import { memoryCaches } from './memory-caches';

const FEED = 'https://bao.example/feed.json';
const NOW = Date.parse('2023-05-01T00:00:00Z');
const BODY = new TextEncoder().encode(feed(dailyItems(40)));
const CUT = Math.floor(BODY.length / 2);

/** One try per refresh: what a refresh leaves for the next is all that can be resumed. */
const TIMING: SyncTiming = {
  ...DEFAULT_TIMING,
  timeoutMs: 1_000,
  stallMs: 300,
  retry: { ...DEFAULT_TIMING.retry, attempts: 1, sleep: async () => undefined, random: () => 0.5 },
};

/** The page under ETag "v1": cut after `CUT` bytes while `cutting`, ranges served under If-Range. */
function host() {
  const asked: Headers[] = [];
  let cutting = true;
  const fetchImpl = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    asked.push(headers);
    const start = Number(/^bytes=(\d+)-$/.exec(headers.get('range') ?? '')?.[1] ?? 0);
    const ranged = start > 0 && headers.get('if-range') === '"v1"';
    const from = ranged ? start : 0;
    const end = cutting ? CUT : BODY.length;
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(BODY.slice(from, end));
        } else if (end < BODY.length) controller.error(new TypeError('network error'));
        else controller.close();
      },
    });
    const common = { 'content-type': 'application/feed+json', etag: '"v1"', 'content-length': String(BODY.length - from) };
    return ranged
      ? new Response(body, { status: 206, headers: { ...common, 'content-range': `bytes ${start}-${BODY.length - 1}/${BODY.length}` } })
      : new Response(body, { headers: common });
  }) as typeof fetch;
  return { fetch: fetchImpl, asked, heal: () => (cutting = false) };
}

const opened: BaoDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('a page cut off in a refresh that failed', () => {
  it('is resumed by the next refresh, which asks only for the rest and then forgets it', async () => {
    const db = await openStore({ name: 'test-run-sync-resume' });
    opened.push(db);
    const network = host();
    const caches = memoryCaches();
    const partials = cachedPartials(caches);
    const refresh = () => runSync({ db, feedUrl: FEED, fetch: network.fetch, now: () => NOW, emit: () => undefined, timing: TIMING, partials });

    expect(await refresh()).toMatchObject({ status: 'failed', kind: 'interrupted' });
    expect(await partials.get(FEED)).toMatchObject({ ifRange: '"v1"', header: 'etag', total: BODY.length });
    expect((await partials.get(FEED))!.bytes.size).toBe(CUT);

    network.heal();
    expect(await refresh()).toMatchObject({ status: 'updated', added: 40 });
    expect(network.asked.map((headers) => headers.get('range'))).toEqual([null, `bytes=${CUT}-`]);
    expect((await knownIds(db)).size).toBe(40);
    expect(caches.entries()).toBe(0);
  });

  it('is forgotten once the page turns out too large, so no later refresh asks for its rest again', async () => {
    const db = await openStore({ name: 'test-run-sync-resume-too-large' });
    opened.push(db);
    const network = host();
    const caches = memoryCaches();
    const partials = cachedPartials(caches);
    const refresh = (maxBytes: number) =>
      runSync({ db, feedUrl: FEED, fetch: network.fetch, now: () => NOW, emit: () => undefined, timing: { ...TIMING, maxBytes }, partials });

    expect(await refresh(BODY.length)).toMatchObject({ status: 'failed', kind: 'interrupted' });
    expect(await partials.get(FEED)).toBeDefined();
    network.heal();
    // Its whole length, from the answer for the rest, is over the limit now.
    expect(await refresh(CUT + 100)).toMatchObject({ status: 'failed', kind: 'too-large' });
    expect(network.asked[1]!.get('range')).toBe(`bytes=${CUT}-`);
    expect(caches.entries()).toBe(0);
  });
});

/** A page of about 1 MB: long articles. */
const LONG = (version: string) =>
  new TextEncoder().encode(
    feed(dailyItems(40).map((item, i) => ({ ...item, title: `${item.title} (${version})`, content_html: `<p>${`Bản ${version}, đoạn ${i}. `.repeat(1_500)}</p>` }))),
  );
const CHUNK = 16 * 1024;

/**
 * A host serving `versions` in turn (the last one repeating), 16 KB a read, ranges
 * under If-Range. A body given a `hangAt` stops there and never ends, as a
 * refresh that was killed sees it: nothing more happens to it.
 */
function slowHost(versions: { etag: string; body: Uint8Array; hangAt?: number; dropAt?: number }[]) {
  const asked: Headers[] = [];
  let sent = 0;
  const fetchImpl = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const version = versions[Math.min(asked.length, versions.length - 1)]!;
    asked.push(headers);
    const { body, etag } = version;
    const start = Number(/^bytes=(\d+)-$/.exec(headers.get('range') ?? '')?.[1] ?? 0);
    const from = start > 0 && headers.get('if-range') === etag ? start : 0;
    let offset = from;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (version.hangAt !== undefined && offset >= version.hangAt) return new Promise<void>(() => undefined);
        if (version.dropAt !== undefined && offset >= version.dropAt) return controller.error(new TypeError('network error'));
        if (offset >= body.length) return controller.close();
        const chunk = body.slice(offset, offset + CHUNK);
        offset += chunk.length;
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const common = { 'content-type': 'application/feed+json', etag, 'content-length': String(body.length - from) };
    return from > 0
      ? new Response(stream, { status: 206, headers: { ...common, 'content-range': `bytes ${from}-${body.length - 1}/${body.length}` } })
      : new Response(stream, { headers: common });
  }) as typeof fetch;
  return { fetch: fetchImpl, asked, sent: () => sent };
}

/** Timers that never fire: a refresh stuck on a hung body stays stuck, like one whose worker was stopped. */
const FROZEN = { setTimeout: () => 0, clearTimeout: () => undefined };

describe('a page whose refresh is killed while it downloads', () => {
  it('is kept as it comes, so the next refresh asks only for the rest: the page costs about its size once', async () => {
    const db = await openStore({ name: 'test-run-sync-killed' });
    opened.push(db);
    const body = LONG('A');
    const caches = memoryCaches();
    const partials = cachedPartials(caches);
    const network = slowHost([{ etag: '"big"', body, hangAt: Math.floor(body.length * 0.55) }, { etag: '"big"', body }]);
    const refresh = () => runSync({ db, feedUrl: FEED, fetch: network.fetch, now: () => NOW, emit: () => undefined, timing: TIMING, partials, timers: FROZEN });

    // Never settles: the refresh is as good as killed once its body hangs.
    void refresh();
    await vi.waitFor(async () => expect((await partials.get(FEED))?.bytes.size ?? 0).toBeGreaterThan(body.length * 0.55 - KEEP_EVERY_BYTES - CHUNK));
    const kept = await partials.get(FEED);
    expect(kept).toMatchObject({ ifRange: '"big"', header: 'etag', total: body.length });
    const sentBefore = network.sent();

    expect(await refresh()).toMatchObject({ status: 'updated', added: 40 });
    expect(network.asked[1]!.get('range')).toBe(`bytes=${kept!.bytes.size}-`);
    expect(network.asked[1]!.get('if-range')).toBe('"big"');
    expect(network.sent() - sentBefore).toBe(body.length - kept!.bytes.size);
    expect(network.sent()).toBeLessThan(body.length + KEEP_EVERY_BYTES + 2 * CHUNK);
    expect(caches.entries()).toBe(0);
  });

  it('keeps only the version it downloads when the page changes between the tries, never the two joined', async () => {
    const db = await openStore({ name: 'test-run-sync-killed-changed' });
    opened.push(db);
    const before = LONG('A');
    const after = LONG('B');
    const caches = memoryCaches();
    const partials = cachedPartials(caches);
    const network = slowHost([
      { etag: '"a"', body: before, dropAt: 5 * KEEP_EVERY_BYTES },
      { etag: '"b"', body: after, hangAt: 3 * KEEP_EVERY_BYTES },
    ]);
    const timing = { ...TIMING, retry: { ...TIMING.retry, attempts: 2 } };
    void runSync({ db, feedUrl: FEED, fetch: network.fetch, now: () => NOW, emit: () => undefined, timing, partials, timers: FROZEN });

    // The retry asked for the rest of "a"; the host had "b" and sent it whole.
    await vi.waitFor(async () => expect((await partials.get(FEED))?.ifRange).toBe('"b"'));
    await vi.waitFor(async () => expect((await partials.get(FEED))!.bytes.size).toBeGreaterThanOrEqual(2 * KEEP_EVERY_BYTES));
    expect(network.asked[1]!.get('if-range')).toBe('"a"');
    const kept = new Uint8Array(await (await partials.get(FEED))!.bytes.arrayBuffer());
    expect(Buffer.from(kept).equals(Buffer.from(after.subarray(0, kept.length)))).toBe(true);
  });

  it('still refreshes when the phone has no room to keep the page: only the resume is lost', async () => {
    const db = await openStore({ name: 'test-run-sync-killed-full' });
    opened.push(db);
    const caches = memoryCaches();
    caches.failPuts = true;
    const network = slowHost([{ etag: '"big"', body: LONG('A') }]);
    const outcome = await runSync({ db, feedUrl: FEED, fetch: network.fetch, now: () => NOW, emit: () => undefined, timing: TIMING, partials: cachedPartials(caches) });
    expect(outcome).toMatchObject({ status: 'updated', added: 40 });
    // Tried once, then no more for this page: a full disk is not asked again every 128 KB.
    expect(caches.puts).toBe(1);
  });
});
