/** Which articles to drop when space runs short or they outlive the reader's setting. Pure. */

export interface AgedArticle {
  id: string;
  published: number;
  /** When this device first stored it; an old article downloaded today is not "old" here. */
  fetchedAt: number;
}

/** The choices offered in settings; 0 keeps everything. */
export const KEEP_MONTHS_CHOICES = [1, 3, 6, 12, 0] as const;
export type KeepMonths = (typeof KEEP_MONTHS_CHOICES)[number];
export const DEFAULT_KEEP_MONTHS: KeepMonths = 6;

/** Articles neither published nor downloaded since this instant may go; undefined keeps all. */
export function keepCutoff(now: number, months: number): number | undefined {
  if (months <= 0) return undefined;
  const date = new Date(now);
  date.setMonth(date.getMonth() - months);
  return date.getTime();
}

function oldestFirst(a: AgedArticle, b: AgedArticle): number {
  return a.published - b.published || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Unsaved articles older than the cutoff by both their date and their download. */
export function expiredIds(rows: readonly AgedArticle[], saved: ReadonlySet<string>, cutoff: number | undefined): string[] {
  if (cutoff === undefined) return [];
  return rows
    .filter((row) => !saved.has(row.id) && Math.max(row.published, row.fetchedAt) < cutoff)
    .sort(oldestFirst)
    .map((row) => row.id);
}

/**
 * When a write fails for want of space: the oldest unsaved articles, a quarter
 * of them and at least `atLeast`, so one eviction makes room for more than one
 * refresh. `protect` (the articles being written) is never chosen. Ids come
 * oldest first, as the store's date index lists them.
 */
export function quotaVictims(
  idsOldestFirst: readonly string[],
  saved: ReadonlySet<string>,
  protect: ReadonlySet<string>,
  atLeast: number,
): string[] {
  const candidates = idsOldestFirst.filter((id) => !saved.has(id) && !protect.has(id));
  const count = Math.min(candidates.length, Math.max(atLeast, Math.ceil(candidates.length / 4)));
  return candidates.slice(0, count);
}
