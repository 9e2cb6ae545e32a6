/** An author as the feed names them; every field is optional in JSON Feed. */
export interface Author {
  name?: string;
  url?: string;
}

/**
 * One article, normalised from a JSON Feed item. This is the shape stored in
 * IndexedDB and rendered by the UI; `contentHtml` is untrusted and must be
 * sanitised before it reaches the DOM.
 */
export interface Article {
  id: string;
  /** Canonical http(s) link to the article on the publisher's site. */
  url?: string;
  title: string;
  contentHtml?: string;
  contentText?: string;
  summary?: string;
  /** http(s) image URLs, already resolved against the feed URL. */
  image?: string;
  bannerImage?: string;
  /** Epoch milliseconds. Items without a usable date get the fetch time (then keep the first one stored: store/merge.ts). */
  published: number;
  /** The feed gave no usable date: `published` is only when it was fetched. */
  undated?: true;
  /** The body was longer than a phone keeps (parse.ts LIMITS.content): only its start is stored. */
  cut?: true;
  modified?: number;
  authors: Author[];
  tags: string[];
  /** The feed page the item came from: relative links inside contentHtml resolve against it. */
  baseUrl?: string;
  /** The list card's picture at the size it is shown (`_bao_offline.thumbnail`), when the feed offers one. */
  thumbnail?: PictureSize;
  /** The article's picture with its sizes (`_bao_offline.image`), when the feed offers them. */
  imageSizes?: PictureSize;
}

/** A picture in the sizes the publisher made of it, so the browser fetches the one it shows. */
export interface PictureSize {
  /** http(s), resolved against the feed page. */
  url: string;
  width: number;
  height: number;
  /** Width-described candidates (`… 128w, … 256w`), URLs resolved and checked. */
  srcset?: string;
}

export interface ParsedFeed {
  version: '1' | '1.1';
  title: string;
  homePageUrl?: string;
  /** Next page of the feed (JSON Feed `next_url`), resolved and http(s) only. */
  nextUrl?: string;
  items: Article[];
  /** Items that were dropped, with why, so sync can report them. */
  dropped: DroppedItem[];
}

export type DropReason = 'not-object' | 'no-id' | 'no-content' | 'duplicate-id';

export interface DroppedItem {
  index: number;
  reason: DropReason;
}

/** Why a whole response was refused as a feed. */
export type FeedErrorKind =
  | 'empty'
  | 'html'
  | 'xml'
  | 'truncated'
  | 'invalid-json'
  | 'not-object'
  | 'wrong-version'
  | 'items-not-array'
  | 'too-large';

export class FeedError extends Error {
  readonly kind: FeedErrorKind;

  constructor(kind: FeedErrorKind, message: string) {
    super(message);
    this.name = 'FeedError';
    this.kind = kind;
  }
}
