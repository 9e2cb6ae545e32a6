/**
 * One source item into one feed item: the article (from the item or from its
 * page), sanitised, with its pictures resized, the source and section as tags.
 */
import type { SourceConfig } from '../config';
import { removeBoilerplate } from '../extract/boilerplate';
import { dropDatelines } from '../extract/dateline';
import { replaceEmbeds } from '../extract/embeds';
import { absoluteLinks } from '../extract/extract-article';
import { normaliseFigures } from '../extract/figures';
import { sanitizeArticleHtml } from '../extract/sanitize';
import type { SiteRule } from '../extract/site-rules';
import type { Client } from '../net/client';
import { rewritePictures, sized } from '../pictures/picture-markup';
import type { PictureStore } from '../pictures/picture-store';
import type { SourceItem } from '../sources/source-item';
import { fragmentDocument, htmlToText, plainLine, unescapeTwiceEscaped } from '../text/html-text';
import { escapeText } from '../text/text-html';
import type { FeedItem } from './feed-item';
import { articleFromPage } from './article-page';
import { withoutTracking } from './story-keys';

/** Below this much text an item is a teaser, not the article. */
const TEASER_CHARS = 600;
const SUMMARY_CHARS = 300;

export interface BuildContext {
  source: SourceConfig;
  client: Client;
  pictures: PictureStore;
  rules: readonly SiteRule[];
  maxPageBytes: number;
  now: number;
  log: (message: string) => void;
  /** Told when the article page could not be had for now (busy, rate-limited, down, no answer): the teaser stands in for it. */
  pageBusy?: () => void;
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trim()}…`;
}

function firstPicture(html: string): string | undefined {
  return fragmentDocument(html).querySelector('img')?.getAttribute('src') ?? undefined;
}

function absolute(url: string | undefined, base: string): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * HTML from the feed itself, cleaned as an extracted page is: pictures and
 * links in one shape, players as notes, and the share, like and related-post
 * blocks and the date line that WordPress and others put in content:encoded gone.
 */
function feedHtml(html: string, base: string, original: string | undefined): string {
  const doc = fragmentDocument(html);
  replaceEmbeds(doc, original, base);
  normaliseFigures(doc, base);
  absoluteLinks(doc, base);
  removeBoilerplate(doc);
  dropDatelines(doc.body);
  return doc.body.innerHTML;
}

/** Closes an article its page showed only the start of: the app's words for a cut article, to the source. */
function cutNote(url: string): string {
  return `<p><em>Bài chỉ mở phần đầu cho bạn đọc chưa đăng ký: <a href="${escapeText(url).replace(/"/g, '&quot;')}">đọc hết ở bài gốc</a>.</em></p>`;
}

/** The words of a link on to the rest of the story: «Đọc tiếp», «Xem thêm», WordPress's «Continue reading». */
const READ_ON = /^(?:(?:đọc|xem)\s+(?:tiếp|thêm|tiếp tục|toàn bộ|toàn bài|chi tiết|hết)|chi tiết|continue reading|read more)(?!\p{L})/iu;
/** WordPress's mark of an excerpt, «[…]», at the end of the text. */
const EXCERPT_END = /\[(?:…|\.\.\.)\]\s*$/;

const withoutFragment = (url: string, base: string) => {
  try {
    const parsed = new URL(url, base);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return undefined;
  }
};

/**
 * A feed's text that stops where its page goes on, however long: WordPress's text
 * above the «more» tag with its «Đọc tiếp» link (more-link) to the post, an excerpt
 * ending «[…]». Before, over 600 characters of it passed for the article.
 */
function stopsShort(html: string, url: string): boolean {
  const page = withoutFragment(url, url);
  const links = Array.from(fragmentDocument(html).querySelectorAll('a[href]'));
  const readOn = links.some((a) => /(?:^|\s)more-link(?:\s|$)/.test(a.getAttribute('class') ?? '') || (withoutFragment(a.getAttribute('href')!, url) === page && READ_ON.test((a.textContent ?? '').trim())));
  return readOn || EXCERPT_END.test(htmlToText(html));
}

function wantsPage(item: SourceItem, mode: SourceConfig['fullText']): boolean {
  if (!item.url || mode === 'never') return false;
  return mode === 'always' || htmlToText(item.contentHtml).length < TEASER_CHARS || stopsShort(item.contentHtml, item.url);
}

export async function buildItem(id: string, source: SourceItem, context: BuildContext): Promise<FeedItem | undefined> {
  // Only a web address is a link; "javascript:" and the like are dropped here.
  const link = absolute(source.url, context.source.url);
  const item: SourceItem = { ...source, contentHtml: unescapeTwiceEscaped(source.contentHtml) };
  if (source.summary) item.summary = unescapeTwiceEscaped(source.summary);
  if (link) item.url = link;
  else delete item.url;
  const base = item.url ?? context.source.url;
  const fromPage = item.url && wantsPage(item, context.source.fullText) ? await articleFromPage({ ...item, url: item.url }, context) : undefined;
  const feedText = htmlToText(item.contentHtml) === '' && fromPage?.description ? `${item.contentHtml}<p>${escapeText(fromPage.description)}</p>` : item.contentHtml;
  const rawHtml = fromPage?.html ?? feedHtml(feedText, absolute(item.base, base) ?? base, item.url);
  // A moved article is linked where it is now: its old address only sends the reader on (one more page on a slow phone).
  // Linked without the feed's session and campaign: readers share the link, and a session in it is someone's.
  const landed = fromPage?.movedTo ?? item.url;
  const original = landed && withoutTracking(landed);
  const clean = sanitizeArticleHtml(rawHtml) + (fromPage?.cut && original ? cutNote(original) : '');
  const teaserText = htmlToText(item.summary ?? item.contentHtml);
  if (htmlToText(clean) === '' && teaserText === '') {
    context.log(`item skipped, no text: ${item.url ?? item.guid}`);
    return undefined;
  }
  const title = plainLine(item.title) || shorten(teaserText, 120);
  const lead = absolute(item.image ?? fromPage?.leadImage ?? firstPicture(rawHtml), base);
  // The lead picture's thumbnails first: the original is then still at hand for its article sizes.
  const thumbnail = lead ? await context.pictures.get(lead, 'thumbnail', item.url) : undefined;
  const contentHtml = await rewritePictures(clean || `<p>${teaserText}</p>`, context.pictures, item.url);
  // An item its feed left undated is dated as its page says, not by the run (a first run made a week «vừa xong»).
  const published = item.published ?? fromPage?.published ?? context.now;
  const feedItem: FeedItem = {
    id,
    title,
    // As titles and summaries are (html-text.ts): tone marks written as entities or JSON escapes come in decomposed.
    content_html: contentHtml.normalize('NFC'),
    date_published: new Date(Math.min(published, context.now)).toISOString(),
    tags: [...new Set([context.source.section, context.source.name].filter((t): t is string => Boolean(t)))],
  };
  if (original) feedItem.url = original;
  const summary = shorten(teaserText.replace(/\s+/g, ' ').replace(EXCERPT_END, '').trim(), SUMMARY_CHARS);
  if (summary && fromPage?.html !== undefined) feedItem.summary = summary;
  if (item.modified !== undefined) feedItem.date_modified = new Date(Math.min(item.modified, context.now)).toISOString();
  if (item.authors.length > 0) feedItem.authors = item.authors.slice(0, 5).map((name) => ({ name: plainLine(name) }));
  if (lead && thumbnail) {
    const image = await context.pictures.get(lead, 'article', item.url);
    if (image) {
      feedItem.image = image[0]!.url;
      feedItem._bao_offline = { thumbnail: sized(thumbnail), image: sized(image) };
    }
  }
  return feedItem;
}
