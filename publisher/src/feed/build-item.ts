/**
 * One source item into one feed item: the article (from the item or from its
 * page), sanitised, with its pictures resized, the source and section as tags.
 */
import type { SourceConfig } from '../config';
import { removeBoilerplate } from '../extract/boilerplate';
import { dropDatelines } from '../extract/dateline';
import { replaceEmbeds } from '../extract/embeds';
import { ampCopyOf } from '../extract/amp-link';
import { absoluteLinks, extractArticle, pageCard, type ExtractedArticle } from '../extract/extract-article';
import { normaliseFigures } from '../extract/figures';
import { metaRefreshTarget } from '../extract/meta-refresh';
import { sanitizeArticleHtml } from '../extract/sanitize';
import type { SiteRule } from '../extract/site-rules';
import type { Client } from '../net/client';
import { isTransient } from '../net/http';
import { rewritePictures, sized } from '../pictures/picture-markup';
import type { PictureStore } from '../pictures/picture-store';
import type { SourceItem } from '../sources/source-item';
import { fragmentDocument, htmlToText, plainLine, unescapeTwiceEscaped } from '../text/html-text';
import { escapeText } from '../text/text-html';
import type { FeedItem } from './feed-item';
import { withFollowingPages } from './following-pages';
import { webPage } from './web-page';

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

/** Words of two letters or more, to tell whether a page tells the item's story. */
function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []);
}

/**
 * Whether the page shares enough of the item's title and teaser words. A cookie
 * wall, a login or an anti-bot page shares almost none (under 0.15 on the
 * pages tried); an article, even with a title unlike its text, 0.25 and more.
 */
function tellsTheStory(pageText: string, item: SourceItem): boolean {
  const wanted = words(`${plainLine(item.title)} ${htmlToText(item.summary ?? item.contentHtml)}`);
  return wanted.size < 5 || sharedPart(wanted, pageText) >= 0.2;
}

/** The part of `wanted` that `text` has too. */
function sharedPart(wanted: Set<string>, text: string): number {
  const found = words(text);
  let shared = 0;
  for (const word of wanted) if (found.has(word)) shared++;
  return wanted.size === 0 ? 0 : shared / wanted.size;
}

/**
 * Whether a page's own title names the item's story: a shell's sharing tags may be
 * the site's, the same on every page, whose logo and motto are not the story's.
 */
function namesTheStory(pageTitle: string | undefined, item: SourceItem): boolean {
  return pageTitle !== undefined && sharedPart(words(plainLine(item.title)), pageTitle) >= 0.5;
}

/**
 * Whether a page's address was redirected up to a folder above the article's,
 * the site's home or a section: what papers do with a withdrawn article. Before,
 * that page's list of headlines was published as the article.
 */
function redirectedUp(asked: string, answered: string): boolean {
  const from = new URL(asked);
  const to = new URL(answered);
  const folder = to.pathname.endsWith('/') ? to.pathname : `${to.pathname}/`;
  return from.host.replace(/^(www|m)\./, '') === to.host.replace(/^(www|m)\./, '') && to.pathname.length < from.pathname.length && from.pathname.startsWith(folder);
}

/** A page that holds no article of its own (a script would fill it in), as opposed to one that hides it or tells another story. */
class NoArticleHere extends Error {}

type WebPage = NonNullable<Awaited<ReturnType<typeof webPage>>>;

/** The article a fetched page gives for the item, or why it gives none. */
function articleOn(page: WebPage, item: SourceItem, rules: readonly SiteRule[]): ExtractedArticle {
  // Before, an empty answer failed inside the HTML parser with a message about its internals.
  if (page.html.trim() === '') throw new NoArticleHere(`the page is empty (${page.bytes} bytes)`);
  const extracted = extractArticle(page.html, page.url, rules);
  const pageText = extracted ? htmlToText(extracted.html) : '';
  if (!extracted || (pageText === '' && !extracted.cut)) throw new NoArticleHere(`no article text on the page (${page.bytes} bytes of HTML)`);
  if (pageText.length <= htmlToText(item.contentHtml).length) {
    if (extracted.cut) throw new Error('the page has less text than the feed: a paywall shows only its start');
    throw new NoArticleHere('the page has less text than the feed (a paywall?)');
  }
  // Before, a cookie wall's or a challenge page's text was published as the article.
  if (!tellsTheStory(pageText, item)) throw new Error('the page does not tell the story (a cookie wall, a login or an anti-bot page?)');
  return extracted;
}

/**
 * What the article's page gave: its article, or, from a page a script draws, only
 * the picture and description it names for sharing (`html` then undefined: the
 * feed's text stands, the description only where the feed has none).
 */
interface FromPage {
  html?: string;
  leadImage?: string;
  cut?: boolean;
  description?: string;
  /** Where a page that sent the reader on with a meta refresh sent them: the article's address now. */
  movedTo?: string;
}

async function articleFromPage(item: SourceItem & { url: string }, context: BuildContext): Promise<FromPage | undefined> {
  const url = item.url;
  let shell: FromPage | undefined;
  try {
    let page = await webPage(url, context);
    // A moved article's old address, left as a page that sends the browser on: before, its one line was all there was.
    const onward = page && metaRefreshTarget(page.html, page.url);
    if (onward) page = await webPage(onward, context);
    if (!page) return undefined;
    // Where the reader lands, before any AMP copy is read instead.
    const landed = page.url;
    if (redirectedUp(url, page.url)) throw new Error(`the page moved to ${page.url}, a section or the home page (the article withdrawn?)`);
    let extracted: ExtractedArticle;
    try {
      extracted = articleOn(page, item, context.rules);
    } catch (error) {
      // A page a script fills in: its AMP copy carries the article as HTML (before, the teaser was published).
      const amp = error instanceof NoArticleHere ? ampCopyOf(page.html, page.url) : undefined;
      // Before, its og:image was lost with it, and a story whose feed item had no text was skipped.
      const card = error instanceof NoArticleHere ? pageCard(page.html, page.url) : undefined;
      if (card && namesTheStory(card.title, item)) {
        shell = { ...(card.image ? { leadImage: card.image } : {}), ...(card.description ? { description: card.description } : {}) };
      }
      const ampPage = amp ? await webPage(amp, context) : undefined;
      if (!ampPage) throw error;
      page = ampPage;
      extracted = articleOn(page, item, context.rules);
    }
    const article: FromPage = await withFollowingPages(extracted, page.url, context);
    if (onward) article.movedTo = landed;
    return article;
  } catch (error) {
    if (isTransient(error)) context.pageBusy?.();
    context.log(`article page not used, keeping the feed's text: ${url}: ${error instanceof Error ? error.message : String(error)}`);
    return shell;
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

function wantsPage(item: SourceItem, mode: SourceConfig['fullText']): boolean {
  if (!item.url || mode === 'never') return false;
  return mode === 'always' || htmlToText(item.contentHtml).length < TEASER_CHARS;
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
  const original = fromPage?.movedTo ?? item.url;
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
  const published = item.published ?? context.now;
  const feedItem: FeedItem = {
    id,
    title,
    // As titles and summaries are (html-text.ts): tone marks written as entities or JSON escapes come in decomposed.
    content_html: contentHtml.normalize('NFC'),
    date_published: new Date(Math.min(published, context.now)).toISOString(),
    tags: [...new Set([context.source.section, context.source.name].filter((t): t is string => Boolean(t)))],
  };
  if (original) feedItem.url = original;
  const summary = shorten(teaserText.replace(/\s+/g, ' ').trim(), SUMMARY_CHARS);
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
