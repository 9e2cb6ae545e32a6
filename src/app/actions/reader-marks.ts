import { readIds } from '../../shared/store/read-ids';
import { db } from './db';

/** The articles the reader has opened (and not marked unread since), for the list's marks and «Chưa đọc». */
export async function readArticleIds(): Promise<Set<string>> {
  return new Set(await readIds(await db()));
}
