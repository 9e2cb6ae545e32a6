import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { search, searchReady, stopSearching, type SearchResults } from '../bridges/search-bridge';
import { Highlighted } from '../components/highlighted';
import { formatDate, isoDate } from '../format/date';
import type { SearchResultRow } from '../../shared/search/protocol';
import { articlePath } from '../format/paths';
import { quotedQuery } from '../format/quoted-query';
import { formatCount as count } from '../format/count';
import { rememberOrderOnOpen } from '../state/reading-order';
import './search.css';

type State =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; results: SearchResults }
  | { status: 'failed' };

function Suggestion({ query, suggestion }: { query: string; suggestion?: string }) {
  if (suggestion) {
    return (
      <p>
        Có phải bạn muốn tìm <a href={`/tim-kiem?q=${encodeURIComponent(suggestion)}`}>“{suggestion}”</a>?
      </p>
    );
  }
  const words = query.split(/\s+/).filter(Boolean);
  if (words.length > 2) {
    const shorter = words.slice(0, 2).join(' ');
    return (
      <p>
        Thử tìm ít chữ hơn, ví dụ <a href={`/tim-kiem?q=${encodeURIComponent(shorter)}`}>“{shorter}”</a>.
      </p>
    );
  }
  return <p>Thử kiểm tra chính tả, gõ không dấu, hoặc dùng một từ khác có trong bài.</p>;
}

/** `search-results` lists the articles with every word; `loose-list` the looser matches. */
function ResultList({ rows, className, from }: { rows: SearchResultRow[]; className: string; from: string }) {
  return (
    <ol class={className} onClick={(e) => rememberOrderOnOpen(e, from, () => rows.map((r) => r.id))}>
      {rows.map((row) => (
        <li key={row.id}>
          <a href={articlePath(row.id)} class="result-link">
            <h2 class="card-title">
              <Highlighted text={row.title} ranges={row.titleHighlights} />
            </h2>
          </a>
          <p class="meta">
            <time dateTime={isoDate(row.published)}>{formatDate(row.published)}</time>
          </p>
          <p class="snippet">
            <Highlighted text={row.snippet.text} ranges={row.snippet.highlights} />
          </p>
        </li>
      ))}
    </ol>
  );
}

export default function SearchPage() {
  const { query } = useLocation();
  const typed = (query.q ?? '').trim();
  // Only letters and digits are indexed: punctuation, emoji or invisible characters alone can match
  // nothing, and «Không tìm thấy… kiểm tra chính tả» would send the reader looking for a typo.
  const q = /[\p{L}\p{N}]/u.test(typed) ? typed : '';
  const [state, setState] = useState<State>({ status: 'idle' });
  // New articles indexed while the reader looks at results: ask again.
  const indexVersion = searchReady.value;

  useEffect(() => {
    if (!q) {
      stopSearching();
      setState({ status: 'idle' });
      return;
    }
    setState((s) => (s.status === 'done' ? s : { status: 'searching' }));
    // A query the reader has since changed or cleared must not land on the page.
    // Asked at once: the bridge sends one query at a time, the newest typed (search-bridge.ts).
    let current = true;
    search(q).then(
      (results) => {
        if (!current) return;
        setState({ status: 'done', results });
        // The first screen's rows come first; the rest are appended once read.
        results.rest?.then(
          (more) => current && setState({ status: 'done', results: { ...results, rows: [...results.rows, ...more.rows], looseRows: [...results.looseRows, ...more.looseRows] } }),
          () => undefined,
        );
      },
      (error: unknown) => {
        if (current && (error as { name?: string }).name !== 'AbortError') setState({ status: 'failed' });
      },
    );
    return () => {
      current = false;
    };
  }, [q, indexVersion]);

  const results = state.status === 'done' ? state.results : undefined;
  // Progress is told every few seconds; the answer on screen may come from more of the archive than that.
  const searched = Math.max(indexVersion?.articles ?? 0, results?.indexed ?? 0);
  const here = `/tim-kiem?q=${encodeURIComponent(q)}`;
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title" class="page-title">
        Tìm kiếm
      </h1>
      {!q && (
        <p class="notice">
          {typed && 'Ô tìm kiếm chưa có chữ nào, chỉ có dấu hoặc ký hiệu. '}
          Gõ vài chữ bạn nhớ trong bài vào ô tìm kiếm ở trên, có dấu hay không dấu đều được. Ví dụ: «dan van kheo».
        </p>
      )}
      {indexVersion?.source === 'building' && (
        <p class="notice" role="status">
          Đang chuẩn bị tìm kiếm. Kết quả dưới đây mới chỉ tìm trong {count(Math.min(searched, indexVersion.total ?? searched))} trên {count(indexVersion.total ?? indexVersion.articles)} bài
          đã lưu; trang sẽ tự cập nhật khi xong.{' '}
          <progress max={indexVersion.total} value={searched} aria-hidden="true" />
        </p>
      )}
      {/* One status for the count and for «nothing found»: with the count's alone, a screen reader heard nothing when nothing matched. */}
      <div role="status">
        <p class="search-count">
          {q && state.status === 'searching' && 'Đang tìm…'}
          {results && results.total > 0 && `Tìm thấy ${count(results.total)} bài cho “${quotedQuery(results.query)}”`}
          {state.status === 'failed' && 'Không tìm được lúc này. Hãy thử lại.'}
        </p>
        {results && results.total === 0 && (
          <div class="no-results">
            <p>
              <strong>Không tìm thấy kết quả cho “{quotedQuery(results.query)}”</strong>
            </p>
            <Suggestion query={results.query} suggestion={results.suggestion} />
          </div>
        )}
      </div>
      {results && results.rows.length > 0 && <ResultList rows={results.rows} className="search-results" from={here} />}
      {results && results.looseRows.length > 0 && (
        <section class="loose-results" aria-labelledby="loose-title">
          <h2 id="loose-title" class="section-title">
            Kết quả gần đúng
          </h2>
          <p class="meta">Những bài này thiếu một chữ hoặc viết khác dấu so với “{quotedQuery(results.query)}”.</p>
          <ResultList rows={results.looseRows} className="loose-list" from={here} />
        </section>
      )}
    </section>
  );
}
