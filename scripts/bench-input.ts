/**
 * The search benchmarks' inputs, read as the app reads them: a feed through
 * the app's own JSON Feed parser (duplicate ids, markup, missing titles and
 * dates handled as the app does, so the bench indexes what a reader's phone
 * would), query files checked against it. Anything unusable stops the bench
 * with one line saying what is wrong, not a stack trace midway.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseFeed } from '../src/shared/feed/parse';
import { FeedError, type Article } from '../src/shared/feed/types';
import { toSearchDoc } from '../src/shared/search/documents';
import type { SearchDoc } from '../src/shared/search/search-index';

export class BenchInputError extends Error {}

export const VARIANTS = ['exact', 'folded', 'nfd', 'upper', 'typo', 'old_new_tone', 'telex', 'vni'] as const;
export type Variant = (typeof VARIANTS)[number];
export type KnownItem = { target: string } & Partial<Record<Variant, string>>;
export interface Topical {
  query: string;
  /** Article id → grade: 2 on topic, 1 partly. */
  relevant: Record<string, number>;
}

function readText(path: string, what: string): string {
  if (!existsSync(path)) throw new BenchInputError(`${what}: no file at ${path}`);
  return readFileSync(path, 'utf8');
}

function readJson(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BenchInputError(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

export interface FeedArticles {
  /** As the app stores them. */
  articles: Article[];
  /** Items the app would drop, by reason (a duplicate id, no id, no content…). */
  dropped: Record<string, number>;
}

/** A JSON Feed file as the app would store it; undated items get `now`, as in the app. */
export function readFeedArticles(path: string, now = Date.now()): FeedArticles {
  const text = readText(path, 'Feed');
  let feed;
  try {
    // No size cap: the bench takes any feed, the app's 40 MB limit is for one download.
    feed = parseFeed(text, 'https://bench.invalid/feed.json', { maxBytes: Infinity, now });
  } catch (error) {
    if (error instanceof FeedError) throw new BenchInputError(`Feed ${path} is not a JSON Feed (${error.kind}): ${error.message}`);
    throw error;
  }
  if (feed.items.length === 0) throw new BenchInputError(`Feed ${path} has no usable items (${feed.dropped.length} dropped)`);
  const dropped: Record<string, number> = {};
  for (const d of feed.dropped) dropped[d.reason] = (dropped[d.reason] ?? 0) + 1;
  return { articles: feed.items, dropped };
}

export interface FeedDocs {
  docs: SearchDoc[];
  dropped: Record<string, number>;
}

/** The same, as search documents. */
export function readFeedDocs(path: string, now = Date.now()): FeedDocs {
  const { articles, dropped } = readFeedArticles(path, now);
  return { docs: articles.map(toSearchDoc), dropped };
}

export interface Queries<T> {
  queries: T[];
  /** Queries left out because their target (or every judged article) is not in the feed. */
  skipped: number;
}

/**
 * Known-item queries in the shared corpus's format, those whose target is in
 * the feed (a target it does not hold would count as a miss that says nothing
 * about search). None matching, or none usable, is an error.
 */
export function readKnownItems(path: string, ids: ReadonlySet<string>): Queries<KnownItem> {
  const value = readJson(path, 'Queries');
  if (!Array.isArray(value)) throw new BenchInputError(`Queries ${path}: expected an array of { target, exact, folded, … }`);
  const usable = value.filter(
    (q): q is KnownItem =>
      typeof q === 'object' && q !== null && typeof (q as KnownItem).target === 'string' && VARIANTS.some((v) => typeof (q as KnownItem)[v] === 'string'),
  );
  if (usable.length === 0 && value.length > 0) {
    throw new BenchInputError(`Queries ${path}: no query has a string "target" and one of ${VARIANTS.join(', ')}`);
  }
  const queries = usable.filter((q) => ids.has(q.target));
  if (usable.length > 0 && queries.length === 0) {
    throw new BenchInputError(`Queries ${path}: none of the ${usable.length} targets is an article of the feed (first: ${JSON.stringify(usable[0]?.target)})`);
  }
  return { queries, skipped: value.length - queries.length };
}

/** A judged topical set; queries none of whose judged articles is in the feed are left out (the default set is the shared corpus's). */
export function readTopical(path: string, ids: ReadonlySet<string>): Queries<Topical> {
  const value = readJson(path, 'Topical queries');
  if (!Array.isArray(value)) throw new BenchInputError(`Topical queries ${path}: expected an array of { query, relevant: { id: grade } }`);
  const queries = value.filter(
    (t): t is Topical =>
      typeof t === 'object' &&
      t !== null &&
      typeof (t as Topical).query === 'string' &&
      typeof (t as Topical).relevant === 'object' &&
      Object.keys((t as Topical).relevant ?? {}).some((id) => ids.has(id)),
  );
  return { queries, skipped: value.length - queries.length };
}

/** `--scale`: a whole number of articles, or none. */
export function readScale(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new BenchInputError(`--scale takes a whole number of articles, not ${JSON.stringify(text)}`);
  return n;
}
