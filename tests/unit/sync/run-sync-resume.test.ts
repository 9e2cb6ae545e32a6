import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { knownIds } from '../../../src/shared/store/articles';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import type { KeptPartial } from '../../../src/shared/sync/partial-body';
import type { PartialStore } from '../../../src/shared/sync/partial-store';
import { DEFAULT_TIMING, runSync, type SyncTiming } from '../../../src/shared/sync/run-sync';
import { dailyItems, feed } from '../../fixtures/feeds';

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

function memoryPartials(): PartialStore & { kept: Map<string, KeptPartial> } {
  const kept = new Map<string, KeptPartial>();
  return {
    kept,
    get: async (url) => kept.get(url),
    put: async (url, partial) => {
      kept.clear();
      kept.set(url, partial);
    },
    clear: async () => kept.clear(),
  };
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
    const partials = memoryPartials();
    const refresh = () => runSync({ db, feedUrl: FEED, fetch: network.fetch, now: () => NOW, emit: () => undefined, timing: TIMING, partials });

    expect(await refresh()).toMatchObject({ status: 'failed', kind: 'interrupted' });
    expect(partials.kept.get(FEED)).toMatchObject({ ifRange: '"v1"', header: 'etag', total: BODY.length });
    expect(partials.kept.get(FEED)!.bytes.size).toBe(CUT);

    network.heal();
    expect(await refresh()).toMatchObject({ status: 'updated', added: 40 });
    expect(network.asked.map((headers) => headers.get('range'))).toEqual([null, `bytes=${CUT}-`]);
    expect((await knownIds(db)).size).toBe(40);
    expect(partials.kept.size).toBe(0);
  });

  it('is forgotten once the page turns out too large, so no later refresh asks for its rest again', async () => {
    const db = await openStore({ name: 'test-run-sync-resume-too-large' });
    opened.push(db);
    const network = host();
    const partials = memoryPartials();
    const refresh = (maxBytes: number) =>
      runSync({ db, feedUrl: FEED, fetch: network.fetch, now: () => NOW, emit: () => undefined, timing: { ...TIMING, maxBytes }, partials });

    expect(await refresh(BODY.length)).toMatchObject({ status: 'failed', kind: 'interrupted' });
    expect(partials.kept.size).toBe(1);
    network.heal();
    // Its whole length, from the answer for the rest, is over the limit now.
    expect(await refresh(CUT + 100)).toMatchObject({ status: 'failed', kind: 'too-large' });
    expect(network.asked[1]!.get('range')).toBe(`bytes=${CUT}-`);
    expect(partials.kept.size).toBe(0);
  });
});
