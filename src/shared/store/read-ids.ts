import type { BaoDb } from './open';

/**
 * Ids of the articles the reader has opened (and not marked unread since):
 * keys of the `by-read` index, no reader record read. Apart from reader.ts,
 * which the first page does not load.
 */
export function readIds(db: BaoDb): Promise<string[]> {
  return db.getAllKeysFromIndex('reader', 'by-read');
}
