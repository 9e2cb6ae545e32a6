// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { refreshFeed } from '../../../src/shared/sync/refresh';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { setMeta } from '../../../src/shared/store/meta';

let opened: BaoDb | undefined;
let counter = 0;
afterEach(() => {
  opened?.close();
  vi.unstubAllGlobals();
});

/** A refresh against a network that is down, counting the tries it makes. */
async function triesWithStoredTiming(timing: Parameters<typeof setMeta<'syncTiming'>>[2] | undefined) {
  opened = await openStore({ name: `refresh-timing-${counter++}` });
  await setMeta(opened, 'feedUrl', 'https://example.org/feed.json');
  if (timing) await setMeta(opened, 'syncTiming', timing);
  const fetch = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) => Promise.reject(new TypeError('Failed to fetch')));
  vi.stubGlobal('fetch', fetch);
  const outcome = await refreshFeed(opened);
  // A failed GET is followed by a HEAD that tells a refusing source from an unreachable one; only GETs are tries.
  const tries = fetch.mock.calls.filter(([, init]) => (init?.method ?? 'GET') === 'GET').length;
  return { outcome, tries };
}

describe('the timing a refresh reads from the store (what browser tests shorten)', () => {
  it('retries as often as the stored override says, without the default back-off', async () => {
    const started = Date.now();
    const { outcome, tries } = await triesWithStoredTiming({ attempts: 2, baseDelayMs: 1 });
    expect(outcome.status).toBe('failed');
    expect(tries).toBe(2);
    // The default back-off alone would take 2 s.
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('gives up after one try when told so', async () => {
    const { tries } = await triesWithStoredTiming({ attempts: 1 });
    expect(tries).toBe(1);
  });
});
