import { archiveMore, loadOlderArticles } from '../actions/archive';
import { archiveMessage } from '../format/archive-messages';
import { lastOutcome, syncing } from '../state/sync-status';
import { useAsync } from '../state/use-async';

/**
 * At the end of the stored list: whether the source has older articles, and
 * «Tải thêm bài cũ» to fetch them (the button a metered line needs, since
 * refreshes there follow no older pages by themselves).
 */
export function ArchiveMore() {
  // Re-read after every refresh: each one may move the archive on.
  const more = useAsync(archiveMore, [lastOutcome.value]);
  if (more.status !== 'ready') return null;
  const busy = syncing.value;
  return (
    <div class="archive-more">
      <p>{archiveMessage(more.value)}</p>
      {more.value !== 'no' && (
        <button type="button" class="button-wide" onClick={() => void loadOlderArticles()} disabled={busy}>
          {busy ? 'Đang tải…' : 'Tải thêm bài cũ'}
        </button>
      )}
    </div>
  );
}
