import { getArticle } from '../../shared/store/articles';
import { allReaderStates } from '../../shared/store/reader';
import type { StoredArticle } from '../../shared/store/schema';
import { ArticleCard } from '../components/article-card';
import { db } from '../db';
import { useAsync } from '../state/use-async';

interface SavedRow {
  article: StoredArticle;
  read: boolean;
}

async function loadSaved(): Promise<SavedRow[]> {
  const database = await db();
  const saved = (await allReaderStates(database))
    .filter((s) => s.savedAt)
    .sort((a, b) => (b.savedAt ?? 0) - (a.savedAt ?? 0));
  const articles = await Promise.all(saved.map((s) => getArticle(database, s.id)));
  return saved.flatMap((s, i) => {
    const article = articles[i];
    return article ? [{ article, read: Boolean(s.readAt) }] : [];
  });
}

export default function SavedPage() {
  const state = useAsync(loadSaved, []);
  return (
    <section aria-labelledby="saved-title">
      <h1 id="saved-title" class="page-title">
        Đã lưu
      </h1>
      {state.status === 'loading' && <p class="notice">Đang mở…</p>}
      {state.status === 'ready' && state.value.length === 0 && (
        <p class="notice">Chưa lưu bài nào. Bấm «Lưu bài» ở cuối một bài để đọc lại sau, kể cả khi không có mạng.</p>
      )}
      {state.status === 'ready' && (
        <ol class="article-list">
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
