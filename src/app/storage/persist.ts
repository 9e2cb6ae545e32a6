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
