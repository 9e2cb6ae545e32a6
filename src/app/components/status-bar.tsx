import { KEPT_ARTICLES_NOTE, SYNC_ERROR_MESSAGES, retryMessage } from '../format/sync-messages';
import { formatBytes } from '../format/bytes';
import { formatUpdatedAt } from '../format/date';
import { requestRefresh } from '../bridges/sync-bridge';
import { lastError, lastOutcome, lastSuccess, online, progress, retrying, syncing } from '../state/sync-status';

function ProgressText() {
  const p = progress.value;
  const retry = retrying.value;
  if (retry) return <>{retryMessage(retry.retry, retry.retries)}</>;
  if (!p) return <>Đang tải tin…</>;
  // Later pages of the feed are only fetched while they still hold new articles.
  const what = p.page > 1 ? `Đang tải tin (trang ${p.page})…` : 'Đang tải tin…';
  if (p.total) {
    const percent = Math.min(100, Math.round((p.received / p.total) * 100));
    return (
      <>
        {what} {percent}%
        <progress max={p.total} value={p.received} aria-hidden="true" />
      </>
    );
  }
  return (
    <>
      {what} {formatBytes(p.received)}
    </>
  );
}

function LastResult() {
  const error = lastError.value;
  const success = lastSuccess.value;
  const outcome = lastOutcome.value;
  // «No network» is about the moment it happened: once the phone is online again it is no longer true.
  const current = error?.kind === 'offline' && online.value ? undefined : error;
  if (current && (!success || current.at >= success)) {
    return (
      <span class="status-error">
        <strong>{SYNC_ERROR_MESSAGES[current.kind]}.</strong> {KEPT_ARTICLES_NOTE}
      </span>
    );
  }
  if (!success) return <>Chưa tải tin lần nào.</>;
  const added = outcome?.status === 'updated' ? outcome.added : 0;
  return (
    <>
      Cập nhật lúc {formatUpdatedAt(success, Date.now())}
      {added > 0 && <> · {added} bài mới</>}
    </>
  );
}

/** Online/offline, when the news was last fetched, and a refresh button. */
export function StatusBar() {
  const isOnline = online.value;
  const busy = syncing.value;
  return (
    <div class="status-bar" role="status" aria-live="polite">
      <p class="status-text">
        <span class={isOnline ? 'net net-on' : 'net net-off'}>{isOnline ? 'Có mạng' : 'Ngoại tuyến'}</span>{' '}
        <span class="status-message">{busy ? <ProgressText /> : <LastResult />}</span>
      </p>
      <button type="button" class="button-small" onClick={() => void requestRefresh()} disabled={busy}>
        {busy ? 'Đang tải…' : 'Làm mới'}
      </button>
    </div>
  );
}
