import './article-body.css';
import { useSignalEffect } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { savedPicturesCaughtUp } from '../actions/saved';
import { sanitizeArticleHtml } from '../format/sanitize';
import { revealDeferredImage } from './deferred-image';
import { onArticlePictureError, onRetriedPictureLoad, retryArticlePicture, retryArticlePictures, type Say } from './offline-picture';
import { lastOutcome } from '../state/sync-status';
import { fillBody, htmlSource, textSource } from './progressive-body';

interface Props {
  /** Untrusted HTML from the feed; sanitised here. */
  html?: string;
  /** Plain text, used when there is no HTML. */
  text?: string;
  /** What relative links and pictures in `html` resolve against. */
  baseUrl: string;
  /** Data saver: pictures become «Bấm để xem ảnh» buttons. */
  dataSaver: boolean;
  /** The article's page at its source: where a video or anything else embedded in it can be seen. */
  originalUrl?: string;
}

/**
 * A picture that gave no size holds a usual photo's place until it comes (article-body.css), so that lazy loading
 * sees it where it will be. Come, it takes its own shape, unless it is on screen: there the change would move
 * the text the reader is reading, so it keeps the box and is drawn whole inside it. Above the screen, the
 * browser's scroll anchoring keeps the text in place.
 */
function settleUnsizedPicture(img: HTMLImageElement): void {
  if (img.hasAttribute('width') && img.hasAttribute('height')) return;
  if (!img.naturalWidth || !img.naturalHeight) return;
  const { top, bottom } = img.getBoundingClientRect();
  if (bottom > 0 && top < innerHeight) return;
  img.width = img.naturalWidth;
  img.height = img.naturalHeight;
}

/**
 * An article's body, put on the page a piece per task (progressive-body.ts):
 * the first screen with the title, the rest without a task long enough to be
 * felt, however long the article.
 */
export function ArticleBody({ html, text, baseUrl, dataSaver, originalUrl }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const say: Say = (text) => {
    if (status.current) status.current.textContent = text;
  };
  useLayoutEffect(() => {
    const container = ref.current;
    if (!container) return;
    container.replaceChildren();
    const stop = new AbortController();
    const source =
      html !== undefined ? htmlSource(html, (piece) => sanitizeArticleHtml(piece, baseUrl, { deferImages: dataSaver, originalUrl })) : textSource(text ?? '');
    void fillBody(container, source, stop.signal);
    return () => stop.abort();
  }, [html, text, baseUrl, dataSaver, originalUrl]);
  // The phone back online, or a refresh that reached the feed (the browser may not say the network is back, or say
  // it before it is): the pictures that needed the network come without the reader leaving the article.
  // After the saved pictures' own catch-up, which «online» starts first (saved.ts): one download of each, not two.
  const retryAll = () => void savedPicturesCaughtUp().then(() => ref.current && retryArticlePictures(ref.current));
  useEffect(() => {
    addEventListener('online', retryAll);
    return () => removeEventListener('online', retryAll);
  }, []);
  useSignalEffect(() => {
    const status = lastOutcome.value?.status;
    if (status === 'updated' || status === 'not-modified') retryAll();
  });
  const onClick = (event: MouseEvent) => {
    revealDeferredImage(event);
    retryArticlePicture(event, say);
  };
  const onLoad = (event: Event) => {
    if (!(event.target instanceof HTMLImageElement)) return;
    settleUnsizedPicture(event.target);
    onRetriedPictureLoad(event.target, say);
  };
  // Clicks bubble here from the «Bấm để xem ảnh» and «Tải lại ảnh» buttons inside the article markup (real
  // buttons, so keys work too). Pictures that fail (offline, never fetched) become a calm placeholder of their size;
  // what became of one the reader asked for again is said in the live region under the body.
  return (
    <>
      <div class="article-body" ref={ref} onClick={onClick} onErrorCapture={(event) => onArticlePictureError(event, say)} onLoadCapture={onLoad} />
      <p class="visually-hidden" role="status" ref={status} />
    </>
  );
}
