import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ArticleCard as Card } from '../../shared/store/schema';
import { formatBytes } from '../format/bytes';
import { isoDate } from '../format/date';
import { formatPublished, formatReadingTime } from '../format/relative-time';
import { summaryOf } from '../format/summary';
import { articlePath } from '../format/paths';
import { minuteNow } from '../state/clock';
import { isNewSinceLastVisit } from '../state/last-visit';
import { preferences } from '../state/preferences';
import { LIST_PICTURE_CAP } from '../actions/list-pictures';
import { useListPicture } from './list-picture';
import { PicturePlaceholder } from './offline-picture';
import './list-picture.css';

interface Props {
  article: Card;
  read?: boolean;
}

/** The card shows its picture 96 CSS px wide (styles.css .card-thumb): the browser picks the candidate for that and the screen's density. */
const THUMB_SIZES = '96px';

/** The feed's thumbnail, declared small (a few KB): the browser's lazy loading fetches it near the screen. */
function Thumbnail({ src, srcset }: { src: string; srcset?: string }) {
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

/** «Tải ảnh 5,0 MB»: what the reader would pay for a picture left out of the list. */
function offerText(state: { bytes?: number; overCap?: boolean }): string {
  if (state.bytes) return `Tải ảnh ${formatBytes(state.bytes)}`;
  return state.overCap ? `Tải ảnh hơn ${formatBytes(LIST_PICTURE_CAP)}` : 'Tải ảnh';
}

/**
 * The card of a feed with no thumbnail: its article's own picture, downloaded only up to a cap
 * (actions/list-pictures.ts). One over it is a button beside the title («Tải ảnh 5,0 MB»), outside
 * the link, as a button may not be inside a link.
 */
function CappedPictureCard({ url, href, title, children }: { url: string; href: string; title: string; children: ComponentChildren }) {
  const picture = useListPicture(url);
  const { state } = picture;
  const link = useRef<HTMLAnchorElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    // The button is gone once pressed: the keyboard focus goes to the card's link, not to the page's start.
    if (asked.current && state.kind === 'shown') link.current?.focus();
    asked.current = false;
  }, [state]);
  return (
    <div class="card-head">
      {state.kind === 'offered' && (
        <button
          type="button"
          class="card-thumb picture-offer"
          aria-label={`${offerText(state)}: ${title}`}
          onClick={() => {
            asked.current = true;
            picture.show();
          }}
        >
          {offerText(state)}
        </button>
      )}
      <a href={href} ref={link} class="card-link">
        {state.kind === 'waiting' && <span class="card-thumb" ref={picture.box} aria-hidden="true" />}
        {state.kind === 'shown' && (
          <img class="card-thumb" src={state.src} alt="" decoding="async" width={96} height={72} onError={picture.failed} />
        )}
        {state.kind === 'failed' && <PicturePlaceholder class="card-thumb" />}
        {children}
      </a>
    </div>
  );
}

export function ArticleCard({ article, read }: Props) {
  const title = article.title || 'Bài không có tiêu đề';
  const heading = <h2 class="card-title">{title}</h2>;
  const href = articlePath(article.id);
  // Data saver: the list shows no pictures at all; the article offers them one by one.
  const dataSaver = preferences.value.dataSaver;
  const { thumbnail } = article;
  const undeclared = article.image ?? article.bannerImage;
  return (
    <article class={read ? 'card card-read' : 'card'}>
      {!dataSaver && !thumbnail && undeclared ? (
        <CappedPictureCard key={undeclared} url={undeclared} href={href} title={title}>
          {heading}
        </CappedPictureCard>
      ) : (
        <a href={href} class="card-link">
          {!dataSaver && thumbnail && <Thumbnail key={thumbnail.url} src={thumbnail.url} srcset={thumbnail.srcset} />}
          {heading}
        </a>
      )}
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
