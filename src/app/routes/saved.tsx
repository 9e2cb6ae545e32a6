import { useState } from 'preact/hooks';
import { listSavedArticles } from '../actions/saved';
import { ArticleCard } from '../components/article-card';
import { ReadFailure } from '../components/read-failure';
import { rememberOrderOnOpen } from '../state/reading-order';
import { useAsync } from '../state/use-async';

export default function SavedPage() {
  const [attempt, setAttempt] = useState(0);
  const state = useAsync(listSavedArticles, [attempt]);
  return (
    <section aria-labelledby="saved-title">
      <h1 id="saved-title" class="page-title">
        Đã lưu
      </h1>
      {state.status === 'loading' && <p class="notice">Đang mở…</p>}
      {state.status === 'error' && <ReadFailure what="các bài đã lưu" onRetry={() => setAttempt((n) => n + 1)} />}
      {state.status === 'ready' && state.value.length === 0 && (
        <p class="notice">Chưa lưu bài nào. Bấm «Lưu bài» ở cuối một bài để đọc lại sau, kể cả khi không có mạng.</p>
      )}
      {state.status === 'ready' && (
        // «Bài trước» and «Bài tiếp» then go through the saved articles, not the news.
        <ol class="article-list" onClick={(event) => rememberOrderOnOpen(event, '/da-luu', () => state.value.map((row) => row.article.id))}>
          {state.value.map(({ article, read }) => (
            <li key={article.id}>
              <ArticleCard article={article} read={read} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
