import { formatBytes } from '../format/bytes';
import { progress } from '../state/sync-status';

/** How far a download has come: «Trang 1: 12 KB / 44 KB» over a bar, or that it is still connecting. */
export function DownloadProgress() {
  const p = progress.value;
  if (!p) return <p>Đang kết nối tới nguồn tin…</p>;
  return (
    <>
      <p>
        Trang {p.page}: {formatBytes(p.received)}
        {p.total ? ` / ${formatBytes(p.total)}` : ''}
      </p>
      <progress max={p.total ?? 1} value={p.total ? p.received : undefined} aria-label="Đã tải" />
    </>
  );
}
