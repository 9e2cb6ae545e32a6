import { walkFeed } from '../feed/pages';
import { DEFAULT_MAX_BYTES, parseFeed } from '../feed/parse';
import { FeedError, type Article } from '../feed/types';
import { getArticle, knownIds, mergeArticles } from '../store/articles';
import { evictExpired } from '../store/evict';
import { isStorageFull } from '../store/storage-full';
import { getMeta, setMeta } from '../store/meta';
import type { BaoDb } from '../store/open';
import { mergeAction } from '../store/merge';
import type { PageMemory, StoredArticle, SyncMeta } from '../store/schema';
import type { SyncEvent, SyncOutcome } from './events';
import { SyncFailure } from './failure';
import { refreshBudget, type ConnectionHints } from './budget';
import { fetchFeed, type Timers } from './fetch-feed';
import { newestFirst } from './first-screen';
import { PartialBody } from './partial-body';
import { PartialKeeper } from './partial-keeper';
import type { PartialStore } from './partial-store';
import { withRetry, type RetryPolicy } from './retry';

export interface SyncTiming {
  /** The whole refresh, every page and retry included, and so also any one download. */
  timeoutMs: number;
  stallMs: number;
  /** Largest feed page downloaded, in bytes. */
  maxBytes: number;
  /** Forces the bytes a refresh may spend beyond its first page (tests); otherwise the connection decides. */
  budgetBytes?: number;
  /** Forces the time it may spend following pages (tests); otherwise the connection decides. */
  budgetMs?: number;
  retry: RetryPolicy;
}

export const DEFAULT_TIMING: SyncTiming = {
  timeoutMs: 5 * 60_000,
  stallMs: 15_000,
  maxBytes: DEFAULT_MAX_BYTES,
  retry: {
    // The first try and three retries.
    attempts: 4,
    baseDelayMs: 2_000,
    maxDelayMs: 30_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
  },
};

export interface SyncContext {
  db: BaoDb;
  feedUrl: string;
  fetch: typeof fetch;
  now: () => number;
  emit: (event: SyncEvent) => void;
  timing?: SyncTiming;
  /** navigator.onLine of whoever runs the refresh; absent: assumed online. */
  isOnline?: () => boolean;
  /** The app's origin: a feed elsewhere may be refused by CORS. */
  appOrigin?: string;
  timers?: Timers;
  /** navigator.connection, where the browser has it: Wi-Fi lets the archive be followed further. */
  connection?: ConnectionHints;
  /** The reader pressed «Tải thêm bài cũ»: follow older pages even on a metered line. */
  wantArchive?: boolean;
  /** Where a refresh keeps the start of the page it downloads, for the next to resume if it is cut off; absent: nowhere. */
  partials?: PartialStore;
}

/** Pages remembered beyond this many are forgotten, oldest first: only the head is asked again. */
const REMEMBERED_PAGES = 20;

/**
 * One refresh: download the new articles at the head of the feed (as many
 * `next_url` pages as hold something new or changed, each asked
 * conditionally), then as much of the older archive as the budget allows,
 * validate all of it, then merge it in one transaction. Any failure leaves the
 * store exactly as it was and is recorded for the status bar. Only a first
 * download, into an empty store, stores each page as it arrives (a long one
 * newest articles first).
 */
export async function runSync(context: SyncContext): Promise<SyncOutcome> {
  const { db, feedUrl, now, emit } = context;
  const timing = context.timing ?? DEFAULT_TIMING;
  const previous = await getMeta(db, 'sync');
  const sameFeed = previous?.feedUrl === feedUrl;
  const remembered = sameFeed ? rememberedPages(previous, feedUrl) : {};
  const attemptAt = now();
  emit({ type: 'start' });
  const deadline = attemptAt + timing.timeoutMs;
  const budget = refreshBudget(context.connection, context.wantArchive === true);
  const budgetBytes = timing.budgetBytes ?? budget.bytes;
  const budgetEnds = attemptAt + Math.min(timing.budgetMs ?? budget.ms, timing.timeoutMs);
  let spent = 0;
  const pages: Record<string, PageMemory> = {};
  /** Pages whose articles are in the store: only their validators outlive a failed refresh. */
  const storedPages = new Set<string>();

  let page = 0;
  /** The feed server's clock, as its last answer told it. */
  let serverNow: number | undefined;
  /** What came of the page a failed refresh was cut off in. */
  let cut: PartialKeeper | undefined;
  const download = async (url: string) => {
    page++;
    const pageNumber = page;
    const memory = remembered[url];
    // Bytes a try (of this refresh, or of one that failed before) received before its connection dropped:
    // the next try asks only for the rest.
    const partial = await PartialBody.resumed(await context.partials?.get(url).catch(() => undefined));
    // Written as it comes, so that a refresh killed mid-page leaves it too.
    const keeper = new PartialKeeper(context.partials, url, partial);
    return withRetry(
      async () => {
        // Retries and later pages share what is left of the refresh's time.
        const remaining = deadline - now();
        if (remaining <= 0) throw new SyncFailure('timeout', 'Refresh took too long');
        const response = await fetchFeed({
          url,
          etag: memory?.etag,
          lastModified: memory?.lastModified,
          fetch: context.fetch,
          timeoutMs: remaining,
          stallMs: timing.stallMs,
          maxBytes: timing.maxBytes,
          oversizedPrefix: memory?.tooLargePrefix,
          partial,
          timers: context.timers,
          isOnline: context.isOnline,
          appOrigin: context.appOrigin,
          onProgress: (received, total) => {
            keeper.progress();
            emit({ type: 'progress', page: pageNumber, received, total });
          },
        });
        // Still the same page that was too large last time: refused again without its body.
        if (response.status === 'not-modified' && memory?.tooLarge) {
          throw new SyncFailure('too-large', 'Feed page is still too large', { validators: memory });
        }
        return response;
      },
      timing.retry,
      // A server that asks to be left alone longer than a retry waits (Retry-After) is not asked again now:
      // the reader hears at once rather than watch «Đang thử lại» for nothing.
      (error) =>
        error instanceof SyncFailure &&
        error.transient &&
        now() < deadline &&
        (error.retryAfterMs ?? 0) <= timing.retry.maxDelayMs,
      (attempt, delayMs) => emit({ type: 'retry', retry: attempt, retries: timing.retry.attempts - 1, delayMs }),
      // Nor is it asked again, within that limit, before the time it gave.
      (error) => (error instanceof SyncFailure ? error.retryAfterMs : undefined),
    ).then(
      async (response) => {
        await keeper.finish();
        if (response.status === 'ok') {
          spent += response.bytes;
          pages[url] = { etag: response.etag, lastModified: response.lastModified };
        } else if (memory) pages[url] = memory;
        return response;
      },
      async (error: unknown) => {
        if (error instanceof SyncFailure && error.kind === 'too-large') {
          await keeper.stop();
          pages[url] = { ...error.validators, tooLarge: true, tooLargePrefix: error.prefix };
        } else {
          cut = keeper;
        }
        throw error;
      },
    );
  };

  let outcome: SyncOutcome;
  try {
    // One read of the keys spares a read of every new article to learn it is new.
    const known = await knownIds(db);
    const stored = new Set<string>();
    const counts = { added: 0, updated: 0 };
    const store = async (items: readonly Article[]) => {
      const fresh: Article[] = [];
      for (const item of items) {
        if (stored.has(item.id)) continue;
        stored.add(item.id);
        fresh.push(item);
      }
      if (fresh.length === 0) return;
      // On a full disk the merge makes room only together with the write that needs it.
      const merged = await mergeArticles(db, fresh, attemptAt);
      counts.added += merged.added;
      counts.updated += merged.updated;
    };
    // The first download stores each page as it arrives, so the reader has the
    // newest articles while older pages still download; an empty store has
    // nothing a later failure could leave half updated, and pages that did not
    // arrive are read later as the archive.
    const firstDownload = known.size === 0;
    const walk = await walkFeed(
      feedUrl,
      async (url) => {
        const response = await download(url);
        serverNow = response.serverTime ?? serverNow;
        if (response.status === 'not-modified') return 'unchanged';
        // A phone whose clock is behind would take every article for one dated ahead (and date it itself):
        // the server's clock, when later, says what «now» is for the feed.
        const page = parseFeed(response.text, url, { now: Math.max(attemptAt, response.serverTime ?? attemptAt) });
        if (firstDownload) {
          for (const slice of newestFirst(page.items)) await store(slice);
          storedPages.add(url);
        }
        return page;
      },
      {
        isUnchanged: async (item) => known.has(item.id) && isStoredAsIs(await getArticle(db, item.id), item),
        mayFetchMore: () => spent < budgetBytes && now() < budgetEnds,
        archiveCursor: sameFeed && previous?.archive ? previous.archive.next : 'unknown',
        followArchive: budget.followArchive || context.wantArchive === true,
      },
    );
    const memory = { ...remembered, ...pages };
    const archive = walk.cursor === 'unknown' ? undefined : { next: walk.cursor };
    if (walk.items.length === 0 && walk.head === 'unchanged' && walk.pages === 1) {
      await recordSuccess(db, { ...previous, feedUrl, pages: trimmed(memory), archive: previous?.archive }, attemptAt);
      outcome = { status: 'not-modified' };
    } else {
      await store(walk.items);
      await recordSuccess(db, { feedUrl, pages: trimmed(memory), archive }, attemptAt);
      outcome = { status: 'updated', ...counts, dropped: walk.dropped };
    }
    // Housekeeping, not part of the refresh: its failure must not turn a good refresh into a failed one.
    // Nor does a clock ahead make everything stored before it jumped «months old»: the earlier clock says.
    await evictExpired(db, Math.min(attemptAt, serverNow ?? attemptAt)).catch(() => undefined);
    await context.partials?.clear().catch(() => undefined);
  } catch (error) {
    const failure = toFailure(error);
    // Counted from the refresh's start, the time its failure is dated by: the answer may have come minutes later.
    const retryAfter = failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs + Math.max(0, now() - attemptAt) };
    // Recording it may fail too (a full disk): the reader must still hear how it ended.
    await setMeta(db, 'sync', {
      ...(sameFeed ? previous : { feedUrl }),
      feedUrl,
      // A page read but not merged must be read again: with its new ETag remembered, the head's
      // 304 would end the next refresh and its articles would never come.
      pages: trimmed({ ...remembered, ...outlivingFailure(pages, storedPages) }),
      lastAttempt: attemptAt,
      lastError: { kind: failure.kind, at: attemptAt, ...retryAfter },
    }).catch(() => undefined);
    // What came of the page it was cut off in, for the next refresh; a page refused as too large is not resumed.
    if (cut) await cut.flush();
    else if (failure.kind === 'too-large') await context.partials?.clear().catch(() => undefined);
    outcome = { status: 'failed', kind: failure.kind, at: attemptAt, ...retryAfter };
  }
  emit({ type: 'done', outcome });
  return outcome;
}

/**
 * An article the store already holds as the feed gives it. The page it came
 * from does not count: as new articles arrive, older ones move down a page.
 */
function isStoredAsIs(stored: StoredArticle | undefined, item: Article): boolean {
  return stored !== undefined && mergeAction(stored, { ...item, baseUrl: stored.baseUrl }) === 'same';
}

/** Validators by page URL; an older record kept only the first page's, at the top level. */
function rememberedPages(previous: SyncMeta | undefined, feedUrl: string): Record<string, PageMemory> {
  const pages = { ...previous?.pages };
  if (!pages[feedUrl] && (previous?.etag || previous?.lastModified)) {
    pages[feedUrl] = { etag: previous.etag, lastModified: previous.lastModified };
  }
  return pages;
}

/** The most recently used pages (object keys keep insertion order; re-used pages were re-inserted last). */
function trimmed(pages: Record<string, PageMemory>): Record<string, PageMemory> {
  const entries = Object.entries(pages);
  return Object.fromEntries(entries.slice(Math.max(0, entries.length - REMEMBERED_PAGES)));
}

async function recordSuccess(db: BaoDb, meta: SyncMeta, at: number): Promise<void> {
  await setMeta(db, 'sync', { ...meta, lastAttempt: at, lastSuccess: at, lastError: undefined });
}

function toFailure(error: unknown): SyncFailure {
  if (error instanceof SyncFailure) return error;
  if (error instanceof FeedError) {
    // A login or error page where the feed should be: the network, not the feed, is the problem.
    const kind = error.kind === 'html' ? 'captive-portal' : error.kind === 'too-large' ? 'too-large' : 'invalid-feed';
    return new SyncFailure(kind, error.message, { feedError: error.kind });
  }
  if (isStorageFull(error)) return new SyncFailure('quota', 'Storage is full');
  return new SyncFailure('aborted', error instanceof Error ? error.message : String(error));
}

/** What a failed refresh remembers of the pages it read: those it stored, and those refused as too large. */
function outlivingFailure(pages: Record<string, PageMemory>, stored: ReadonlySet<string>): Record<string, PageMemory> {
  return Object.fromEntries(Object.entries(pages).filter(([url, memory]) => stored.has(url) || memory.tooLarge));
}
