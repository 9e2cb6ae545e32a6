import { PARTIAL_PAGE_CACHE } from '../cache-names';
import type { KeptPartial, KeptSegment } from './partial-body';

/**
 * Where a refresh keeps the start of the page it is downloading, as it comes,
 * for a later refresh to resume if this one is cut off or killed. One page.
 */
export interface PartialStore {
  /** The longest start of `url`'s page held, all of one version; undefined if none. */
  get(url: string): Promise<KeptPartial | undefined>;
  /** Keeps a segment of this page; one from byte 0 replaces anything kept before. */
  add(url: string, segment: KeptSegment): Promise<void>;
  clear(): Promise<void>;
}

const URL_HEADER = 'x-url';
const IF_RANGE = 'x-if-range';
const VALIDATOR = 'x-validator';
const TOTAL = 'x-total';
const FROM = 'x-from';
const LENGTH = 'x-length';

/**
 * In the Cache API, not IndexedDB: a write of megabytes there would hold
 * every read of the store behind it, and a cached body is kept as a file.
 * Each segment is an entry of its own, so a write costs the bytes it adds,
 * not the whole start again. Every entry names its page, version, offset
 * and length in its own headers, written with its bytes in one put: a read
 * joins segments only while each is whole, starts where the last ended and
 * is of the first one's version, so no kill between writes can join two
 * versions or leave a hole.
 */
export function cachedPartials(storage: CacheStorage): PartialStore {
  return {
    async get(url) {
      if (!(await storage.has(PARTIAL_PAGE_CACHE))) return undefined;
      const responses = await (await storage.open(PARTIAL_PAGE_CACHE)).matchAll();
      const segments = (await Promise.all(responses.map(segmentOf)))
        .filter((segment): segment is KeptSegment & { url: string } => segment?.url === url)
        .sort((a, b) => a.from - b.from);
      return joined(segments);
    },
    async add(url, segment) {
      const cache = await storage.open(PARTIAL_PAGE_CACHE);
      if (segment.from === 0) await Promise.all((await cache.keys()).map((key) => cache.delete(key)));
      const headers: Record<string, string> = {
        [URL_HEADER]: url,
        [IF_RANGE]: segment.ifRange,
        [VALIDATOR]: segment.header,
        [FROM]: String(segment.from),
        [LENGTH]: String(segment.bytes.size),
      };
      if (segment.total !== undefined) headers[TOTAL] = String(segment.total);
      await cache.put(segmentKey(url, segment.from), new Response(segment.bytes, { headers }));
    },
    async clear() {
      await storage.delete(PARTIAL_PAGE_CACHE);
    },
  };
}

/** The entry's key: the page's URL, told apart by offset (never fetched). */
function segmentKey(url: string, from: number): string {
  const key = new URL(url);
  key.searchParams.append('bao-kept-from', String(from));
  return key.href;
}

async function segmentOf(response: Response): Promise<(KeptSegment & { url: string }) | undefined> {
  const number = (name: string) => {
    const value = Number(response.headers.get(name) ?? NaN);
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  };
  const url = response.headers.get(URL_HEADER);
  const ifRange = response.headers.get(IF_RANGE);
  const header = response.headers.get(VALIDATOR);
  const from = number(FROM);
  const length = number(LENGTH);
  if (!url || !ifRange || (header !== 'etag' && header !== 'last-modified') || from === undefined || length === undefined) return undefined;
  const bytes = await response.blob().catch(() => undefined);
  // A body shorter than its header says was not written whole.
  if (bytes?.size !== length) return undefined;
  return { url, ifRange, header, total: number(TOTAL), from, bytes };
}

/** The segments from byte 0 on, while each starts where the last ended and is of the same version. */
function joined(segments: readonly KeptSegment[]): KeptPartial | undefined {
  const first = segments[0];
  if (!first || first.from !== 0) return undefined;
  const parts: Blob[] = [];
  let length = 0;
  for (const segment of segments) {
    const sameVersion = segment.ifRange === first.ifRange && segment.header === first.header && segment.total === first.total;
    if (segment.from !== length || !sameVersion) break;
    parts.push(segment.bytes);
    length += segment.bytes.size;
  }
  return { ifRange: first.ifRange, header: first.header, total: first.total, bytes: new Blob(parts) };
}
