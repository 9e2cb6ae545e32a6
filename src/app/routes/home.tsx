import { useEffect, useState } from 'preact/hooks';
import type { StoredArticle } from '../../shared/store/schema';
import { listArticlesPage } from '../actions/articles';
import { readArticleIds } from '../actions/reader-marks';
import { ArticleCard } from '../components/article-card';
import { articlesVersion, lastError, progress, statusLoaded, syncing } from '../state/sync-status';
import { formatBytes } from '../format/bytes';
import { SYNC_ERROR_MESSAGES } from '../format/sync-messages';
import { useRememberedScroll } from '../state/scroll-memory';
import './home.css';

const PAGE_SIZE = 30;

interface ListState {
  version: number;
  rows: StoredArticle[];
  readIds: Set<string>;
  complete: boolean;
}

/** Kept across visits so that Back shows the same rows, already loaded. */
let remembered: ListState | undefined;

/** The empty list while the first articles download: what is happening, and how far along. */
function FirstDownload() {
  const p = progress.value;
  return (
    <section class="empty" aria-busy="true">
      <h1>Đang tải tin lần đầu…</h1>
      {p ? (
        <>
          <p>
            Trang {p.page}: {formatBytes(p.received)}
            {p.total ? ` / ${formatBytes(p.total)}` : ''}
          </p>
          <progress max={p.total ?? 1} value={p.total ? p.received : undefined} aria-label="Đã tải" />
        </>
      ) : (
        <p>Đang kết nối tới nguồn tin…</p>
      )}
      <p class="help">Bài sẽ hiện ra ngay khi tải xong, rồi đọc được cả khi không có mạng.</p>
    </section>
  );
}

export function Home() {
  const version = articlesVersion.value;
  const [list, setList] = useState<ListState | undefined>(remembered);
  const [loadingMore, setLoadingMore] = useState(false);
  useRememberedScroll(list !== undefined);

  useEffect(() => {
    if (list && list.version === version) return;
    let current = true;
    const limit = Math.max(PAGE_SIZE, list?.rows.length ?? 0);
    void Promise.all([listArticlesPage(limit), readArticleIds()]).then(([rows, readIds]) => {
      if (current) setList({ version, rows, readIds, complete: rows.length < limit });
    });
    return () => {
      current = false;
    };
  }, [version, list]);

  useEffect(() => {
    remembered = list;
  }, [list]);

  // Rows kept from an earlier visit keep their order, but the reader may have
  // opened (or marked unread) articles since: read marks are always fresh.
  useEffect(() => {
    let current = true;
    void readArticleIds().then((readIds) => current && setList((rows) => rows && { ...rows, readIds }));
    return () => {
      current = false;
    };
  }, []);

  const loadMore = async () => {
    if (!list) return;
    const last = list.rows[list.rows.length - 1];
    if (!last) return;
    setLoadingMore(true);
    const more = await listArticlesPage(PAGE_SIZE, [last.published, last.id]);
    setLoadingMore(false);
    setList({ ...list, rows: [...list.rows, ...more], complete: more.length < PAGE_SIZE });
  };

  if (!list) return <p class="notice">Đang mở…</p>;

  if (list.rows.length === 0) {
    // Articles announced but not yet read back count as still arriving: no «press refresh» in between.
    if (syncing.value || list.version !== version) return <FirstDownload />;
    if (!statusLoaded.value) return <p class="notice">Đang mở…</p>;
    const error = lastError.value;
    return (
      <section class="empty">
        <h1>Chưa có bài nào</h1>
        {error ? (
          <p>{SYNC_ERROR_MESSAGES[error.kind]}. Hãy bấm «Làm mới» khi có mạng.</p>
        ) : (
          <p>Hãy bấm «Làm mới» khi có mạng để tải tin.</p>
        )}
      </section>
    );
  }

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title" class="page-title">
        Tin mới
      </h1>
      <ol class="article-list">
        {list.rows.map((article) => (
          <li key={article.id} data-scroll-anchor={article.id}>
            <ArticleCard article={article} read={list.readIds.has(article.id)} />
          </li>
        ))}
      </ol>
      {!list.complete && (
        <button type="button" class="button-wide" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? 'Đang tải…' : 'Xem thêm tin cũ hơn'}
        </button>
      )}
    </section>
  );
}
