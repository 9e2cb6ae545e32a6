import { ArchiveMore } from '../components/archive-more';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { ArticleCard as Card } from '../../shared/store/schema';
import type { PageCursor } from '../../shared/store/articles';
import { listArticlesPage } from '../actions/articles';
import { readArticleIds } from '../actions/reader-marks';
import { loadListFacts, type ListFacts } from '../actions/list-facts';
import { listSectionPage, sectionFacts, topSections, type Section } from '../actions/sections';
import { unreadPage, wholePage, type ListPage } from '../actions/unread';
import { ArticleCard } from '../components/article-card';
import { InstallOffer } from '../components/install-button';
import { DownloadProgress } from '../components/download-progress';
import { SectionRow } from '../components/section-row';
import { articlesVersion, lastError, lastOutcome, lastSuccess, statusLoaded, syncing } from '../state/sync-status';
import { SYNC_ERROR_MESSAGES, emptySourceMessage, firstDownloadAdvice } from '../format/sync-messages';
import { formatDate } from '../format/date';
import { formatCount } from '../format/count';
import { sectionPath, unreadPath } from '../format/section-paths';
import { fromPathSegment } from '../format/paths';
import { useRememberedScroll } from '../state/scroll-memory';
import { firstDownloadNoteDue, takeFirstDownloadNote } from '../state/first-download-note';
import { rememberOrderOnOpen } from '../state/reading-order';
import { ReadFailure } from '../components/read-failure';
import './home.css';

const PAGE_SIZE = 30;
/** The install offer sits after this many rows: below the first screen, where it covers nothing. */
const OFFER_AFTER = 6;
/** Sections in the row above the list: enough to scroll through, few enough to read. */
const SECTION_COUNT = 12;

interface ListState {
  version: number;
  rows: Card[];
  readIds: Set<string>;
  /** Where «Xem thêm» continues; absent once the list has no more. */
  next?: PageCursor;
  facts: ListFacts;
}

/** Kept across visits, one per list, so that Back shows the same rows, already loaded. */
const remembered = new Map<string, ListState>();

/** The section row's last read (kept when the reader moves on), and what it last showed. */
let sectionsRead: { version: number; sections: Promise<Section[]> } | undefined;
let sectionsShown: Section[] = [];

/**
 * The section row, read apart from the list and after it: counting every tag
 * takes a transaction per tag, and during a refresh's fold each may wait for
 * a chunk, so the list's first cards must not wait for it (a reopened app
 * took up to 4.7 s to show them). Until read, the row shows the last sections.
 */
function useSections(version: number): Section[] {
  const [sections, setSections] = useState(sectionsShown);
  useEffect(() => {
    if (sectionsRead?.version !== version) sectionsRead = { version, sections: topSections(SECTION_COUNT).catch(() => sectionsShown) };
    // A read for an older version that ends late is not shown (a list that has gone ignores it).
    void sectionsRead.sections.then((read) => sectionsRead?.version === version && setSections((sectionsShown = read)));
  }, [version]);
  return sections;
}

/** The empty list while the first articles download: what is happening, and how far along. */
function FirstDownload() {
  return (
    <section class="empty" aria-busy="true">
      <h1>Đang tải tin lần đầu…</h1>
      {syncing.value ? <DownloadProgress /> : <p>Đang mở các bài vừa tải…</p>}
      <p class="help">Bài sẽ hiện ra ngay khi tải xong, rồi đọc được cả khi không có mạng.</p>
    </section>
  );
}

function loadPage(tag: string | undefined, unread: boolean, readIds: Set<string>, limit: number, after?: PageCursor): Promise<ListPage> {
  const read = (n: number, from?: PageCursor) => (tag === undefined ? listArticlesPage(n, from) : listSectionPage(tag, n, from));
  // The unread view pages through the whole store, so an unread article far down is reached too.
  return unread ? unreadPage(read, (id) => readIds.has(id), limit, after) : wholePage(read, limit, after);
}

interface Props {
  /** From `/chuyen-muc/:tag`; absent for all the news. */
  tag?: string;
}

/** The news, newest first: all of it, or one section; optionally only what is not read yet. */
export function Home({ tag: segment }: Props) {
  const tag = segment === undefined ? undefined : fromPathSegment(segment);
  const { query } = useLocation();
  const unread = query['chua-doc'] === '1';
  // One list per section and view: moving between them starts from that list's own state.
  const key = `${unread ? 'chua-doc:' : ''}${tag ?? ''}`;
  return <NewsList key={key} listKey={key} tag={tag} unread={unread} />;
}

function NewsList({ tag, unread, listKey: key }: Props & { unread: boolean; listKey: string }) {
  const version = articlesVersion.value;
  const sections = useSections(version);
  const [list, setList] = useState<ListState | undefined>(remembered.get(key));
  // Until this view is read, the same list in the other view («Tất cả» ↔ «Chưa đọc») stays on screen,
  // marked busy, rather than «Đang mở…» for a moment.
  const [other] = useState(() => remembered.get((unread ? '' : 'chua-doc:') + (tag ?? '')));
  const shown = list ?? other;
  const [loadingMore, setLoadingMore] = useState(false);
  const moreButton = useRef<HTMLButtonElement>(null);
  /** The first row «Xem thêm tin cũ hơn» brought, to take the focus once shown. */
  const [firstMore, setFirstMore] = useState<string>();
  // A read that fails (a database closed under it, a disk error) must not leave «Đang mở…» for ever.
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [savedNote, setSavedNote] = useState<number | undefined>(undefined);
  // The note's place is kept from the first rows on, so its arrival moves no row (layout shift).
  const [noteDue, setNoteDue] = useState(() => tag === undefined && firstDownloadNoteDue());
  useRememberedScroll(list !== undefined);

  useEffect(() => {
    if (list && list.version === version) return;
    let current = true;
    const limit = Math.max(PAGE_SIZE, list?.rows.length ?? 0);
    const facts = tag === undefined ? loadListFacts() : sectionFacts(tag);
    const page = readArticleIds().then(async (readIds) => ({ readIds, ...(await loadPage(tag, unread, readIds, limit)) }));
    Promise.all([page, facts]).then(
      ([{ rows, next, readIds }, facts]) => {
        const loaded = { version, rows, readIds, next, facts };
        // Kept even when the reader has moved on, so coming back does not read it all again.
        remembered.set(key, loaded);
        if (current) setList(loaded);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [version, list, key, tag, unread, attempt]);

  useEffect(() => {
    if (list) remembered.set(key, list);
  }, [list, key]);

  // Pressed from a keyboard or a screen reader, the button leaves the focus below the new rows, or on
  // nothing once the last page is in (the next Tab then went back to the top): the first new article takes it.
  useEffect(() => {
    if (firstMore === undefined) return;
    setFirstMore(undefined);
    const active = document.activeElement;
    if (active !== document.body && active !== moreButton.current) return;
    // Where the button was: nothing scrolls.
    document.querySelector<HTMLElement>(`[data-scroll-anchor="${CSS.escape(firstMore)}"] a`)?.focus({ preventScroll: true });
  }, [firstMore]);

  // Said once the first download has ended (pages may land one by one), with the count then.
  const downloading = syncing.value;
  const hasArticles = (list?.facts.count ?? 0) > 0;
  useEffect(() => {
    if (!noteDue || downloading || !hasArticles) return;
    let current = true;
    void loadListFacts().then((facts) => {
      if (!current) return;
      if (takeFirstDownloadNote()) setSavedNote(facts.count);
      setNoteDue(false);
    });
    return () => {
      current = false;
    };
  }, [noteDue, downloading, hasArticles]);

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
    if (!list?.next) return;
    setLoadingMore(true);
    try {
      const more = await loadPage(tag, unread, list.readIds, PAGE_SIZE, list.next);
      setList({ ...list, rows: [...list.rows, ...more.rows], next: more.next });
      setFirstMore(more.rows[0]?.id);
    } catch {
      setFailed(true);
    } finally {
      setLoadingMore(false);
    }
  };
  const retry = () => {
    setFailed(false);
    setAttempt((n) => n + 1);
  };
  const failure = failed && <ReadFailure what="tin đã lưu" onRetry={retry} />;

  if (!shown) return failure || <p class="notice">Đang mở…</p>;

  if (shown.facts.count === 0 && tag === undefined) {
    // Articles announced but not yet read back count as still arriving: no «press refresh» in between.
    if (syncing.value || shown.version !== version) return <FirstDownload />;
    if (!statusLoaded.value) return <p class="notice">Đang mở…</p>;
    const error = lastError.value;
    const outcome = lastOutcome.value;
    return (
      <section class="empty">
        <h1>Chưa có bài nào</h1>
        {error ? (
          <p>
            {SYNC_ERROR_MESSAGES[error.kind]}. {firstDownloadAdvice(error.kind)}
          </p>
        ) : lastSuccess.value !== undefined ? (
          <p>{emptySourceMessage(outcome?.status === 'updated' ? outcome.dropped : 0)}</p>
        ) : (
          <p>Hãy bấm «Làm mới» khi có mạng để tải tin.</p>
        )}
      </section>
    );
  }

  // Unread rows loaded earlier that the reader has opened since (Back from them) leave the view.
  const rows = unread ? shown.rows.filter((a) => !shown.readIds.has(a.id)) : shown.rows;
  const listPath = unreadPath(tag === undefined ? '/' : sectionPath(tag), unread);
  const card = (article: Card) => (
    <li key={article.id} data-scroll-anchor={article.id}>
      <ArticleCard article={article} read={shown.readIds.has(article.id)} />
    </li>
  );

  return (
    <section
      aria-labelledby="list-title"
      aria-busy={!list}
      onClick={(event) => rememberOrderOnOpen(event, listPath, () => rows.map((a) => a.id))}
    >
      <h1 id="list-title" class={tag === undefined ? 'visually-hidden' : 'page-title section-title'}>
        {tag ?? 'Tin mới'}
        {unread && <span class="visually-hidden"> (chưa đọc)</span>}
      </h1>
      <SectionRow sections={sections} current={tag} unread={unread} />
      {/* The same words as the note, with the count so far: the note that replaces it is the same size. */}
      {noteDue && <p class="saved-note-pending">Đã lưu {formatCount(shown.facts.count)} bài để đọc khi không có mạng</p>}
      {savedNote !== undefined && (
        <p class="saved-note" role="status">
          Đã lưu {formatCount(savedNote)} bài để đọc khi không có mạng
        </p>
      )}
      {rows.length === 0 && !shown.next && <p class="notice">{unread ? 'Đã đọc hết các bài ở đây.' : 'Chưa có bài nào trong chuyên mục này.'}</p>}
      <ol class="article-list">{rows.slice(0, OFFER_AFTER).map(card)}</ol>
      {/* Only with rows above it: it must never sit where articles are about to arrive. */}
      {rows.length > OFFER_AFTER && (
        <>
          <InstallOffer />
          <ol class="article-list" start={OFFER_AFTER + 1}>
            {rows.slice(OFFER_AFTER).map(card)}
          </ol>
        </>
      )}
      {failure}
      {shown.next && (
        <button ref={moreButton} type="button" class="button-wide" onClick={() => void loadMore()} disabled={loadingMore || !list}>
          {loadingMore ? 'Đang tải…' : 'Xem thêm tin cũ hơn'}
        </button>
      )}
      {shown.facts.oldest !== undefined && (
        <p class="list-end">
          {tag === undefined
            ? `Máy đang giữ ${formatCount(shown.facts.count)} bài, tin cũ nhất từ ${formatDate(shown.facts.oldest)}. Đọc được cả khi không có mạng.`
            : `Máy đang giữ ${formatCount(shown.facts.count)} bài của chuyên mục này, cũ nhất từ ${formatDate(shown.facts.oldest)}.`}
        </p>
      )}
      {tag === undefined && !unread && !shown.next && <ArchiveMore />}
    </section>
  );
}
