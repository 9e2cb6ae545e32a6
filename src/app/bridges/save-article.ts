import { getArticle } from '../../shared/store/articles';
import { allReaderStates, setSaved } from '../../shared/store/reader';
import type { Article } from '../../shared/feed/types';
import { imageUrlsOf } from '../../shared/store/images';
import { db } from '../db';
import { preferences } from '../state/preferences';
import { keepImages, releaseImages } from './saved-images';

async function imagesOfOtherSaved(exceptId: string): Promise<Set<string>> {
  const database = await db();
  const ids = (await allReaderStates(database)).filter((s) => s.savedAt && s.id !== exceptId).map((s) => s.id);
  const articles = await Promise.all(ids.map((id) => getArticle(database, id)));
  return new Set(articles.flatMap((a) => (a ? imageUrlsOf(a) : [])));
}

/**
 * «Lưu bài»: the article is kept forever with its pictures, readable offline.
 * In data-saver mode only pictures already downloaded are kept.
 */
export async function saveArticle(article: Article, saved: boolean): Promise<void> {
  await setSaved(await db(), article.id, saved, Date.now());
  const urls = imageUrlsOf(article);
  if (saved) await keepImages(urls, !preferences.value.dataSaver);
  else await releaseImages(urls, await imagesOfOtherSaved(article.id));
}
