/**
 * The article from a teaser's page: followed through a meta refresh, read from
 * its AMP copy when a script draws it, and used only if it tells the item's
 * story with more text than the feed; else why not, and what the page names
 * for sharing (its picture and description) when that is the item's story.
 */
import { ampCopyOf } from '../extract/amp-link';
import { extractArticle, pageCard, type ExtractedArticle } from '../extract/extract-article';
import { siteTrouble } from '../extract/site-trouble';
import { metaRefreshTarget } from '../extract/meta-refresh';
import type { SiteRule } from '../extract/site-rules';
import { isTransient } from '../net/http';
import type { SourceItem } from '../sources/source-item';
import { htmlToText, plainLine } from '../text/html-text';
import type { BuildContext } from './build-item';
import { withFollowingPages } from './following-pages';
import { webPage } from './web-page';

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

/**
 * A page whose text is under twice the feed's and that names an AMP copy may be a
 * shell whose placeholder passed for its article; an article is far longer than its teaser.
 */
const THIN_ARTICLE_TIMES_FEED = 2;

function articleOrNothing(page: WebPage, item: SourceItem, rules: readonly SiteRule[]): ExtractedArticle | undefined {
  try {
    return articleOn(page, item, rules);
  } catch {
    return undefined;
  }
}

/** A page the site answered 200 with while in trouble: a «not now», asked for again on the next runs as a 503 is. */
class SiteInTrouble extends Error {}

/** The article a fetched page gives for the item, or why it gives none. */
function articleOn(page: WebPage, item: SourceItem, rules: readonly SiteRule[]): ExtractedArticle {
  try {
    return articleIn(page, item, rules);
  } catch (error) {
    // Looked for only on a page that gave no article: one parse more, on a short page.
    const trouble = siteTrouble(page.html);
    throw trouble ? new SiteInTrouble(`the page is the site's notice «${trouble}», not the article: asked for again on the next runs`) : error;
  }
}

function articleIn(page: WebPage, item: SourceItem, rules: readonly SiteRule[]): ExtractedArticle {
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
export interface FromPage {
  html?: string;
  leadImage?: string;
  cut?: boolean;
  description?: string;
  /** Where a page that sent the reader on with a meta refresh sent them: the article's address now. */
  movedTo?: string;
  /** When the page says the story was published. */
  published?: number;
}

export async function articleFromPage(item: SourceItem & { url: string }, context: BuildContext): Promise<FromPage | undefined> {
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
      // A shell whose placeholder («Đang tải nội dung…») passes for a short article: its AMP copy, when that says more.
      const thin = htmlToText(extracted.html).length < THIN_ARTICLE_TIMES_FEED * htmlToText(item.contentHtml).length;
      const amp = thin ? ampCopyOf(page.html, page.url) : undefined;
      const ampPage = amp ? await webPage(amp, context).catch(() => undefined) : undefined;
      const fromAmp = ampPage ? articleOrNothing(ampPage, item, context.rules) : undefined;
      if (ampPage && fromAmp && htmlToText(fromAmp.html).length > htmlToText(extracted.html).length) [page, extracted] = [ampPage, fromAmp];
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
    if (isTransient(error) || error instanceof SiteInTrouble) context.pageBusy?.();
    context.log(`article page not used, keeping the feed's text: ${url}: ${error instanceof Error ? error.message : String(error)}`);
    return shell;
  }
}
