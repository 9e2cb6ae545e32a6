import { markRead, markUnread } from '../../shared/store/reader';
import { db } from './db';

// Apart from reader-marks.ts (the list's): loaded with the article screen, not the first one.

/** «Đánh dấu chưa đọc» / «Đánh dấu đã đọc». */
export async function setReadMark(id: string, read: boolean): Promise<void> {
  const database = await db();
  if (read) await markRead(database, id, Date.now());
  else await markUnread(database, id);
}
