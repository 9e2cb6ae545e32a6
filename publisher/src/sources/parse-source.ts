/** Whatever a source URL answered, as SourceItems: RSS 2.0, RSS 1.0, Atom or JSON Feed. */
import { opensAsHtml } from '../text/opens-as-html';
import { htmlNotFeed } from './html-not-feed';
import { parseJsonFeed } from './parse-json-feed';
import { parseXmlFeed } from './parse-xml';
import { SourceFormatError, type SourceItem } from './source-item';

/** `documentUrl`: where the text was read from, for relative addresses in it. */
export function parseSource(text: string, documentUrl?: string): SourceItem[] {
  const start = text.trimStart();
  if (start === '') throw new SourceFormatError('empty response');
  if (start.startsWith('{')) return parseJsonFeed(start, documentUrl);
  if (opensAsHtml(start)) throw new SourceFormatError(htmlNotFeed(start, documentUrl));
  // A PHP notice printed as plain text may stand before the XML: parseXmlFeed mends that.
  if (start.startsWith('<') || /<(?:\?xml|rss|feed|rdf:RDF)\b/.test(start.slice(0, 4096))) return parseXmlFeed(start, documentUrl);
  throw new SourceFormatError('neither XML nor JSON');
}
