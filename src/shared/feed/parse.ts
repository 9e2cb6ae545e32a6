/**
 * JSON Feed 1.0 / 1.1 parsing and validation. Pure and DOM-free: shared by the
 * page and the service worker. The input is untrusted; nothing from it is
 * copied wholesale, every field is read as an own property and re-typed.
 */
import { cap, cleanHtml, cleanLine, cleanText, parseBase, parseDate, safeUrl } from './clean';
import { classifyJsonPrefix } from './json-prefix';
import { decodeEntities, excerpt, htmlToText } from './text';
import { cleanSrcset } from './srcset';
import { FeedError, type Article, type Author, type DroppedItem, type ParsedFeed, type PictureSize } from './types';

export interface ParseOptions {
  /** Fallback publication time for undated items, and the "future" cut-off. Epoch ms. */
  now?: number;
  /** Largest accepted body in UTF-8 bytes; default 40 MB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 40 * 1024 * 1024;

const LIMITS = {
  title: 500,
  summary: 2_000,
  content: 1_000_000,
  derivedTitle: 120,
  authorName: 200,
  authors: 10,
  tag: 100,
  tags: 20,
  attachments: 10,
} as const;

/**
 * A plain-text field (title, summary, name, tag). JSON Feed allows no markup
 * there, yet WordPress's plugin and others write character references
 * («&#8211;», «&amp;»): they are read as the characters, the result still text.
 * Cut first, so a 1 MB title is not decoded in full.
 */
function cleanPlain(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  const capped = cap(value, max * 8);
  // Some write markup there too («<p>Tóm tắt…</p>», «Phim <em>Mai</em>»), which the cards showed as written:
  // a field holding a whole tag is read as HTML (its text only); «giá <5 triệu» holds none.
  return cleanLine(MARKUP_TAG.test(capped) ? htmlToText(capped) : decodeEntities(capped), max);
}

const MARKUP_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own properties only: a polluted Object.prototype must not supply fields. */
function own(obj: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isTooLarge(body: string, maxBytes: number): boolean {
  // UTF-16 length bounds the UTF-8 size from both sides; count only if needed.
  if (body.length > maxBytes) return true;
  if (body.length * 3 <= maxBytes) return false;
  return utf8Length(body) > maxBytes;
}

/** Classifies markup bodies: proxies and captive portals answer with HTML, old feeds with RSS/Atom. */
function markupKind(body: string): 'html' | 'xml' {
  const head = body.slice(0, 2048).toLowerCase();
  const rest = head
    .replace(/^<\?xml[^>]*>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trimStart();
  // XHTML error pages carry an XML declaration too, so the root element decides.
  if (/^<(?:!doctype\s+html|html|head|body|meta|title|script|style|link)\b/.test(rest)) return 'html';
  if (/^<(?:!doctype\s+(?:rss|feed|rdf)|rss|feed|rdf:rdf|channel)\b/.test(rest)) return 'xml';
  return head.startsWith('<?xml') ? 'xml' : 'html';
}

/**
 * Parses the raw text of a feed response. Throws FeedError with a kind that
 * says what the server actually sent (HTML login page, RSS, cut-off JSON…).
 */
export function parseFeed(body: string, feedUrl: string, options: ParseOptions = {}): ParsedFeed {
  if (isTooLarge(body, options.maxBytes ?? DEFAULT_MAX_BYTES)) {
    throw new FeedError('too-large', `Feed body is larger than ${options.maxBytes ?? DEFAULT_MAX_BYTES} bytes`);
  }
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  const start = text.search(/\S/);
  if (start === -1) throw new FeedError('empty', 'Feed body is empty');
  if (text.charCodeAt(start) === 0x3c) {
    const kind = markupKind(text.slice(start));
    throw new FeedError(kind, kind === 'html' ? 'Got an HTML page instead of a JSON feed' : 'Got XML (RSS/Atom?) instead of a JSON feed');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (classifyJsonPrefix(text) === 'prefix') {
      throw new FeedError('truncated', `Feed JSON is cut off: ${detail}`);
    }
    throw new FeedError('invalid-json', `Feed is not valid JSON: ${detail}`);
  }
  return parseFeedValue(value, feedUrl, options);
}

const VERSION = /^https?:\/\/jsonfeed\.org\/version\/(1|1\.1)\/?$/i;

/** Validates and normalises an already-parsed JSON value as a JSON Feed. */
export function parseFeedValue(value: unknown, feedUrl: string, options: ParseOptions = {}): ParsedFeed {
  if (!isObject(value)) {
    const type = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new FeedError('not-object', `Feed JSON is ${type}, not an object`);
  }
  const rawVersion = own(value, 'version');
  const version = typeof rawVersion === 'string' ? VERSION.exec(rawVersion.trim())?.[1] : undefined;
  if (version !== '1' && version !== '1.1') {
    throw new FeedError('wrong-version', `Not a JSON Feed 1.x: version is ${describe(rawVersion)}`);
  }
  const rawItems = own(value, 'items');
  if (!Array.isArray(rawItems)) {
    throw new FeedError('items-not-array', `Feed items is ${describe(rawItems)}, not an array`);
  }

  const base = parseBase(feedUrl);
  const now = options.now ?? Date.now();
  const items: Article[] = [];
  const dropped: DroppedItem[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < rawItems.length; index++) {
    const result = normaliseItem(rawItems[index], base, now);
    if (typeof result === 'string') {
      dropped.push({ index, reason: result });
    } else if (seen.has(result.id)) {
      dropped.push({ index, reason: 'duplicate-id' });
    } else {
      seen.add(result.id);
      items.push(result);
    }
  }

  const feed: ParsedFeed = { version, title: cleanPlain(own(value, 'title'), LIMITS.title), items, dropped };
  const homePageUrl = safeUrl(own(value, 'home_page_url'), base);
  if (homePageUrl !== undefined) feed.homePageUrl = homePageUrl;
  const nextUrl = safeUrl(own(value, 'next_url'), base);
  // A next_url pointing back at this page would loop; pages.ts also guards longer cycles.
  if (nextUrl !== undefined && nextUrl !== (base?.href ?? feedUrl)) feed.nextUrl = nextUrl;
  return feed;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(cap(value, 80));
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Ids are opaque keys: only trimmed, never otherwise rewritten (that could merge distinct ids). */
function normaliseId(raw: unknown): string {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return typeof raw === 'string' ? raw.trim() : '';
}

function normaliseItem(raw: unknown, base: URL | undefined, now: number): Article | 'not-object' | 'no-id' | 'no-content' {
  if (!isObject(raw)) return 'not-object';
  const id = normaliseId(own(raw, 'id'));
  if (id === '') return 'no-id';
  const contentHtml = cleanHtml(own(raw, 'content_html'), LIMITS.content);
  const contentText = cleanText(own(raw, 'content_text'), LIMITS.content);
  if (contentHtml === '' && contentText === '') return 'no-content';

  const summary = cleanPlain(own(raw, 'summary'), LIMITS.summary);
  const modified = parseDate(own(raw, 'date_modified'), now);
  const dated = parseDate(own(raw, 'date_published'), now) ?? modified;
  const article: Article = {
    id,
    title: cleanPlain(own(raw, 'title'), LIMITS.title) || deriveTitle(summary, contentText, contentHtml),
    published: dated ?? now,
    authors: normaliseAuthors(raw, base),
    tags: normaliseTags(own(raw, 'tags')),
  };
  if (dated === undefined) article.undated = true;
  if (contentHtml !== '') article.contentHtml = contentHtml + attachmentLinks(own(raw, 'attachments'), base);
  if (contentText !== '') article.contentText = contentText;
  // The body shown (the HTML, else the text) lost its end to the cap: the reader is told so.
  const shown = own(raw, contentHtml !== '' ? 'content_html' : 'content_text') as string;
  if (shown.length > LIMITS.content) article.cut = true;
  if (summary !== '') article.summary = summary;
  if (modified !== undefined) article.modified = modified;
  const url = safeUrl(own(raw, 'url'), base);
  if (url !== undefined) article.url = url;
  const image = safeUrl(own(raw, 'image'), base);
  if (image !== undefined) article.image = image;
  const bannerImage = safeUrl(own(raw, 'banner_image'), base);
  if (bannerImage !== undefined) article.bannerImage = bannerImage;
  if (base) article.baseUrl = base.href;
  const extension = own(raw, '_bao_offline');
  if (isObject(extension)) {
    const thumbnail = normalisePicture(own(extension, 'thumbnail'), base);
    if (thumbnail) article.thumbnail = thumbnail;
    const imageSizes = normalisePicture(own(extension, 'image'), base);
    if (imageSizes) article.imageSizes = imageSizes;
  }
  return article;
}

const ATTACHMENT_LINK = { audio: 'Nghe bản ghi âm thanh', video: 'Xem video', other: 'Mở tệp đính kèm' } as const;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An item's attachments (a radio bulletin's recording, a decree as PDF) as
 * links after its body: nothing showed them, and a bulletin read as a few
 * lines of text with no way to hear it. They are not downloaded: a link works
 * when there is a network.
 */
function attachmentLinks(raw: unknown, base: URL | undefined): string {
  if (!Array.isArray(raw)) return '';
  let html = '';
  for (const candidate of raw.slice(0, LIMITS.attachments)) {
    if (!isObject(candidate)) continue;
    const url = safeUrl(own(candidate, 'url'), base);
    if (url === undefined) continue;
    const type = own(candidate, 'mime_type');
    const kind = typeof type !== 'string' ? 'other' : type.startsWith('audio/') ? 'audio' : type.startsWith('video/') ? 'video' : 'other';
    const title = cleanPlain(own(candidate, 'title'), LIMITS.title);
    const label = title === '' ? ATTACHMENT_LINK[kind] : `${ATTACHMENT_LINK[kind]}: ${title}`;
    html += `<p><a href="${escapeHtml(url)}">${escapeHtml(label)}</a></p>`;
  }
  return html;
}

/** Larger than any screen's picture: a dimension beyond it is a mistake, not a size. */
const MAX_DIMENSION = 10_000;

function dimension(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_DIMENSION ? value : undefined;
}

/** One `_bao_offline` picture (see notes/CONTRACTS.md); dropped whole when its URL or size is unusable. */
function normalisePicture(raw: unknown, base: URL | undefined): PictureSize | undefined {
  if (!isObject(raw)) return undefined;
  const url = safeUrl(own(raw, 'url'), base);
  const width = dimension(own(raw, 'width'));
  const height = dimension(own(raw, 'height'));
  if (url === undefined || width === undefined || height === undefined) return undefined;
  const picture: PictureSize = { url, width, height };
  const srcset = cleanSrcset(own(raw, 'srcset'), base);
  if (srcset !== undefined) picture.srcset = srcset;
  return picture;
}

/** A sentence's end: «.», «!», «?» or «…» (maybe closed by a quote or bracket) before a space. */
const SENTENCE_END = /[.!?…]["”’»)]*\s/g;
/** Shorter «sentences» are mostly abbreviations: «TP. Hồ Chí Minh», «Q. 1». */
const MIN_SENTENCE = 20;

/**
 * A headline for an item that has none: the first sentence of the summary or
 * the body's first paragraph. The whole opening ran the paragraphs together
 * into 120 characters, which the card then repeated as its summary.
 */
function deriveTitle(summary: string, contentText: string, contentHtml: string): string {
  // Only the start matters, so huge bodies are not converted in full.
  const source = summary || contentText.slice(0, 2_000) || htmlToText(contentHtml.slice(0, 8_000));
  // Plain text starts a paragraph after a blank line; converted HTML after each block's line break.
  const paragraph = (summary || contentText ? source.split(/\n\s*\n/, 1)[0]! : source.split('\n', 1)[0]!).replace(/\s+/g, ' ').trim();
  for (const end of `${paragraph} `.matchAll(SENTENCE_END)) {
    const sentence = paragraph.slice(0, end.index + end[0].length - 1);
    if (sentence.length > LIMITS.derivedTitle) break;
    if (sentence.length >= MIN_SENTENCE) return sentence;
  }
  return excerpt(paragraph, LIMITS.derivedTitle);
}

function normaliseAuthor(raw: unknown, base: URL | undefined): Author | undefined {
  if (!isObject(raw)) return undefined;
  const author: Author = {};
  const name = cleanPlain(own(raw, 'name'), LIMITS.authorName);
  if (name !== '') author.name = name;
  const url = safeUrl(own(raw, 'url'), base);
  if (url !== undefined) author.url = url;
  return author.name === undefined && author.url === undefined ? undefined : author;
}

function normaliseAuthors(raw: Obj, base: URL | undefined): Author[] {
  // JSON Feed 1.1 `authors` supersedes the deprecated 1.0 `author` object.
  const list = own(raw, 'authors');
  const candidates = Array.isArray(list) ? list : [own(raw, 'author')];
  const authors: Author[] = [];
  for (const candidate of candidates) {
    const author = normaliseAuthor(candidate, base);
    if (author !== undefined) authors.push(author);
    if (authors.length === LIMITS.authors) break;
  }
  return authors;
}

function normaliseTags(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const tags = new Set<string>();
  for (const value of raw) {
    const tag = cleanPlain(value, LIMITS.tag);
    if (tag !== '') tags.add(tag);
    if (tags.size === LIMITS.tags) break;
  }
  return [...tags];
}
