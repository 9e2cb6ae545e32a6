import { getArticle, readMany, readTx } from '../../shared/store/articles';
import { announceArticlesChanged } from '../../shared/store/changes';
import { getReaderStateWithCopy, replaceSavedCopy, savedCopies, savedStates, setSaved } from '../../shared/store/reader';
import type { BaoDb } from '../../shared/store/open';
import type { ArticleCard, StoredArticle } from '../../shared/store/schema';
import { imageUrlsOf } from '../../shared/store/images';
import { preferences } from '../state/preferences';
import { db } from './db';
import { keepImages, releaseImages } from './saved-images';
import { requestPersistentStorage } from './storage';

/**
 * The pictures the saved-pictures cache must hold: those of every saved
 * version (the copy the reader kept; articles saved before copies were kept
 * have none, and show the stored one). Derived from the saved copies each
 * time, so the count of users of a picture can never drift from what is saved.
 */
async function picturesOfSaved(database: BaoDb): Promise<Set<string>> {
  const saved = await savedCopies(database);
  const versions = await Promise.all(saved.map(({ state, copy }) => copy ?? getArticle(database, state.id)));
  return new Set(versions.flatMap((a) => (a ? imageUrlsOf(a) : [])));
}

/**
 * «Lưu bài»: the article is kept forever as the reader sees it now, with its
 * pictures, readable offline; a refresh that changes it later does not touch
 * this copy. In data-saver mode only pictures already downloaded are kept.
 */
export async function saveArticle(article: StoredArticle, saved: boolean): Promise<void> {
  const database = await db();
  if (saved) {
    await setSaved(database, article.id, true, Date.now(), article);
    await keepImages(imageUrlsOf(article), !preferences.value.dataSaver);
    // Saving shows the data matters to the reader: the moment to ask the browser to keep it.
    void requestPersistentStorage();
  } else {
    const { copy } = await getReaderStateWithCopy(database, article.id);
    await setSaved(database, article.id, false, Date.now());
    const urls = [...imageUrlsOf(article), ...(copy ? imageUrlsOf(copy) : [])];
    await releaseImages(urls, await picturesOfSaved(database));
  }
  // The version this article shows has changed (the latest once unsaved).
  announceArticlesChanged({ changed: [article.id], removed: [] });
}

/**
 * Pictures of saved articles not kept yet (saved without a network, or a
 * download that failed): fetched now, as the data saver allows (with it on,
 * only copied from what the phone already holds).
 */
export async function keepMissingSavedPictures(): Promise<void> {
  if (!navigator.onLine) return;
  await keepImages([...(await picturesOfSaved(await db()))], !preferences.value.dataSaver);
}

// Here rather than in main.tsx, which would have to import this module and
// so grow the first download (+0.5 KB, one more file): this module comes with
// the article and «Đã lưu» screens, where saving happens, and catches up once
// as it loads and whenever the network comes back.
let catchingUp: Promise<void> = Promise.resolve();
const catchUp = () => {
  catchingUp = keepMissingSavedPictures().catch(() => undefined);
};
addEventListener('online', catchUp);
catchUp();

/**
 * Settles once the catch-up under way (if any) has kept what it could. An
 * article fetching its failed pictures again waits for it: they are then
 * read from the saved cache, not downloaded a second time beside it.
 */
export const savedPicturesCaughtUp = (): Promise<void> => catchingUp;

/** «Giữ bản mới»: the saved copy becomes the stored version, with its pictures; the old ones go unless still used. */
export async function keepNewerVersion(id: string): Promise<void> {
  const database = await db();
  const [{ state, copy }, stored] = await Promise.all([getReaderStateWithCopy(database, id), getArticle(database, id)]);
  if (!state.savedAt || !stored) return;
  await replaceSavedCopy(database, id, stored);
  await keepImages(imageUrlsOf(stored), !preferences.value.dataSaver);
  if (copy) await releaseImages(imageUrlsOf(copy), await picturesOfSaved(database));
  announceArticlesChanged({ changed: [id], removed: [] });
}

export interface SavedRow {
  article: ArticleCard;
  read: boolean;
}

/** «Đã lưu»: the saved versions, the most recently saved first; cards only, no body is read. */
export async function listSavedArticles(): Promise<SavedRow[]> {
  const database = await db();
  const saved = await savedStates(database);
  // Articles saved before copies were kept show the stored version.
  const stored = new Map((await readMany(readTx(database), saved.filter((s) => !s.savedCopy).map((s) => s.id))).map((card) => [card.id, card]));
  return saved.flatMap((s) => {
    const article = s.savedCopy ?? stored.get(s.id);
    return article ? [{ article, read: Boolean(s.readAt) }] : [];
  });
}
