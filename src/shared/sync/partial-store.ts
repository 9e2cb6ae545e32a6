import { PARTIAL_PAGE_CACHE } from '../cache-names';
import type { KeptPartial } from './partial-body';

/** Where a failed refresh leaves the start of the page it was cut off in. */
export interface PartialStore {
  get(url: string): Promise<KeptPartial | undefined>;
  /** Keeps this page's start in place of anything kept before. */
  put(url: string, partial: KeptPartial): Promise<void>;
  clear(): Promise<void>;
}

const IF_RANGE = 'x-if-range';
const HEADER = 'x-validator';
const TOTAL = 'x-total';

/**
 * In the Cache API, not IndexedDB: a write of megabytes there would hold
 * every read of the store behind it, and a cached body is kept as a file.
 */
export function cachedPartials(storage: CacheStorage): PartialStore {
  return {
    async get(url) {
      if (!(await storage.has(PARTIAL_PAGE_CACHE))) return undefined;
      const response = await (await storage.open(PARTIAL_PAGE_CACHE)).match(url);
      const ifRange = response?.headers.get(IF_RANGE);
      const header = response?.headers.get(HEADER);
      if (!response || !ifRange || (header !== 'etag' && header !== 'last-modified')) return undefined;
      const total = Number(response.headers.get(TOTAL) ?? NaN);
      return { ifRange, header, total: Number.isSafeInteger(total) ? total : undefined, bytes: await response.blob() };
    },
    async put(url, partial) {
      await storage.delete(PARTIAL_PAGE_CACHE);
      const headers: Record<string, string> = { [IF_RANGE]: partial.ifRange, [HEADER]: partial.header };
      if (partial.total !== undefined) headers[TOTAL] = String(partial.total);
      await (await storage.open(PARTIAL_PAGE_CACHE)).put(url, new Response(partial.bytes, { headers }));
    },
    async clear() {
      await storage.delete(PARTIAL_PAGE_CACHE);
    },
  };
}
