/// <reference lib="webworker" />
import { openStore, type BaoDb } from '../shared/store/open';

let dbPromise: Promise<BaoDb> | undefined;

/**
 * The worker's one connection, shared by the refresh and the picture cache's
 * data-saver check. Opened again after the browser closes it or a newer
 * schema takes over, and after a failed open.
 */
export function db(): Promise<BaoDb> {
  dbPromise ??= openStore({
    onVersionChange: () => (dbPromise = undefined),
    onTerminated: () => (dbPromise = undefined),
  }).catch((error: unknown) => {
    dbPromise = undefined;
    throw error;
  });
  return dbPromise;
}
