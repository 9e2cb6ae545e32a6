/** Public API of the offline search engine (pure TypeScript, shared by page and worker). */
export { foldKey, hasDiacritics, tonedKey } from './fold';
export { tokenize, syllableKeys, type Token } from './tokenize';
export { decodeInputMethod, telexToVietnamese, vniToVietnamese } from './telex';
export { isFoldedSyllable, isVietnameseSyllable } from './syllable';
export { SearchIndex, type SearchDoc, type SearchHit, type SearchOptions, type SearchResult } from './search-index';
export { makeSnippet, type Snippet } from './snippet';
