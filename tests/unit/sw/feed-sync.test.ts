// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { knownIds } from '../../../src/shared/store/articles';
import { getMeta, setMeta } from '../../../src/shared/store/meta';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { PAUSE_AFTER_FAILURE_MS } from '../../../src/shared/sync/background';
import { feed, item } from '../../fixtures/feeds';
import { FakeServiceWorkerScope } from './fake-scope';

const FEED = `${location.origin}/sample/feed.json`;

/** A fresh worker (its connection is module state) over an empty store, with `answer` as the network. */
async function freshWorker(answer: (url: string) => Response | Promise<Response>) {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  const scope = new FakeServiceWorkerScope();
  vi.stubGlobal('self', scope);
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    asked.push(String(input));
    return answer(String(input));
  });
  const db = await openStore();
  // One try, no waiting between tries: what is tested is what the worker does with the outcome.
  await setMeta(db, 'syncTiming', { attempts: 1, baseDelayMs: 1 });
  const { registerFeedSync } = await import('../../../src/sw/feed-sync');
  registerFeedSync();
  return { scope, db, asked };
}

const feedResponse = (ids: string[]) =>
  new Response(feed(ids.map((id) => item(id))), { headers: { 'content-type': 'application/feed+json' } });
const serverError = () => new Response('lỗi', { status: 503, headers: { 'content-type': 'text/plain' } });
const stored = async (db: BaoDb) => [...(await knownIds(db))].sort();

beforeEach(() => vi.unstubAllGlobals());

describe('the service worker’s refreshes (sw/feed-sync)', () => {
  it('downloads and stores the feed when a page asks', async () => {
    const { scope, db, asked } = await freshWorker(() => feedResponse(['a', 'b']));
    const [done] = await scope.fire('message', { data: { type: 'sync' } });
    expect(done?.status).toBe('fulfilled');
    expect(asked).toEqual([FEED]);
    expect(await stored(db)).toEqual(['a', 'b']);
    expect((await getMeta(db, 'sync'))?.lastSuccess).toBeTypeOf('number');
  });

  it('downloads the reader’s chosen feed rather than the default', async () => {
    const { scope, db, asked } = await freshWorker(() => feedResponse(['c']));
    await setMeta(db, 'feedUrl', 'https://toasoan.example/feed.json');
    await scope.fire('message', { data: { type: 'sync' } });
    expect(asked).toEqual(['https://toasoan.example/feed.json']);
  });

  it('asks Background Sync to try again after a failure the network may fix, not after a broken feed', async () => {
    const failing = await freshWorker(serverError);
    await failing.scope.fire('message', { data: { type: 'sync' } });
    expect(failing.scope.registered).toEqual(['feed-retry']);
    expect((await getMeta(failing.db, 'sync'))?.lastError?.kind).toBe('http');

    const broken = await freshWorker(() => new Response('{"items": "không phải danh sách"}', { headers: { 'content-type': 'application/json' } }));
    await broken.scope.fire('message', { data: { type: 'sync' } });
    expect(broken.scope.registered).toEqual([]);
    expect((await getMeta(broken.db, 'sync'))?.lastError?.kind).toBe('invalid-feed');
  });

  it('a Background Sync retry that fails again fails its event, so the browser spaces out the next', async () => {
    let up = false;
    const { scope, db, asked } = await freshWorker(() => (up ? feedResponse(['a']) : serverError()));
    const [failed] = await scope.fire('sync', { tag: 'feed-retry' });
    expect(failed?.status).toBe('rejected');
    up = true;
    // Fired again at once, as Chromium does on a line it counts as up: failed unasked, not a second round.
    const tries = asked.length;
    const [held] = await scope.fire('sync', { tag: 'feed-retry' });
    expect(held?.status).toBe('rejected');
    expect(asked.length).toBe(tries);
    // Minutes later, as the browser spaces its next try.
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + PAUSE_AFTER_FAILURE_MS);
    const [done] = await scope.fire('sync', { tag: 'feed-retry' });
    expect(done?.status).toBe('fulfilled');
    expect(await stored(db)).toEqual(['a']);
    vi.restoreAllMocks();
  });

  it('leaves a server that asked for an hour alone without spending the browser’s Background Sync tries on it', async () => {
    const busy = () => new Response('bận', { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '3600' } });
    const { scope, db, asked } = await freshWorker(busy);
    await scope.fire('message', { data: { type: 'sync' } });
    // An hour from the answer, recorded from the refresh's start: an hour and the few ms between.
    const { lastError } = (await getMeta(db, 'sync'))!;
    expect(lastError?.kind).toBe('http');
    expect(lastError?.retryAfterMs).toBeGreaterThanOrEqual(3_600_000);
    expect(lastError?.retryAfterMs).toBeLessThan(3_660_000);
    // Before: registered, then every try refused (failed) until Chromium gave up, 20 minutes on.
    expect(scope.registered).toEqual([]);
    const tries = asked.length;
    const [event] = await scope.fire('sync', { tag: 'feed-retry' });
    expect(event?.status).toBe('fulfilled');
    expect(asked.length).toBe(tries);
  });

  // Before, Periodic Background Sync asked again at once a server that had said «in an hour».
  it('when the browser wakes the installed app, leaves a server that asked for an hour alone until then', async () => {
    const busy = () => new Response('bận', { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '3600' } });
    const { scope, asked } = await freshWorker(busy);
    await scope.fire('message', { data: { type: 'sync' } });
    const tries = asked.length;
    await scope.fire('periodicsync', { tag: 'feed-refresh' });
    expect(asked.length).toBe(tries);
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 61 * 60_000);
    await scope.fire('periodicsync', { tag: 'feed-refresh' });
    expect(asked.length).toBe(tries + 1);
    vi.restoreAllMocks();
  });

  it('refreshes when the browser wakes the installed app, and ignores other tags', async () => {
    const { scope, db, asked } = await freshWorker(() => feedResponse(['a']));
    expect(await scope.fire('sync', { tag: 'something-else' })).toEqual([]);
    expect(await scope.fire('periodicsync', { tag: 'other' })).toEqual([]);
    expect(await scope.fire('message', { data: { type: 'SKIP_WAITING' } })).toEqual([]);
    expect(asked).toEqual([]);
    await scope.fire('periodicsync', { tag: 'feed-refresh' });
    expect(await stored(db)).toEqual(['a']);
  });
});
