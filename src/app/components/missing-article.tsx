import { useRef } from 'preact/hooks';
import { requestRefresh } from '../bridges/sync-bridge';
import { SYNC_ERROR_MESSAGES } from '../format/sync-messages';
import { currentFailure, lastOutcome, online, syncing } from '../state/sync-status';
import { DownloadProgress } from './download-progress';

/**
 * An article the phone does not hold, as a shared link opens it. While a
 * download runs it may still come (a first visit downloads the feed as the
 * link opens), so the screen says so rather than «not found»; once a download
 * that read the feed has ended without it, the source does not have it and
 * asking again would not help; a download that failed says why.
 */
export function MissingArticle() {
  // What the last refresh was when this screen came: one that ends later has looked for the article.
  const shownAfter = useRef(lastOutcome.value);
  if (syncing.value) {
    return (
      <section class="empty" aria-busy="true">
        <h1>Đang tải bài viết…</h1>
        <DownloadProgress />
        <p class="help">Bài sẽ hiện ra ngay khi tải xong.</p>
      </section>
    );
  }
  const outcome = lastOutcome.value;
  const lookedFor = outcome !== shownAfter.current && (outcome?.status === 'updated' || outcome?.status === 'not-modified');
  const failure = currentFailure();
  return (
    <section class="empty">
      <h1>Không tìm thấy bài viết</h1>
      {lookedFor ? (
        <p>Nguồn tin hiện không có bài này: có thể bài đã cũ, đã bị gỡ, hoặc đường dẫn không đúng.</p>
      ) : (
        <>
          <p>Bài này chưa được tải về máy.</p>
          {failure && <p role="alert">Chưa tải được tin: {SYNC_ERROR_MESSAGES[failure.kind]}.</p>}
          {online.value ? (
            <button type="button" class="button-wide" onClick={() => void requestRefresh()}>
              Tải tin mới để tìm bài này
            </button>
          ) : (
            <p>Khi có mạng, hãy mở lại đường dẫn này để tải bài.</p>
          )}
        </>
      )}
      <p>
        <a href="/">Về trang tin mới</a>
      </p>
    </section>
  );
}
