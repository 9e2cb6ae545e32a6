import type { PageCursor } from '../../shared/store/articles';
import type { ArticleCard } from '../../shared/store/schema';

/** Reads a list (all the news or one section) newest first, one page after `after`. */
export type PageReader = (limit: number, after?: PageCursor) => Promise<ArticleCard[]>;

export interface ListPage {
  rows: ArticleCard[];
  /** Where the next page starts; absent when the list has no more. */
  next?: PageCursor;
}

/**
 * Rows taken per store read while looking for unread ones: a reader who has
 * read hundreds of articles costs more reads, never a longer one.
 */
export const UNREAD_SCAN_CHUNK = 60;

const cursorOf = (article: ArticleCard): PageCursor => [article.published, article.id];

/**
 * Up to `limit` articles the reader has not read, newest first, continuing
 * after `after`: pages through the whole list in short reads until enough
 * are found or the list ends, so none is missed however far down it sits.
 */
export async function unreadPage(
  read: PageReader,
  isRead: (id: string) => boolean,
  limit: number,
  after?: PageCursor,
): Promise<ListPage> {
  const rows: ArticleCard[] = [];
  let cursor = after;
  for (;;) {
    const chunk = await read(UNREAD_SCAN_CHUNK, cursor);
    for (const article of chunk) {
      cursor = cursorOf(article);
      if (isRead(article.id)) continue;
      rows.push(article);
      if (rows.length === limit) return { rows, next: cursor };
    }
    if (chunk.length < UNREAD_SCAN_CHUNK) return { rows };
  }
}

/** One page of a whole list, with where the next one starts. */
export async function wholePage(read: PageReader, limit: number, after?: PageCursor): Promise<ListPage> {
  const rows = await read(limit, after);
  const last = rows[rows.length - 1];
  return rows.length < limit || !last ? { rows } : { rows, next: cursorOf(last) };
}
