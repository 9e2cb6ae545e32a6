import type { Snippet } from './snippet';

/** One result as the search screen shows it, ready to render. */
export interface SearchResultRow {
  id: string;
  title: string;
  published: number;
  /** Ranges of the title to highlight. */
  titleHighlights: Snippet['highlights'];
  snippet: Snippet;
}

export type SearchRequest = { id: number; type: 'search'; query: string; limit: number };

export type SearchResponse =
  | {
      id: number;
      type: 'results';
      query: string;
      /** Articles holding every query word, best first. */
      rows: SearchResultRow[];
      /** How many articles hold every query word. */
      total: number;
      /** Articles in the index that answered: while it is built, the part searched so far. */
      indexed: number;
      /** Looser matches, shown apart («Kết quả gần đúng»): a word missing from a longer query, or other diacritics. */
      looseRows: SearchResultRow[];
      looseTotal: number;
      /** When nothing matched: the closest words the stored articles do hold. */
      suggestion?: string;
      tookMs: number;
      /** Of tookMs, the ranking (position pages read included); the rest reads the rows and makes their snippets. */
      rankMs: number;
      /** Only the first screen's rows are here; the others follow in a `more` message. */
      more: boolean;
    }
  | { id: number; type: 'error'; message: string };

/** The rows of an answer beyond the first screen, to append to its lists (not sent once the reader typed on). */
export interface SearchMoreRows {
  id: number;
  type: 'more';
  rows: SearchResultRow[];
  looseRows: SearchResultRow[];
}

/** Sent unprompted when the index is first loaded, and again whenever new articles are in it. */
export interface SearchReady {
  type: 'ready';
  articles: number;
  /**
   * Read from the saved snapshot (caught up with articles changed since),
   * from a snapshot too far behind to catch up (it answers while the index is
   * rebuilt), rebuilt, updated after a refresh, or still being built: then
   * `articles` of `total` are indexed and answers come from those.
   */
  source: 'snapshot' | 'caught-up' | 'rebuilt' | 'stale' | 'updated' | 'building';
  total?: number;
  ms: number;
}

export type SearchWorkerMessage = SearchResponse | SearchMoreRows | SearchReady;
