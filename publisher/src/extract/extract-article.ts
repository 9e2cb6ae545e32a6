/**
 * The article out of a news page: pictures normalised, boilerplate removed by
 * generic rules and the site's own rule, then the body chosen by the rule's
 * selector or by Mozilla's Readability over linkedom.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { removeBoilerplate, removeSelectors } from './boilerplate';
import { dropDatelines } from './dateline';
import { replaceEmbeds } from './embeds';
import { articleBodyFromJsonLd } from './json-ld';
import { articleBodyFromNextData } from './next-data';
import { removePaywallPrompts } from './paywall';
import { normaliseFigures } from './figures';
import { nextPageUrl } from './next-page';
import { pageDate } from './page-date';
import { ruleFor, type SiteRule } from './site-rules';
import { fragmentDocument, htmlToText } from '../text/html-text';

export interface ExtractedArticle {
  /** Unsanitised HTML of the article body; pictures have absolute `src`. */
  html: string;
  title?: string;
  /** og:image or the like, absolute. */
  leadImage?: string;
  /** The page showed only the start of the article, behind a prompt to subscribe. */
  cut?: boolean;
  /** The article's next page, when it is split over several. */
  next?: string;
  /** When the page says the story was published (epoch ms). */
  published?: number;
}

function metaContent(doc: Document, names: string[]): string | undefined {
  for (const name of names) {
    const value = doc.querySelector(`meta[property="${name}"],meta[name="${name}"]`)?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

function absolute(url: string | undefined, base: string): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/** Readability resolves links against the document's URL, which a linkedom document does not have. */
export function absoluteLinks(doc: Document, pageUrl: string): void {
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = absolute(a.getAttribute('href') ?? undefined, pageUrl);
    if (href) a.setAttribute('href', href);
    else a.removeAttribute('href');
  }
}

/**
 * What a page says of itself for sharing (og:image, og:description), for a page
 * whose article a script draws: the story's picture, and its text when the feed has none.
 */
export function pageCard(html: string, pageUrl: string): { title?: string; image?: string; description?: string } {
  const doc = parseHTML(html).document as unknown as Document;
  if (!doc.documentElement) return {};
  const card: { title?: string; image?: string; description?: string } = {};
  const title = metaContent(doc, ['og:title', 'twitter:title']) ?? doc.querySelector('title')?.textContent?.trim();
  if (title) card.title = title;
  const image = absolute(metaContent(doc, ['og:image', 'twitter:image']), pageUrl);
  const description = metaContent(doc, ['og:description', 'twitter:description', 'description']);
  if (image) card.image = image;
  if (description) card.description = description;
  return card;
}

/** `firstUrl`: the article's first page, when this is a later one. */
export function extractArticle(html: string, pageUrl: string, rules: readonly SiteRule[], firstUrl = pageUrl): ExtractedArticle | undefined {
  const doc = parseHTML(html).document as unknown as Document;
  // An empty or bodiless answer has no article (linkedom has no document element to read then).
  if (!doc.documentElement || !doc.body) return undefined;
  const leadImage = absolute(metaContent(doc, ['og:image', 'twitter:image']), pageUrl);
  const title = metaContent(doc, ['og:title']) ?? doc.querySelector('h1')?.textContent?.trim() ?? undefined;
  const rule = ruleFor(pageUrl, rules);
  // Read before the clean-up, which takes pagers away with the other navigation.
  const next = nextPageUrl(doc, pageUrl, firstUrl);
  const fromJsonLd = articleBodyFromJsonLd(doc);
  const fromNextData = articleBodyFromNextData(doc);
  const published = pageDate(doc);
  replaceEmbeds(doc, pageUrl, pageUrl);
  normaliseFigures(doc, pageUrl);
  absoluteLinks(doc, pageUrl);
  if (rule?.remove) removeSelectors(doc, rule.remove);
  const chosen = rule?.content ? doc.querySelector(rule.content) : null;
  // Before the generic clean-up, whose "subscribe" boxes would go without a word.
  const cut = removePaywallPrompts(doc);
  removeBoilerplate(doc);
  let body: string | undefined;
  if (chosen?.isConnected) {
    body = chosen.innerHTML;
  } else {
    const parsed = new Readability(doc, { charThreshold: 300, keepClasses: false }).parse();
    body = parsed?.content ?? undefined;
  }
  // A page its script fills in: the text its schema.org data carries, if the HTML gave less than half of it.
  // Not behind a paywall: what it hides stays hidden.
  if (fromJsonLd && !cut && htmlToText(body ?? '').length < htmlToText(fromJsonLd).length / 2) body = fromJsonLd;
  // Likewise a Next.js page's data, whose HTML may hold pictures and links written as on the page.
  const useNextData = fromNextData !== undefined && !cut && htmlToText(body ?? '').length < htmlToText(fromNextData).length / 2;
  if (useNextData) body = fromNextData;
  // A paywall may leave too little for Readability: what was wrong is still worth telling.
  if (!body) return cut ? { html: '', cut } : undefined;
  const article = fragmentDocument(body);
  if (useNextData) {
    normaliseFigures(article, pageUrl);
    absoluteLinks(article, pageUrl);
  }
  dropDatelines(article.body);
  const result: ExtractedArticle = { html: article.body.innerHTML };
  if (title) result.title = title;
  if (leadImage) result.leadImage = leadImage;
  if (cut) result.cut = true;
  if (next) result.next = next;
  if (published !== undefined) result.published = published;
  return result;
}
