/** JSON Feed 1.0/1.1 sources into SourceItems. */
import { textToHtml } from '../text/text-html';
import { parseSourceDate } from './dates';
import { resolved } from './resolved';
import { SourceFormatError, type SourceItem } from './source-item';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** `base`: where the feed was read from, after its redirects (a moved feed's relative links were read against the config's address). */
function jsonItem(raw: Obj, base: string | undefined): SourceItem | undefined {
  const written = str(raw.url).trim();
  const url = resolved(written, base) || undefined;
  // The id stays as written: a story published before is not taken for a new one.
  const guid = str(raw.id).trim() || written;
  if (!guid) return undefined;
  const html = str(raw.content_html);
  const plain = str(raw.content_text);
  const authors = Array.isArray(raw.authors) ? raw.authors : isObj(raw.author) ? [raw.author] : [];
  const item: SourceItem = {
    guid,
    title: str(raw.title).trim(),
    contentHtml: html || textToHtml(plain),
    authors: authors.map((a) => (isObj(a) ? str(a.name).trim() : '')).filter(Boolean),
    categories: Array.isArray(raw.tags) ? raw.tags.map(str).filter(Boolean) : [],
  };
  if (url) item.url = url;
  const summary = str(raw.summary).trim();
  if (summary) item.summary = summary;
  const published = parseSourceDate(raw.date_published);
  const modified = parseSourceDate(raw.date_modified);
  if (published !== undefined || modified !== undefined) item.published = published ?? modified;
  if (modified !== undefined && published !== undefined && modified !== published) item.modified = modified;
  const image = resolved(str(raw.image) || str(raw.banner_image), base);
  if (image) item.image = image;
  return item;
}

/** `documentUrl`: where the feed was read from, the base of relative addresses in it. */
export function parseJsonFeed(text: string, documentUrl?: string): SourceItem[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SourceFormatError(`broken JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObj(value) || !/jsonfeed\.org\/version\/1/.test(str(value.version)) || !Array.isArray(value.items)) {
    throw new SourceFormatError('JSON that is not a JSON Feed');
  }
  return value.items.filter(isObj).map((item) => jsonItem(item, documentUrl)).filter((i): i is SourceItem => i !== undefined);
}
