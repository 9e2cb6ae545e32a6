/**
 * The AMP copy a page names with <link rel="amphtml">: papers whose pages a
 * script fills in keep one for search engines, with the article as HTML
 * (pictures as <amp-img>, which figures.ts reads). Read from the head's markup.
 */
import { attribute, HEAD_CHARS } from './meta-refresh';

export function ampCopyOf(html: string, pageUrl: string): string | undefined {
  for (const [tag] of html.slice(0, HEAD_CHARS).matchAll(/<link\b[^>]*>/gi)) {
    if (!(attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/).includes('amphtml')) continue;
    const href = attribute(tag, 'href')?.trim();
    if (!href) return undefined;
    try {
      const target = new URL(href, pageUrl);
      return /^https?:$/.test(target.protocol) && target.href !== pageUrl ? target.href : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
