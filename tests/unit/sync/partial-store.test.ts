import { describe, expect, it } from 'vitest';
import { PARTIAL_PAGE_CACHE } from '../../../src/shared/cache-names';
import type { KeptSegment } from '../../../src/shared/sync/partial-body';
import { cachedPartials } from '../../../src/shared/sync/partial-store';
import { memoryCaches } from './memory-caches';

const PAGE = 'https://bao.example/feed.json';
const OTHER = 'https://bao.example/feed.json?page=2';

const segment = (text: string, from: number, ifRange = '"v1"', total = 100): KeptSegment => ({
  ifRange,
  header: 'etag',
  total,
  from,
  bytes: new Blob([text]),
});

const keptText = async (store: ReturnType<typeof cachedPartials>, url = PAGE) => (await store.get(url))?.bytes.text();

describe('the store of pages cut off', () => {
  it('joins the segments of one version from byte 0, in order', async () => {
    const store = cachedPartials(memoryCaches());
    await store.add(PAGE, segment('abc', 0));
    await store.add(PAGE, segment('def', 3));
    await store.add(PAGE, segment('gh', 6));
    expect(await store.get(PAGE)).toMatchObject({ ifRange: '"v1"', header: 'etag', total: 100 });
    expect(await keptText(store)).toBe('abcdefgh');
    expect(await store.get(OTHER)).toBeUndefined();
  });

  it('never joins a segment of another version, or one that leaves a hole', async () => {
    const store = cachedPartials(memoryCaches());
    await store.add(PAGE, segment('abc', 0));
    await store.add(PAGE, segment('DEF', 3, '"v2"'));
    expect(await keptText(store)).toBe('abc');
    const holed = cachedPartials(memoryCaches());
    await holed.add(PAGE, segment('abc', 0));
    await holed.add(PAGE, segment('ghi', 6));
    expect(await keptText(holed)).toBe('abc');
  });

  it('starts over with a segment from byte 0, whatever page or version was kept before', async () => {
    const store = cachedPartials(memoryCaches());
    await store.add(OTHER, segment('xyz', 0));
    await store.add(OTHER, segment('uvw', 3));
    await store.add(PAGE, segment('ABC', 0, '"v2"'));
    expect(await store.get(OTHER)).toBeUndefined();
    expect(await store.get(PAGE)).toMatchObject({ ifRange: '"v2"' });
    expect(await keptText(store)).toBe('ABC');
  });

  it('drops a segment whose body is shorter than its header says (a write cut short), and all after it', async () => {
    const caches = memoryCaches();
    const store = cachedPartials(caches);
    await store.add(PAGE, segment('abc', 0));
    await store.add(PAGE, segment('def', 3));
    await store.add(PAGE, segment('ghi', 6));
    const cache = await caches.open(PARTIAL_PAGE_CACHE);
    const [, second] = await cache.keys();
    const headers = new Headers((await cache.match(second!))!.headers);
    await cache.put(second!, new Response('d', { headers }));
    expect(await keptText(store)).toBe('abc');
  });

  it('is emptied by clear', async () => {
    const caches = memoryCaches();
    const store = cachedPartials(caches);
    await store.add(PAGE, segment('abc', 0));
    await store.clear();
    expect(await store.get(PAGE)).toBeUndefined();
    expect(caches.entries()).toBe(0);
  });
});
