/** One story as a source announced it, whatever its format. */
export interface SourceItem {
  /** The source's own identifier (guid, Atom id, JSON Feed id), else the link. */
  guid: string;
  url?: string;
  title: string;
  /** HTML as the source gave it: a teaser or the whole article. */
  contentHtml: string;
  /** What relative addresses in `contentHtml` are relative to, when the source says (Atom's xml:base); else the item's url. */
  base?: string;
  summary?: string;
  /** Epoch ms. */
  published?: number;
  modified?: number;
  authors: string[];
  /** The lead picture the source names (enclosure, media:content, JSON Feed image). */
  image?: string;
  categories: string[];
}

export class SourceFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceFormatError';
  }
}
