/**
 * The rest of an article split over several pages, appended to its first:
 * before, only the first page was published and the article stopped mid-way.
 * At most a few pages; a page that cannot be had ends the article there, said in one line.
 */
import { extractArticle, type ExtractedArticle } from '../extract/extract-article';
import type { SiteRule } from '../extract/site-rules';
import type { Client } from '../net/client';
import { webPage } from './web-page';

const MAX_PAGES = 5;

export async function withFollowingPages(
  first: ExtractedArticle,
  firstUrl: string,
  context: { client: Client; rules: readonly SiteRule[]; maxPageBytes: number; log: (message: string) => void },
): Promise<ExtractedArticle> {
  const parts = [first.html];
  const seen = new Set([firstUrl]);
  let next = first.next;
  while (next && !seen.has(next) && parts.length < MAX_PAGES) {
    seen.add(next);
    try {
      const page = await webPage(next, context);
      if (!page) break;
      const extracted = extractArticle(page.html, page.url, context.rules, firstUrl);
      if (!extracted?.html.trim()) break;
      parts.push(extracted.html);
      next = extracted.next;
    } catch (error) {
      context.log(`article page ${parts.length + 1} not had, the article ends with page ${parts.length}: ${next}: ${error instanceof Error ? error.message : String(error)}`);
      break;
    }
  }
  return { ...first, html: parts.join('\n') };
}
