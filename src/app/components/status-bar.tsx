import { KEPT_ARTICLES_NOTE, SYNC_ERROR_MESSAGES, retryMessage } from '../format/sync-messages';
import { formatBytes } from '../format/bytes';
import { formatUpdatedAt } from '../format/date';
import { formatCount } from '../format/count';
import { requestRefresh } from '../bridges/sync-bridge';
import { serverReadyAt } from '../../shared/sync/retry-after';
import { currentFailure, hasArticles, lastOutcome, lastSuccess, online, progress, retrying, statusLoaded, syncing, unfinishedAt } from '../state/sync-status';
import { minuteNow } from '../state/clock';
import './status-bar.css';

function ProgressText() {
  const p = progress.value;
  const retry = retrying.value;
  if (retry) return <>{retryMessage(retry.retry, retry.retries)}</>;
  if (!p) return <>Đang tải tin…</>;
  // Later pages of the feed are only fetched while they still hold new articles.
  const what = p.page > 1 ? `Đang tải tin (trang ${p.page})…` : 'Đang tải tin…';
  // The amount is for the eye: read out, each step would be a new announcement (80 for one first download).
  if (p.total) {
    const percent = Math.min(100, Math.round((p.received / p.total) * 100));
    return (
      <>
        {what} <span aria-hidden="true">{percent}%</span>
        <progress max={p.total} value={p.received} aria-hidden="true" />
      </>
    );
  }
  return (
    <>
      {what} <span aria-hidden="true">{formatBytes(p.received)}</span>
    </>
  );
}

function LastResult() {
  const success = lastSuccess.value;
  const outcome = lastOutcome.value;
  const current = currentFailure();
  // The minute's tick re-renders it, so «hôm nay» turns «hôm qua» at midnight on a list left open, and a server's
  // time to wait is no longer given once it has passed; Date.now() for a refresh that ended since the last tick.
  const now = Math.max(minuteNow.value, Date.now());
  if (current) {
    // Refreshes nobody asked for wait until then (freshness.ts); the reader knows when news may come again.
    const readyAt = serverReadyAt({ lastError: current, lastSuccess: success }, now);
    return (
      <span class="status-error">
        <strong>{SYNC_ERROR_MESSAGES[current.kind]}.</strong>
        {readyAt !== undefined && <> Sẽ thử lại sau {formatUpdatedAt(readyAt, now)}.</>}
        {/* Not on a first visit that failed: there is nothing to read, and the list says so. */}
        {hasArticles.value !== false && <> {KEPT_ARTICLES_NOTE}</>}
      </span>
    );
  }
  const unfinished = unfinishedAt.value;
  if (!success && unfinished !== undefined) {
    // Articles are stored, so something was downloaded: never «Chưa tải tin lần nào» above them.
    return (
      <span class="status-error">
        <strong>Lần tải tin lúc {formatUpdatedAt(unfinished, now)} chưa xong.</strong> {KEPT_ARTICLES_NOTE}
      </span>
    );
  }
  // Until the recorded status is read (on opening, it may wait behind a refresh's write) nothing is known: say nothing.
  if (!success) return statusLoaded.value && <>Chưa tải tin lần nào.</>;
  const added = outcome?.status === 'updated' ? outcome.added : 0;
  return (
    <>
      Cập nhật lúc {formatUpdatedAt(success, now)}
      {/* On a narrow screen it moves, whole, under the time (status-bar.css). */}
      {added > 0 && (
        <span class="status-new">
          {' '}
          <span>· {formatCount(added)} bài mới</span>
        </span>
      )}
    </>
  );
}

interface Props {
  /**
   * Lists show when the news was fetched and offer «Làm mới». Elsewhere the
   * reader is reading: only «Ngoại tuyến» takes a line; a download shows as a
   * thin bar under the header and failures are only announced, so the text
   * never jumps while it is read.
   */
  onList?: boolean;
}

function Message({ busy }: { busy: boolean }) {
  return <span class="status-message">{busy ? <ProgressText /> : <LastResult />}</span>;
}

/** One slim line under the header, in the page's flow: it scrolls away and covers nothing. */
export function StatusBar({ onList = true }: Props) {
  const isOnline = online.value;
  const busy = syncing.value;
  // A download that never finished is told like a failure: it is one, and its line must wrap, not be cut.
  const failed = currentFailure() !== undefined || (lastSuccess.value === undefined && unfinishedAt.value !== undefined);
  if (!onList && isOnline) {
    return (
      <div class="status-bar status-bar-quiet" role="status" aria-live="polite">
        {busy && <progress class="status-progress" max={progress.value?.total} value={progress.value?.total ? progress.value.received : undefined} aria-hidden="true" />}
        {/* That a refresh started, with nothing when it ends, would only break into the reading. */}
        {failed && !busy && (
          <p class="visually-hidden">
            <LastResult />
          </p>
        )}
      </div>
    );
  }
  return (
    <div class={failed && !busy ? 'status-bar status-bar-failed' : 'status-bar'}>
      {/* The button stays out of the announcement: its label would be read after every message. */}
      <p class="status-text" role="status" aria-live="polite">
        {!isOnline && <span class="net net-off">Ngoại tuyến</span>}
        <Message busy={busy} />
      </p>
      <button type="button" class="status-refresh" onClick={() => void requestRefresh()} disabled={busy}>
        {busy ? 'Đang tải…' : 'Làm mới'}
      </button>
    </div>
  );
}
