import { evictExpired } from '../../shared/store/evict';
import { DEFAULT_KEEP_MONTHS } from '../../shared/store/eviction';
import { clearCachedImages, type ClearedImages } from '../../shared/store/images';
import { getMeta, setMeta } from '../../shared/store/meta';
import { db } from './db';

export { KEEP_MONTHS_CHOICES } from '../../shared/store/eviction';

/**
 * Asks the browser not to clear our data under storage pressure. Asked when
 * the reader saves an article (the moment they show the data matters to them),
 * or from settings; Chromium decides silently, Firefox asks the reader.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist) return false;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}

export interface StorageUse {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** How much this app uses and may use, where the browser says. */
export async function storageUse(): Promise<StorageUse | undefined> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.estimate) return undefined;
  const [{ usage = 0, quota = 0 }, persisted] = await Promise.all([
    storage.estimate(),
    storage.persisted?.().catch(() => false) ?? false,
  ]);
  return { usage, quota, persisted };
}

/** How many months unsaved articles are kept. */
export async function keepMonths(): Promise<number> {
  return (await getMeta(await db(), 'keepMonths')) ?? DEFAULT_KEEP_MONTHS;
}

/** Applies a new keeping time at once; returns how many articles it removed. */
export async function changeKeepMonths(months: number): Promise<number> {
  const database = await db();
  await setMeta(database, 'keepMonths', months);
  // The store announces what it removed: lists and search drop those articles.
  const removed = await evictExpired(database, Date.now());
  return removed.length;
}

/** Empties the picture cache; articles and saved pictures stay. */
export function clearPictureCache(): Promise<ClearedImages> {
  return clearCachedImages();
}
