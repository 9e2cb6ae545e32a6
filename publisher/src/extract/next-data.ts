/**
 * The article out of a Next.js page's data (`<script id="__NEXT_DATA__">`):
 * sites built with it send a near-empty page and the article, as HTML or
 * text, inside the props a script draws it from. The longest string under a
 * key that names a body («content», «body», «detail», «html») is taken.
 */
import { htmlToText } from '../text/html-text';
import { escapeText } from '../text/text-html';

const BODY_KEY = /content|body|detail|html|text/i;
/** Shorter strings are teasers and captions, not an article. */
const MIN_CHARS = 300;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function findBodies(value: Json, key: string, found: string[]): void {
  if (typeof value === 'string') {
    if (BODY_KEY.test(key) && value.length >= MIN_CHARS) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) findBodies(item, key, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [childKey, child] of Object.entries(value)) findBodies(child, childKey, found);
  }
}

/** Must run before the page's scripts are removed. The article as HTML (links and pictures as written), or undefined. */
export function articleBodyFromNextData(doc: Document): string | undefined {
  const script = doc.querySelector('script#__NEXT_DATA__');
  if (!script) return undefined;
  const found: string[] = [];
  try {
    findBodies(JSON.parse(script.textContent ?? '') as Json, '', found);
  } catch {
    return undefined; // Cut or broken: the page's HTML is all there is.
  }
  const longest = found.sort((a, b) => htmlToText(b).length - htmlToText(a).length)[0];
  if (!longest) return undefined;
  if (/<\/?(?:p|br|div|figure|img)\b/i.test(longest)) return longest;
  const paragraphs = longest.split(/\n+/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join('');
}
