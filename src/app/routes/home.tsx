import { useEffect, useState } from 'preact/hooks';
import type { StoredArticle } from '../../shared/store/schema';
import { listArticlesPage } from '../actions/articles';
import { readArticleIds } from '../actions/reader-marks';
import { ArticleCard } from '../components/article-card';
import { InstallOffer } from '../components/install-button';
import { articlesVersion, lastError, syncing } from '../state/sync-status';
import { SYNC_ERROR_MESSAGES } from '../format/sync-messages';
import { useRememberedScroll } from '../state/scroll-memory';
import { loadListFacts, type ListFacts } from '../actions/list-facts';
import { takeFirstDownloadNote } from '../state/first-download-note';
import { formatDate } from '../format/date';
import './home.css';

const PAGE_SIZE = 30;
/** The install offer sits after this many rows: below the first screen, where it covers nothing. */
const OFFER_AFTER = 6;

interface ListState {
  version: number;
  rows: StoredArticle[];
  readIds: Set<string>;
  complete: boolean;
  facts: ListFacts;
}

/** Kept across visits so that Back shows the same rows, already loaded. */
let remembered: ListState | undefined;

export function Home() {
  const version = articlesVersion.value;
  const [list, setList] = useState<ListState | undefined>(remembered);
  const [loadingMore, setLoadingMore] = useState(false);
  const [savedNote, setSavedNote] = useState<number | undefined>(undefined);
  useRememberedScroll(list !== undefined);

  useEffect(() => {
    if (list && list.version === version) return;
    let current = true;
    const limit = Math.max(PAGE_SIZE, list?.rows.length ?? 0);
    void Promise.all([listArticlesPage(limit), readArticleIds(), loadListFacts()]).then(([rows, readIds, facts]) => {
      if (!current) return;
      setList({ version, rows, readIds, complete: rows.length < limit, facts });
      if (facts.count > 0 && takeFirstDownloadNote()) setSavedNote(facts.count);
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
    const error = lastError.value;
    return (
      <section class="empty">
        <h1>Chưa có bài nào</h1>
        {syncing.value ? (
          <p>Đang tải tin lần đầu…</p>
        ) : error ? (
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
      {savedNote !== undefined && (
        <p class="saved-note" role="status">
          Đã lưu {savedNote} bài để đọc khi không có mạng
        </p>
      )}
      <ol class="article-list">
        {list.rows.slice(0, OFFER_AFTER).map((article) => (
          <li key={article.id} data-scroll-anchor={article.id}>
            <ArticleCard article={article} read={list.readIds.has(article.id)} />
          </li>
        ))}
      </ol>
      <InstallOffer />
      {list.rows.length > OFFER_AFTER && (
        <ol class="article-list" start={OFFER_AFTER + 1}>
          {list.rows.slice(OFFER_AFTER).map((article) => (
            <li key={article.id} data-scroll-anchor={article.id}>
              <ArticleCard article={article} read={list.readIds.has(article.id)} />
            </li>
          ))}
        </ol>
      )}
      {!list.complete && (
        <button type="button" class="button-wide" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? 'Đang tải…' : 'Xem thêm tin cũ hơn'}
        </button>
      )}
      {list.facts.oldest !== undefined && (
        <p class="list-end">
          Máy đang giữ {list.facts.count} bài, tin cũ nhất từ {formatDate(list.facts.oldest)}. Đọc được cả khi không có mạng.
        </p>
      )}
    </section>
  );
}
