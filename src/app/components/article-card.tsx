import type { StoredArticle } from '../../shared/store/schema';
import { formatDate, isoDate } from '../format/date';
import { summaryOf } from '../format/summary';
import { articlePath } from '../format/paths';
import { preferences } from '../state/preferences';

interface Props {
  article: StoredArticle;
  read?: boolean;
}

export function ArticleCard({ article, read }: Props) {
  // Data saver: the list shows no pictures at all; the article offers them one by one.
  const thumbnail = preferences.value.dataSaver ? undefined : (article.image ?? article.bannerImage);
  return (
    <article class={read ? 'card card-read' : 'card'}>
      <a href={articlePath(article.id)} class="card-link">
        {thumbnail && (
          <img class="card-thumb" src={thumbnail} alt="" loading="lazy" decoding="async" width={96} height={72} />
        )}
        <h2 class="card-title">{article.title || 'Bài không có tiêu đề'}</h2>
      </a>
      <p class="meta">
        <time dateTime={isoDate(article.published)}>{formatDate(article.published)}</time>
        {read && <span class="read-mark"> · Đã đọc</span>}
      </p>
      <p class="card-summary">{summaryOf(article, 180)}</p>
    </article>
  );
}
