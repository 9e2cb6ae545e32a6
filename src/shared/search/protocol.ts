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
  | { id: number; type: 'results'; query: string; rows: SearchResultRow[]; total: number; tookMs: number }
  | { id: number; type: 'error'; message: string };

/** Sent once, unprompted, when the index is loaded or built. */
export interface SearchReady {
  type: 'ready';
  articles: number;
  /** How the index came to be: read from the saved snapshot or rebuilt from articles. */
  source: 'snapshot' | 'rebuilt';
  ms: number;
}

export type SearchWorkerMessage = SearchResponse | SearchReady;
