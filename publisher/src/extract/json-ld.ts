/**
 * The article's text from its schema.org data (`<script type="application/ld+json">`,
 * `articleBody`), for pages whose HTML carries no article: those a script
 * fills in. Text only, no pictures; a paid article (`isAccessibleForFree`
 * false) is not taken from there.
 */
import { htmlToText } from '../text/html-text';
import { escapeText } from '../text/text-html';

const ARTICLE_TYPE = /^(?:\w+:)?(?:Article|NewsArticle|BlogPosting|ReportageNews|AnalysisNewsArticle|OpinionNewsArticle|Report)$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isArticle(node: { [key: string]: Json }): boolean {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).some((t) => typeof t === 'string' && ARTICLE_TYPE.test(t));
}

function isFree(node: { [key: string]: Json }): boolean {
  const free = node.isAccessibleForFree;
  return !(free === false || (typeof free === 'string' && /^false$/i.test(free.trim())));
}

/** The longest free articleBody among the objects of the JSON, @graph and arrays included. */
function findBody(value: Json, found: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) findBody(item, found);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (isArticle(value) && isFree(value) && typeof value.articleBody === 'string') found.push(value.articleBody);
  for (const child of Object.values(value)) if (typeof child === 'object') findBody(child, found);
}

/** Must run before the page's scripts are removed. Paragraphs as HTML, or undefined. */
export function articleBodyFromJsonLd(doc: Document): string | undefined {
  const found: string[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      findBody(JSON.parse(script.textContent ?? '') as Json, found);
    } catch {
      continue; // Broken JSON-LD is common; the page may still have its text in HTML.
    }
  }
  const longest = found.sort((a, b) => b.length - a.length)[0];
  if (!longest) return undefined;
  // Some CMSs put the body's HTML there, most its text with line breaks between paragraphs.
  const text = /<\/?(?:p|br|div)\b/i.test(longest) ? htmlToText(longest) : longest;
  const paragraphs = text.split(/\n+/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return paragraphs.length > 0 ? paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join('') : undefined;
}
