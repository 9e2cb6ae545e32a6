/** Following a paginated JSON Feed (`next_url`) for a sync. */
import type { Article, ParsedFeed } from './types';

export type StopReason = 'end' | 'max-pages' | 'all-known' | 'cycle';

export interface CollectOptions {
  maxPages: number;
  /** Whether an article id is already stored, i.e. we have caught up. */
  isKnown: (id: string) => boolean;
}

export interface CollectedPages {
  items: Article[];
  /** Items the parser dropped plus repeats of ids seen on an earlier page. */
  dropped: number;
  pages: number;
  stoppedBecause: StopReason;
}

function normaliseUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/**
 * Fetches pages from `firstUrl` on, newest first, until the feed ends, a page
 * repeats, `maxPages` is reached, or a page holds nothing new. Errors from
 * `fetchPage` propagate: a sync with a missing page must not look complete.
 */
export async function collectPages(
  firstUrl: string,
  fetchPage: (url: string) => Promise<ParsedFeed>,
  options: CollectOptions,
): Promise<CollectedPages> {
  const items: Article[] = [];
  const seen = new Set<string>();
  const visited = new Set<string>();
  let dropped = 0;
  let pages = 0;
  let url = firstUrl;
  for (;;) {
    if (pages >= options.maxPages) return { items, dropped, pages, stoppedBecause: 'max-pages' };
    visited.add(normaliseUrl(url));
    const page = await fetchPage(url);
    pages++;
    dropped += page.dropped.length;
    let allKnown = page.items.length > 0;
    for (const item of page.items) {
      // An id repeated from an earlier page counts as known: the server is replaying.
      if (!seen.has(item.id) && !options.isKnown(item.id)) allKnown = false;
      if (seen.has(item.id)) {
        dropped++;
        continue;
      }
      seen.add(item.id);
      items.push(item);
    }
    if (page.nextUrl === undefined) return { items, dropped, pages, stoppedBecause: 'end' };
    if (allKnown) return { items, dropped, pages, stoppedBecause: 'all-known' };
    if (visited.has(normaliseUrl(page.nextUrl))) return { items, dropped, pages, stoppedBecause: 'cycle' };
    url = page.nextUrl;
  }
}
