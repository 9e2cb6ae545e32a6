import { IMAGE_CACHE } from '../cache-names';
import { parseBase, safeUrl } from '../feed/clean';
import type { Article } from '../feed/types';

const IMG_SRC = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const IMG_SRCSET = /<img\b[^>]*?\ssrcset\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** The URLs of a srcset, whichever of them the browser picked on this screen. */
function srcsetUrls(srcset: string | undefined): string[] {
  return (srcset ?? '').split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '');
}

/** Every picture an article may have put in the cache, as absolute http(s) URLs. */
export function imageUrlsOf(
  article: Pick<Article, 'image' | 'bannerImage' | 'contentHtml' | 'baseUrl' | 'url' | 'thumbnail' | 'imageSizes'>,
): string[] {
  const base = parseBase(article.baseUrl ?? article.url ?? '');
  const raw = [article.image, article.bannerImage, article.thumbnail?.url, article.imageSizes?.url];
  raw.push(...srcsetUrls(article.thumbnail?.srcset), ...srcsetUrls(article.imageSizes?.srcset));
  for (const match of (article.contentHtml ?? '').matchAll(IMG_SRC)) raw.push(match[1] ?? match[2] ?? match[3]);
  for (const match of (article.contentHtml ?? '').matchAll(IMG_SRCSET)) raw.push(...srcsetUrls((match[1] ?? match[2])?.replace(/&amp;/g, '&')));
  const urls = new Set<string>();
  for (const value of raw) {
    const url = safeUrl(value?.replace(/&amp;/g, '&'), base);
    if (url) urls.add(url);
  }
  return [...urls];
}

function imageCache(): Promise<Cache> | undefined {
  return typeof caches === 'undefined' ? undefined : caches.open(IMAGE_CACHE);
}

/** Drops the cached copies of these pictures; a missing cache is not an error. */
export async function deleteCachedImages(urls: readonly string[]): Promise<void> {
  const cache = await imageCache()?.catch(() => undefined);
  if (!cache) return;
  await Promise.all(urls.map((url) => cache.delete(url).catch(() => false)));
}

export interface ClearedImages {
  count: number;
  /** Bytes of the pictures whose size could be read; other sites' pictures hide theirs. */
  bytes: number;
}

/** Empties the picture cache; articles and saved state are untouched. */
export async function clearCachedImages(): Promise<ClearedImages> {
  const cache = await imageCache()?.catch(() => undefined);
  if (!cache) return { count: 0, bytes: 0 };
  const requests = await cache.keys();
  let bytes = 0;
  for (const request of requests) {
    const response = await cache.match(request);
    if (response && response.type !== 'opaque') bytes += (await response.blob()).size;
    await cache.delete(request);
  }
  return { count: requests.length, bytes };
}
