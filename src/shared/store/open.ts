import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { hasInlineBody, splitRecord } from './body';
import { DB_NAME, DB_VERSION, type BaoSchema } from './schema';

export type BaoDb = IDBPDatabase<BaoSchema>;

export interface OpenOptions {
  name?: string;
  /**
   * Called when another tab or the service worker needs a newer schema. The
   * connection is already closed by then; the page should reload.
   */
  onVersionChange?: () => void;
  /**
   * Called when an older connection (a tab still running the previous version)
   * does not close for the upgrade; the upgrade completes once it does.
   */
  onBlocked?: () => void;
  /** The browser closed the connection (storage cleared, disk error); open a new one. */
  onTerminated?: () => void;
}

/**
 * Opens the database, upgrading it step by step. Each step only adds: an
 * upgrade must never drop the reader's articles or saved state.
 */
export function openStore(options: OpenOptions = {}): Promise<BaoDb> {
  return openDB<BaoSchema>(options.name ?? DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        const articles = db.createObjectStore('articles', { keyPath: 'id' });
        articles.createIndex('by-published', ['published', 'id']);
        db.createObjectStore('meta');
        db.createObjectStore('reader', { keyPath: 'id' });
      }
      if (oldVersion < 2) {
        db.createObjectStore('search');
      }
      if (oldVersion < 3) {
        // Older records get their keys from backfillDerived(), in bounded steps, not in this one transaction.
        transaction.objectStore('articles').createIndex('by-topic', 'topicKeys', { multiEntry: true });
        if (oldVersion > 0) void transaction.objectStore('meta').put({}, 'derivedBackfill');
      }
      if (oldVersion < 4) {
        const staging = db.createObjectStore('staging', { keyPath: ['gen', 'id'] });
        staging.createIndex('by-published', ['gen', 'published', 'id']);
      }
      if (oldVersion < 5) {
        // Bodies move out of older records in backfillDerived()'s bounded steps, not in this one transaction.
        db.createObjectStore('bodies', { keyPath: 'id' });
        db.createObjectStore('stagingBodies', { keyPath: ['gen', 'id'] });
        if (oldVersion > 0) void transaction.objectStore('meta').put({}, 'derivedBackfill');
      }
      if (oldVersion < 6) {
        db.createObjectStore('savedBodies', { keyPath: 'id' });
        const reader = transaction.objectStore('reader');
        reader.createIndex('by-read', 'readAt');
        reader.createIndex('by-saved', 'savedAt');
        // Saved copies are few (the reader's own choice): moved in this transaction, so all or none.
        if (oldVersion > 0) void moveSavedBodies(transaction);
      }
      if (oldVersion < 7) {
        // Older records get their url keys from backfillDerived(), in bounded steps.
        transaction.objectStore('articles').createIndex('by-url', 'urlKey');
        if (oldVersion > 0) void transaction.objectStore('meta').put({}, 'derivedBackfill');
      }
    },
    blocked() {
      options.onBlocked?.();
    },
    terminated() {
      options.onTerminated?.();
    },
    blocking(_current, _next, event) {
      // Let the newer version in rather than wedging its upgrade behind us.
      (event.target as IDBDatabase).close();
      options.onVersionChange?.();
    },
  });
}

/** Version 6: each saved copy's body goes to `savedBodies`, the rest stays where it was. */
async function moveSavedBodies(tx: IDBPTransaction<BaoSchema, StoreNames<BaoSchema>[], 'versionchange'>): Promise<void> {
  for (let cursor = await tx.objectStore('reader').openCursor(); cursor; cursor = await cursor.continue()) {
    const copy = cursor.value.savedCopy;
    if (!copy || !hasInlineBody(copy)) continue;
    const { card, body } = splitRecord(copy);
    void tx.objectStore('savedBodies').put(body);
    void cursor.update({ ...cursor.value, savedCopy: card });
  }
}
