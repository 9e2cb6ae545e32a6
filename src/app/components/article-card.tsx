import { useState } from 'preact/hooks';
import type { ArticleCard as Card } from '../../shared/store/schema';
import { isoDate } from '../format/date';
import { formatPublished, formatReadingTime } from '../format/relative-time';
import { summaryOf } from '../format/summary';
import { articlePath } from '../format/paths';
import { minuteNow } from '../state/clock';
import { isNewSinceLastVisit } from '../state/last-visit';
import { preferences } from '../state/preferences';
import { PicturePlaceholder } from './offline-picture';

interface Props {
  article: Card;
  read?: boolean;
}

/** The card shows its picture 96 CSS px wide (styles.css .card-thumb): the browser picks the candidate for that and the screen's density. */
const THUMB_SIZES = '96px';

interface ThumbnailSource {
  src: string;
  srcset?: string;
}

/** The feed's thumbnail where it offers one (a few KB), else its full picture. */
function thumbnailOf(article: Card): ThumbnailSource | undefined {
  if (article.thumbnail) return { src: article.thumbnail.url, srcset: article.thumbnail.srcset };
  const src = article.image ?? article.bannerImage;
  return src ? { src } : undefined;
}

function Thumbnail({ src, srcset }: ThumbnailSource) {
  const [failed, setFailed] = useState(false);
  if (failed) return <PicturePlaceholder class="card-thumb" />;
  return (
    <img
      class="card-thumb"
      src={src}
      srcset={srcset}
      sizes={srcset ? THUMB_SIZES : undefined}
      alt=""
      loading="lazy"
      decoding="async"
      width={96}
      height={72}
      onError={() => setFailed(true)}
    />
  );
}

export function ArticleCard({ article, read }: Props) {
  // Data saver: the list shows no pictures at all; the article offers them one by one.
  const thumbnail = preferences.value.dataSaver ? undefined : thumbnailOf(article);
  return (
    <article class={read ? 'card card-read' : 'card'}>
      <a href={articlePath(article.id)} class="card-link">
        {thumbnail && <Thumbnail key={thumbnail.src} {...thumbnail} />}
        <h2 class="card-title">{article.title || 'Bài không có tiêu đề'}</h2>
      </a>
      <p class="meta">
        {isNewSinceLastVisit(article.fetchedAt) && !read && <span class="new-mark">Mới</span>}
        <time dateTime={isoDate(article.published)}>{formatPublished(article.published, minuteNow.value)}</time>
        {article.wordCount > 0 && <> · <span class="reading-time">{formatReadingTime(article.wordCount)}</span></>}
        {read && <span class="read-mark"> · Đã đọc</span>}
      </p>
      <p class="card-summary">{summaryOf(article, 180)}</p>
    </article>
  );
}
