import { getArticle } from '../../shared/store/articles';
import { allReaderStates, setSaved } from '../../shared/store/reader';
import type { Article } from '../../shared/feed/types';
import type { StoredArticle } from '../../shared/store/schema';
import { imageUrlsOf } from '../../shared/store/images';
import { preferences } from '../state/preferences';
import { db } from './db';
import { keepImages, releaseImages } from './saved-images';
import { requestPersistentStorage } from './storage';

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
  // Saving shows the data matters to the reader: the moment to ask the browser to keep it.
  if (saved) void requestPersistentStorage();
}

export interface SavedRow {
  article: StoredArticle;
  read: boolean;
}

/** «Đã lưu»: the saved articles, the most recently saved first. */
export async function listSavedArticles(): Promise<SavedRow[]> {
  const database = await db();
  const saved = (await allReaderStates(database))
    .filter((s) => s.savedAt)
    .sort((a, b) => (b.savedAt ?? 0) - (a.savedAt ?? 0));
  const articles = await Promise.all(saved.map((s) => getArticle(database, s.id)));
  return saved.flatMap((s, i) => {
    const article = articles[i];
    return article ? [{ article, read: Boolean(s.readAt) }] : [];
  });
}
