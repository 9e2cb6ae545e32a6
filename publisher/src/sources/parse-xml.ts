/** RSS 2.0 and Atom 1.0 into SourceItems, with fast-xml-parser (no DTD, no external entities). */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { textToHtml } from '../text/text-html';
import { xhtmlConstructsAsHtml } from './atom-xhtml';
import { parseSourceDate } from './dates';
import { mendXml } from './mend-xml';
import { resolved } from './resolved';
import { rawMarkupAsEscaped } from './rss-raw-markup';
import { SourceFormatError, type SourceItem } from './source-item';

type Node = Record<string, unknown>;

const ARRAYS = new Set(['item', 'entry', 'link', 'category', 'enclosure', 'author', 'media:content', 'media:thumbnail', 'dc:creator']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of an element that may carry attributes (then it sits under #text). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (isNode(value)) return text(value['#text']);
  return '';
}

function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function attr(value: unknown, name: string): string {
  return isNode(value) ? text(value[`@_${name}`]) : '';
}

/** A picture by its file name, for enclosures that give no type (before, such a lead picture was ignored). */
const PICTURE_URL = /\.(?:jpe?g|png|webp|avif|gif)(?:[?#]|$)/i;

function isPicture(type: string, url: string): boolean {
  return type ? type.startsWith('image/') : PICTURE_URL.test(url);
}

function imageFrom(node: Node): string | undefined {
  for (const enclosure of list(node.enclosure)) {
    if (attr(enclosure, 'url') && isPicture(attr(enclosure, 'type'), attr(enclosure, 'url'))) return attr(enclosure, 'url');
  }
  // Media RSS may put an item's media in a <media:group> (before, such a picture was not found).
  const holders = [node, ...list(node['media:group']).filter(isNode)];
  for (const key of ['media:content', 'media:thumbnail']) {
    for (const media of holders.flatMap((holder) => list(holder[key]))) {
      const medium = attr(media, 'medium');
      const url = attr(media, 'url');
      // Blogger's media:thumbnail is a 72-px square crop: the pictures in the post are better.
      const tiny = key === 'media:thumbnail' && Number(attr(media, 'width')) > 0 && Number(attr(media, 'width')) < 200;
      if (url && !tiny && (key === 'media:thumbnail' || medium === 'image' || (!medium && isPicture(attr(media, 'type'), url)))) return url;
    }
  }
  for (const link of list(node.link)) {
    if (attr(link, 'rel') === 'enclosure' && attr(link, 'href') && isPicture(attr(link, 'type'), attr(link, 'href'))) return attr(link, 'href');
  }
  return undefined;
}

/** A guid that is the item's address (isPermaLink, true unless said otherwise): RSS 2.0 allows it in place of <link>. */
function permalink(guid: unknown): string | undefined {
  const value = text(guid).trim();
  return attr(guid, 'isPermaLink').toLowerCase() !== 'false' && /^https?:\/\//i.test(value) ? value : undefined;
}

/**
 * The article's own address in a feed that went through Feedburner, whose <link> is
 * its redirect: before, that redirect (through Google, with utm_ parameters) was the
 * story's link and id, and the paper's own feed carried the story under another address.
 */
function origLink(node: Node): string | undefined {
  const value = text(node['feedburner:origLink']).trim();
  return /^https?:\/\//i.test(value) ? value : undefined;
}

/**
 * `base`: the channel's xml:base against where the feed was read from. A relative
 * link is resolved against it, not against the config's address, which a moved
 * feed redirects from (before, such stories linked to pages that are not there).
 */
function rssItem(node: Node, base: string | undefined, declared: boolean): SourceItem | undefined {
  // Before, an item with only a permalink guid had no address: no link, and its teaser never completed from its page.
  const written = text(node.link).trim();
  const itemBase = xmlBase(node, base);
  const original = origLink(node);
  const url = original ?? (resolved(written, itemBase) || permalink(node.guid));
  // The id stays as written: a story published before is not taken for a new one.
  const guid = text(node.guid).trim() || original || written;
  if (!guid) return undefined;
  const description = text(node.description);
  const content = text(node['content:encoded']);
  const item: SourceItem = {
    guid,
    title: text(node.title).trim(),
    contentHtml: content || description,
    authors: [...list(node['dc:creator']), ...list(node.author)].map(text).map((s) => s.trim()).filter(Boolean),
    categories: list(node.category).map(text).map((s) => s.trim()).filter(Boolean),
  };
  if (url) item.url = url;
  if (itemBase && (declared || attr(node, 'xml:base'))) item.base = itemBase;
  if (content && description) item.summary = description;
  const published = parseSourceDate(text(node.pubDate) || text(node['dc:date']));
  if (published !== undefined) item.published = published;
  const image = imageFrom(node);
  if (image) item.image = image;
  return item;
}

/**
 * An Atom text construct as HTML: type="text", or a content's text media type
 * other than text/html, is escaped (xhtml and XML media types were made html
 * before parsing); untyped is taken as it comes.
 */
function atomText(value: unknown): string {
  const type = attr(value, 'type').trim().toLowerCase();
  return type === 'text' || (type.startsWith('text/') && type !== 'text/html') ? textToHtml(text(value)) : text(value);
}

/** An element's xml:base against its parent's, if it makes an absolute address. */
function xmlBase(node: unknown, parentBase: string | undefined): string | undefined {
  const own = attr(node, 'xml:base').trim();
  if (!own) return parentBase;
  try {
    return new URL(own, parentBase).href;
  } catch {
    return parentBase;
  }
}

function atomItem(node: Node, feedBase: string | undefined, declared: boolean): SourceItem | undefined {
  const links = list(node.link);
  const alternate = links.find((l) => ['', 'alternate'].includes(attr(l, 'rel'))) ?? links[0];
  const href = (alternate !== undefined ? attr(alternate, 'href') || text(alternate) : '').trim();
  const entryBase = xmlBase(node, feedBase);
  const url = origLink(node) ?? (resolved(href, entryBase) || undefined);
  const guid = text(node.id).trim() || url;
  if (!guid) return undefined;
  const content = atomText(node.content);
  const summary = atomText(node.summary);
  const item: SourceItem = {
    guid,
    title: text(node.title).trim(),
    contentHtml: content || summary,
    authors: list(node.author).map((a) => (isNode(a) ? text(a.name) : text(a)).trim()).filter(Boolean),
    categories: list(node.category).map((c) => attr(c, 'term') || text(c)).map((s) => s.trim()).filter(Boolean),
  };
  if (url) item.url = url;
  // Relative addresses in the content are the xml:base's, not the article's (a feed at /feeds/ with xml:base="/").
  const contentNode = content ? node.content : node.summary;
  const contentBase = xmlBase(contentNode, entryBase);
  if (contentBase && (declared || attr(node, 'xml:base') || attr(contentNode, 'xml:base'))) item.base = contentBase;
  if (content && summary) item.summary = summary;
  const published = parseSourceDate(text(node.published));
  const updated = parseSourceDate(text(node.updated));
  if (published !== undefined || updated !== undefined) item.published = published ?? updated;
  if (updated !== undefined && published !== undefined && updated !== published) item.modified = updated;
  const image = imageFrom(node);
  if (image) item.image = image;
  return item;
}

/** `documentUrl`, where the feed was read from, is the base of relative xml:base values and links (RFC 4287 via XML Base). */
export function parseXmlFeed(raw: string, documentUrl?: string): SourceItem[] {
  let xml = raw;
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    xml = mendXml(raw);
    // What could not be mended is told as it was found.
    if (XMLValidator.validate(xml) !== true) throw new SourceFormatError(`broken XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  let doc: unknown;
  try {
    doc = parser.parse(rawMarkupAsEscaped(xhtmlConstructsAsHtml(xml)));
  } catch (error) {
    // DOCTYPEs with external entities and the like: refused by the parser, reported as the source's fault.
    throw new SourceFormatError(`unreadable XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isNode(doc)) throw new SourceFormatError('empty XML document');
  const rss = doc.rss ?? doc['rdf:RDF'];
  if (isNode(rss)) {
    const channel = isNode(rss.channel) ? rss.channel : {};
    const base = xmlBase(channel, xmlBase(rss, documentUrl));
    const declared = attr(rss, 'xml:base') !== '' || attr(channel, 'xml:base') !== '';
    // RSS 1.0 (RDF) puts items beside the channel, RSS 2.0 inside it.
    const items = [...list(channel.item), ...list(rss.item)].filter(isNode);
    return items.map((item) => rssItem(item, base, declared)).filter((i): i is SourceItem => i !== undefined);
  }
  if (isNode(doc.feed)) {
    const feedBase = xmlBase(doc.feed, documentUrl);
    const declared = attr(doc.feed, 'xml:base') !== '';
    return list(doc.feed.entry)
      .filter(isNode)
      .map((entry) => atomItem(entry, feedBase, declared))
      .filter((i): i is SourceItem => i !== undefined);
  }
  throw new SourceFormatError(`XML root is <${Object.keys(doc).find((k) => !k.startsWith('?')) ?? '?'}>, not <rss> or <feed>`);
}
