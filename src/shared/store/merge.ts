import type { Article, PictureSize } from '../feed/types';
import { toRecord } from './derived';
import type { StoredArticle } from './schema';

export type MergeAction = 'add' | 'update' | 'same';

/** What a merge did, counted as it goes. */
export interface MergeTally {
  added: number;
  updated: number;
  /** Ids of the articles that were added or changed, for the search index. */
  changedIds: string[];
}

const COMPARED_FIELDS = [
  'url',
  'title',
  'contentHtml',
  'contentText',
  'summary',
  'image',
  'bannerImage',
  'published',
  'modified',
  'baseUrl',
] as const satisfies readonly (keyof Article)[];

function sameList<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => eq(x, b[i] as T));
}

function samePicture(a: PictureSize | undefined, b: PictureSize | undefined): boolean {
  return a === b || (!!a && !!b && a.url === b.url && a.width === b.width && a.height === b.height && a.srcset === b.srcset);
}

/**
 * An item the feed gives no date keeps the date it was first stored with:
 * otherwise each refresh would date it anew, move it to the top of the list
 * and count it (and, for a saved one, its «newer version») as changed.
 */
function withKeptDate(existing: StoredArticle | undefined, incoming: Article): Article {
  return existing && incoming.undated ? { ...incoming, published: existing.published } : incoming;
}

/** Decides what a feed item does to the stored copy of the same id. */
export function mergeAction(existing: StoredArticle | undefined, item: Article): MergeAction {
  if (!existing) return 'add';
  const incoming = withKeptDate(existing, item);
  for (const field of COMPARED_FIELDS) {
    if (existing[field] !== incoming[field]) return 'update';
  }
  const sameTags = sameList(existing.tags, incoming.tags, (x, y) => x === y);
  const sameAuthors = sameList(existing.authors, incoming.authors, (x, y) => x.name === y.name && x.url === y.url);
  const samePictures = samePicture(existing.thumbnail, incoming.thumbnail) && samePicture(existing.imageSizes, incoming.imageSizes);
  return sameTags && sameAuthors && samePictures ? 'same' : 'update';
}

/** The record to store: the feed's latest fields (and what derives from them), the first time this device saw it. */
export function toStored(existing: StoredArticle | undefined, incoming: Article, now: number): StoredArticle {
  return toRecord(withKeptDate(existing, incoming), existing?.fetchedAt ?? now);
}

/** Counts what `incoming` does to `existing` into `tally`; the record to write, or undefined when nothing changed. */
export function tallyMerge(
  tally: MergeTally,
  existing: StoredArticle | undefined,
  incoming: Article,
  now: number,
): StoredArticle | undefined {
  const action = mergeAction(existing, incoming);
  if (action === 'same') return undefined;
  if (action === 'add') tally.added++;
  else tally.updated++;
  tally.changedIds.push(incoming.id);
  return toStored(existing, incoming, now);
}
