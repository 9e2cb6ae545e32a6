import { allReaderStates, markRead, markUnread } from '../../shared/store/reader';
import { db } from './db';

/** The articles the reader has opened (and not marked unread since). */
export async function readArticleIds(): Promise<Set<string>> {
  const states = await allReaderStates(await db());
  return new Set(states.filter((s) => s.readAt).map((s) => s.id));
}

/** «Đánh dấu chưa đọc» / «Đánh dấu đã đọc». */
export async function setReadMark(id: string, read: boolean): Promise<void> {
  const database = await db();
  if (read) await markRead(database, id, Date.now());
  else await markUnread(database, id);
}
