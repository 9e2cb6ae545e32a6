/**
 * Following a paginated JSON Feed (`next_url`, newest first) for a refresh:
 * first the head, from the feed's own URL down to what is already stored,
 * then, with what the refresh may still spend, the older archive from where
 * an earlier refresh stopped.
 */
import type { Article, ParsedFeed } from './types';

/** A page as fetched: its feed, or 'unchanged' when the server answered 304 to our validators. */
export type FetchedPage = ParsedFeed | 'unchanged';

export type StopReason =
  /** The feed has no older page. */
  | 'end'
  /** A page held an article already stored as it is: everything older is stored too. */
  | 'caught-up'
  /** A page the server says has not changed since we read it. */
  | 'unchanged'
  /** The refresh's bytes or time ran out; `cursor` says where to go on. */
  | 'budget'
  /** A next_url pointed back to a page already read. */
  | 'cycle'
  /** An older page failed; `cursor` stays on it to try again next time. */
  | 'failed';

export interface WalkOptions {
  /** Whether this article is already stored exactly as the page gives it. */
  isUnchanged: (item: Article) => boolean | Promise<boolean>;
  /** Asked before every page after the first: false ends the walk with a cursor. */
  mayFetchMore: () => boolean;
  /**
   * Where an earlier refresh stopped following older pages: `undefined` when
   * the archive is complete, 'unknown' when no refresh has said yet.
   */
  archiveCursor: string | 'unknown' | undefined;
  /** Whether to go on into the archive once the head is caught up (unmetered, or asked for). */
  followArchive: boolean;
}

export interface Walk {
  items: Article[];
  /** Items the parser dropped plus repeats of ids seen on an earlier page. */
  dropped: number;
  pages: number;
  head: StopReason;
  archive?: StopReason;
  /** The next older page to fetch on a later refresh; undefined once the archive is complete. */
  cursor: string | 'unknown' | undefined;
}

function normaliseUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/**
 * Walks the head of the feed, then the archive. Errors on the head propagate (a
 * refresh with a missing new page must not look complete); an archive page
 * that fails only ends the walk, keeping what came before it.
 */
export async function walkFeed(
  feedUrl: string,
  fetchPage: (url: string) => Promise<FetchedPage>,
  options: WalkOptions,
): Promise<Walk> {
  const items: Article[] = [];
  const seen = new Set<string>();
  const visited = new Set<string>();
  const walk = { items, dropped: 0, pages: 0 };

  /** Reads pages from `url` on; returns why it stopped and the page it would read next. */
  async function follow(url: string, stopWhenCaughtUp: boolean, first: boolean): Promise<{ stop: StopReason; next?: string }> {
    for (;;) {
      if (visited.has(normaliseUrl(url))) return { stop: 'cycle' };
      if (!first && !options.mayFetchMore()) return { stop: 'budget', next: url };
      first = false;
      visited.add(normaliseUrl(url));
      let page: FetchedPage;
      try {
        page = await fetchPage(url);
      } catch (error) {
        if (stopWhenCaughtUp) throw error;
        return { stop: 'failed', next: url };
      }
      walk.pages++;
      if (page === 'unchanged') return { stop: 'unchanged' };
      walk.dropped += page.dropped.length;
      let caughtUp = false;
      for (const item of page.items) {
        if (seen.has(item.id)) {
          walk.dropped++;
          continue;
        }
        seen.add(item.id);
        if (await options.isUnchanged(item)) caughtUp = true;
        else items.push(item);
      }
      if (page.nextUrl === undefined) return { stop: 'end' };
      if (caughtUp && stopWhenCaughtUp) return { stop: 'caught-up', next: page.nextUrl };
      url = page.nextUrl;
    }
  }

  const head = await follow(feedUrl, true, true);
  if (head.stop === 'end' || head.stop === 'cycle') return { ...walk, head: head.stop, cursor: undefined };
  // Ran out before catching up: the rest of the head comes first next time (older archive pages follow it).
  if (head.stop === 'budget') return { ...walk, head: head.stop, cursor: head.next };
  // The first refresh that learns where the head ends starts the archive there.
  const cursor = options.archiveCursor === 'unknown' ? (head.next ?? 'unknown') : options.archiveCursor;
  if (cursor === undefined || cursor === 'unknown' || !options.followArchive || !options.mayFetchMore()) {
    return { ...walk, head: head.stop, cursor };
  }
  const archive = await follow(cursor, false, true);
  const next = archive.stop === 'end' || archive.stop === 'cycle' ? undefined : archive.next;
  return { ...walk, head: head.stop, archive: archive.stop, cursor: next };
}
