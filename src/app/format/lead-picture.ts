import { parseBase, safeUrl } from '../../shared/feed/clean';
import { cleanSrcset } from '../../shared/feed/srcset';
import type { Article, PictureSize } from '../../shared/feed/types';

/** How an article picture is laid out (the column is at most 600 CSS px wide): what `sizes` tells the browser. */
export const ARTICLE_PICTURE_SIZES = '(max-width: 600px) 100vw, 600px';

const IMG_TAG = /<img\b[^>]*>/gi;
const URL_ATTR = /\s(?:src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

function urlsOf(picture: PictureSize): string[] {
  return [picture.url, ...(picture.srcset ?? '').split(',').map((c) => c.trim().split(/\s+/)[0] ?? '')];
}

/**
 * The feed's lead picture in its sizes (`_bao_offline.image`), to show above
 * the text, unless the article already shows it: as its banner, or as one of
 * the pictures in its own HTML (in any of its sizes).
 */
export function leadPicture(article: Pick<Article, 'imageSizes' | 'bannerImage' | 'contentHtml' | 'baseUrl'>): PictureSize | undefined {
  const lead = article.imageSizes;
  if (!lead || article.bannerImage) return undefined;
  const base = parseBase(article.baseUrl ?? '');
  const inText = new Set<string>();
  for (const [tag] of (article.contentHtml ?? '').matchAll(IMG_TAG)) {
    for (const match of tag.matchAll(URL_ATTR)) {
      const value = (match[1] ?? match[2] ?? '').replace(/&amp;/g, '&');
      for (const url of [safeUrl(value, base), ...(cleanSrcset(value, base) ?? '').split(', ').map((c) => c.split(' ')[0])]) {
        if (url) inText.add(url);
      }
    }
  }
  return urlsOf(lead).some((url) => inText.has(url)) ? undefined : lead;
}
