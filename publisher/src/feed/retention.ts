/**
 * How many of the oldest items to let go. Whole archive pages go at a time,
 * so pages that stay keep their contents (and their names).
 */
import type { StoredItem } from './feed-item';

export function retire(
  items: readonly StoredItem[],
  options: { pageSize: number; maxItems: number; maxAgeDays: number; now: number },
): StoredItem[] {
  const sorted = [...items].sort((a, b) => a.seq - b.seq);
  const cutoff = options.now - options.maxAgeDays * 24 * 3600 * 1000;
  let start = 0;
  // Keep at least the head page's worth (two pages), whatever their age.
  while (sorted.length - start - options.pageSize >= 2 * options.pageSize) {
    const page = sorted.slice(start, start + options.pageSize);
    // Count-bound: never below maxItems, so between maxItems and maxItems + pageSize stay.
    const tooMany = sorted.length - start - options.pageSize >= options.maxItems;
    const tooOld = page.every((item) => item.published < cutoff);
    if (!tooMany && !tooOld) break;
    start += options.pageSize;
  }
  return sorted.slice(start);
}
