/** The JSON Feed 1.1 item the publisher writes, with the `_bao_offline` picture sizes of CONTRACTS.md. */
import type { SizedPicture } from '../pictures/picture-markup';
import type { SourceItem } from '../sources/source-item';

export interface FeedItem {
  id: string;
  url?: string;
  title: string;
  content_html: string;
  summary?: string;
  date_published: string;
  date_modified?: string;
  authors?: { name: string }[];
  tags: string[];
  image?: string;
  _bao_offline?: { thumbnail?: SizedPicture; image?: SizedPicture };
}

/** An item as the state file keeps it: its place in publishing order and the keys that identify its story. */
export interface StoredItem {
  /** Publishing order, counted from the oldest item ever published; fixes archive pages. */
  seq: number;
  /** Source URLs, guids and titles under which the story was seen. */
  keys: string[];
  published: number;
  item: FeedItem;
  /** Published as its teaser because its page could not be had for now: asked again on later runs (complete-teasers.ts). */
  completion?: Completion;
}

export interface Completion {
  /** The source's address, to find its settings. */
  source: string;
  /** The story as the source announced it, to build it again. */
  item: SourceItem;
  /** Runs that have asked for its page so far. */
  tries: number;
}
