import { getMeta } from '../../shared/store/meta';
import { requestRefresh } from '../bridges/sync-bridge';
import { currentFeedUrl } from './settings';
import { db } from './db';

/** Whether the feed has older pages the phone has not downloaded yet. */
export type ArchiveMore = 'yes' | 'no' | 'unknown';

/** What the refreshes have learnt of the feed's archive (the cursor in meta.sync). */
export async function archiveMore(): Promise<ArchiveMore> {
  const [sync, feedUrl] = await Promise.all([getMeta(await db(), 'sync'), currentFeedUrl()]);
  if (sync?.feedUrl !== feedUrl || !sync.archive) return 'unknown';
  return sync.archive.next === undefined ? 'no' : 'yes';
}

/** «Tải thêm bài cũ»: a refresh that goes on into older pages, even on a metered line. */
export function loadOlderArticles(): Promise<void> {
  return requestRefresh({ archive: true });
}
