import type { DBSchema } from 'idb';
import type { DerivedText } from '../feed/derive';
import type { Article } from '../feed/types';

export const DB_NAME = 'bao-offline';
export const DB_VERSION = 7;

/** One entry of the related-articles index: newest first within a tag. */
export type TopicKey = [tag: string, published: number, id: string];

/**
 * An article as stored: the feed's fields, when this device first got it, and
 * what is derived from it once when stored (version 3), so no screen works it
 * out from the whole body.
 */
export interface StoredArticle extends Article, DerivedText {
  fetchedAt: number;
  /** One key per tag, indexed by `by-topic` for «Các tin khác». */
  topicKeys: TopicKey[];
  /**
   * The url as «which article» (same-story.ts), indexed by `by-url` (version 7)
   * to find a story the feed gives under a new id; absent when the url names
   * no one article.
   */
  urlKey?: string;
}

/** The fields of an article's body: the one part that can be megabytes long. */
export type BodyField = 'contentHtml' | 'contentText';

/**
 * An article without its body, as `articles` holds it since version 5: all
 * the list, sections, «Các tin khác» and neighbours read, so paging never
 * deserialises a body. Records stored before version 5 may still carry it
 * until backfillDerived() reaches them.
 */
export type ArticleCard = Omit<StoredArticle, BodyField>;

/** An article's body, in `bodies` under the article's id (version 5). */
export interface ArticleBody extends Partial<Pick<Article, BodyField>> {
  id: string;
}

/**
 * What the reader did with an article. Kept apart from `articles` so that a
 * feed refresh, which rewrites articles, can never touch it.
 */
export interface ReaderState {
  id: string;
  /** When the reader opened it (epoch ms). */
  readAt?: number;
  /** When the reader saved it; saved articles are never evicted. */
  savedAt?: number;
  /**
   * The article as the reader saved it (or the newer version they chose to
   * keep), without its body: that is in `savedBodies` under the same id
   * (version 6), so the saved list and the read marks never read a body.
   * A refresh rewrites `articles`, never this copy.
   */
  savedCopy?: ArticleCard;
}

export interface SyncError {
  kind: SyncErrorKind;
  at: number;
  /** How long the server asked not to be asked again (Retry-After on a 429/503), in ms. */
  retryAfterMs?: number;
}

export type SyncErrorKind =
  /** The phone has no network (the browser says so). */
  | 'offline'
  /** The phone has a network but the source cannot be reached. */
  | 'unreachable'
  /** The source answers but will not let the app read it (401/403, no CORS). */
  | 'refused'
  /** The source is larger than the app will download. */
  | 'too-large'
  /** The connection died part-way through the feed. */
  | 'interrupted'
  | 'timeout'
  | 'stalled'
  | 'http'
  /** The source says it has too many readers just now (429): nothing is broken, it asks for patience. */
  | 'busy'
  | 'captive-portal'
  | 'invalid-feed'
  | 'quota'
  | 'aborted';

export interface SyncMeta {
  feedUrl: string;
  etag?: string;
  lastModified?: string;
  /** Last time a download finished and was merged (or confirmed unchanged). */
  lastSuccess?: number;
  lastAttempt?: number;
  lastError?: SyncError;
  /** What was learnt of each feed page URL lately, so that every page request is conditional. */
  pages?: Record<string, PageMemory>;
  /** How far the walk into older pages has got; absent until a refresh has found out. */
  archive?: ArchiveProgress;
}

export interface PageMemory {
  etag?: string;
  lastModified?: string;
  /** The page was over the download limit: a 304 to these validators means it still is. */
  tooLarge?: boolean;
  /**
   * A body without validators cut off at the limit: the SHA-256 of its first
   * 64 KB. The same body is refused again once that much is read.
   */
  tooLargePrefix?: string;
}

export interface ArchiveProgress {
  /** The next older page to fetch; absent once the feed's end has been reached. */
  next?: string;
}

export interface MetaValues {
  sync: SyncMeta;
  /** The feed the reader chose in settings; absent means the built-in default. */
  feedUrl: string;
  /** Bumped by every write to `articles`, so derived data (the search snapshot) knows when it is stale. */
  articlesRevision: number;
  /** Which articles changed since a revision, so an older search snapshot can catch up cheaply. */
  searchBacklog: SearchBacklog;
  /** The page's data-saver choice, mirrored for the service worker (which cannot read localStorage). */
  dataSaver: boolean;
  /** Months an unsaved article is kept (0: for ever); absent means the default. */
  keepMonths: number;
  /**
   * Shorter time-outs and retries than the defaults, for the browser tests
   * (which run the production build) and for diagnosing a device by hand.
   */
  syncTiming: SyncTimingOverride;
  /**
   * The search index saves its positions apart, as pages, above this many
   * bytes (absent: above its page cache's size, position-pages.ts); lower
   * for the browser tests, whose archives are small.
   */
  searchPagesAbove: number;
  /**
   * Present while records stored before version 3 still lack derived text, or
   * records stored before version 5 still hold their body; `after`: the last id done.
   */
  derivedBackfill: { after?: string };
  /** Feed ids of stories stored under an earlier id, with that id (ids.ts). */
  idAliases: Record<string, string>;
  /** The last refresh generation given out for staging (version 4). */
  stagingGen: number;
  /**
   * Present while a committed refresh's staged records still overlay
   * `articles` (they are being folded in): readers take a record from
   * `staging` under this generation before `articles`.
   */
  overlay: Overlay;
}

export interface Overlay {
  gen: number;
  /** How many records still staged are new articles rather than new versions of stored ones. */
  added: number;
  /**
   * What the records still staged change in each topic's count (a new
   * version may change its tags): `by-topic` over `articles` plus this is
   * the committed feed's count. Absent in an overlay committed before it
   * was kept (a topic's count then climbs as it folds).
   */
  topics?: TopicChanges;
}

export type TopicChanges = Record<string, number>;

/**
 * A record written by a refresh before it is visible: its generation, whether
 * it is a new article, and the record without its body (in `stagingBodies`;
 * generations staged before version 5 still carry it).
 */
export type StagedArticle = ArticleCard & Partial<Pick<Article, BodyField>> & { gen: number; isNew: boolean };

/** A staged record's body. */
export type StagedBody = ArticleBody & { gen: number };

export interface SyncTimingOverride {
  timeoutMs?: number;
  stallMs?: number;
  attempts?: number;
  baseDelayMs?: number;
  /** Largest feed page downloaded, in bytes. */
  maxBytes?: number;
  /** Bytes a refresh may spend on pages beyond the first, whatever the connection. */
  budgetBytes?: number;
  /** Time a refresh may spend following pages, whatever the connection. */
  budgetMs?: number;
}

export type MetaKey = keyof MetaValues;

export interface BaoSchema extends DBSchema {
  articles: {
    key: string;
    /** Without the body since version 5 (see ArticleCard). */
    value: ArticleCard & Partial<Pick<Article, BodyField>>;
    /** [published, id] so pages of the list can resume exactly after the last row shown. */
    indexes: { 'by-published': [number, string]; 'by-topic': TopicKey; 'by-url': string };
  };
  meta: {
    key: MetaKey;
    value: MetaValues[MetaKey];
  };
  reader: {
    key: string;
    value: ReaderState;
    /**
     * Version 6: only read, or only saved, states are in each, so read marks
     * and the saved list take keys (or saved states) without a scan.
     */
    indexes: { 'by-read': number; 'by-saved': number };
  };
  /** Version 6: the bodies of the reader's saved copies (`ReaderState.savedCopy`). */
  savedBodies: {
    key: string;
    value: ArticleBody;
  };
  /**
   * Version 4: a refresh writes here in short transactions, keyed by its
   * generation, and one small commit in meta makes the whole generation visible.
   */
  staging: {
    key: [number, string];
    value: StagedArticle;
    indexes: { 'by-published': [number, number, string] };
  };
  /** Version 5: the bodies of `articles`, so that reading a card never reads a body. */
  bodies: {
    key: string;
    value: ArticleBody;
  };
  /** Version 5: the bodies of `staging`, written and folded in the same transactions as their records. */
  stagingBodies: {
    key: [number, string];
    value: StagedBody;
  };
  /**
   * Version 2: the search worker's persisted index, so search is ready at once
   * on opening: the snapshot, and the pages of its positions under their own keys
   * (`SearchSnapshot.pages`).
   */
  search: {
    key: string;
    value: SearchSnapshot | Uint8Array;
  };
}

export interface SearchBacklog {
  /** Every change that moved the revision on from this one is listed. */
  fromRevision: number;
  /** Ids added, changed or deleted since; the store holds their current state. */
  touched: string[];
}

export interface SearchSnapshot {
  /** Format of `data`; a snapshot of another format is rebuilt, not read. */
  format: number;
  /** The `articlesRevision` it was built from; any other means articles changed since. */
  revision: number;
  savedAt: number;
  data: unknown;
  /** Where the positions are, when `data` leaves them apart: `count` pages keyed `prefix` + page number (see index-store.ts). */
  pages?: { prefix: string; count: number };
  /**
   * Present while the first build is still going: the articles up to `after`
   * (in id order) are in it, and a search worker started again (a reload, the
   * tab killed) goes on from there rather than from the first article.
   */
  building?: { after: string };
}
