import { online } from '../state/sync-status';
import './offline-picture.css';

/** What stands where a picture could not be loaded: offline, it needs the network. */
export function missingPictureText(): string {
  return online.value ? 'Không tải được ảnh' : 'Ảnh cần có mạng để xem';
}

/** A calm box the size of the picture it replaces, so nothing around it moves. */
export function PicturePlaceholder({ class: className }: { class?: string }) {
  return (
    <span class={className ? `picture-missing ${className}` : 'picture-missing'} role="img" aria-label={missingPictureText()}>
      <span aria-hidden="true">{missingPictureText()}</span>
    </span>
  );
}

/** The pictures put aside, by the placeholder standing in for each, so that a retry can put them back. */
const setAside = new WeakMap<Element, HTMLImageElement>();

/** Pictures the reader asked for again with «Tải lại ảnh»: what becomes of them is said. */
const askedAgain = new WeakSet<HTMLImageElement>();

/** The label of the button under a placeholder that fetches its picture again. */
export const RETRY_PICTURE_LABEL = 'Tải lại ảnh';

/** Says a text to screen readers (the article's live region). */
export type Say = (text: string) => void;

const named = (text: string, img: HTMLImageElement) => (img.alt ? `${text}: ${img.alt}` : `${text}.`);

/**
 * For pictures inside an article's own markup (not drawn by Preact): swaps a
 * picture that failed for the same placeholder, keeping its width and shape,
 * with a «Tải lại ảnh» button under it. A picture the reader asked for again
 * hands the keyboard focus to that button and says it did not come.
 */
export function replaceBrokenPicture(img: HTMLImageElement, say?: Say): void {
  const box = document.createElement('span');
  box.className = 'picture-missing picture-missing-inline';
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', img.alt ? `${missingPictureText()}: ${img.alt}` : missingPictureText());
  const text = document.createElement('span');
  text.setAttribute('aria-hidden', 'true');
  text.textContent = missingPictureText();
  box.append(text);
  const width = Number(img.getAttribute('width'));
  const height = Number(img.getAttribute('height'));
  // CSSOM, not a style attribute: the Content-Security-Policy allows the one, not the other.
  if (width > 0 && height > 0) {
    box.style.aspectRatio = `${width} / ${height}`;
    box.style.maxWidth = `${width}px`;
  }
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.className = 'picture-retry';
  retry.textContent = RETRY_PICTURE_LABEL;
  // Several pictures may fail: each button names its own.
  if (img.alt) retry.setAttribute('aria-label', `${RETRY_PICTURE_LABEL}: ${img.alt}`);
  setAside.set(box, img);
  const hadFocus = document.activeElement === img;
  img.replaceWith(box, retry);
  if (hadFocus) retry.focus();
  if (askedAgain.has(img)) say?.(named(online.value ? 'Vẫn chưa tải được ảnh' : missingPictureText(), img));
}

/**
 * Puts a placeholder's picture back, fetched anew: if it fails again, the placeholder comes back.
 * The focus, if it was on the button, goes to the picture (which names itself by its alt), not to the page's start.
 */
function restorePicture(box: Element, say?: Say): void {
  const img = setAside.get(box);
  if (!img) return;
  setAside.delete(box);
  const retry = box.nextElementSibling;
  const hadFocus = retry !== null && retry === document.activeElement;
  if (retry?.matches('button.picture-retry')) retry.remove();
  // A new element: the failed one keeps its failed request.
  const again = img.cloneNode() as HTMLImageElement;
  if (hadFocus) again.tabIndex = -1;
  if (say) {
    askedAgain.add(again);
    say('Đang tải lại ảnh…');
  }
  box.replaceWith(again);
  if (hadFocus) again.focus();
}

/** Clicks bubble to the article: «Tải lại ảnh» fetches the picture above it again, and `say` tells how it went. */
export function retryArticlePicture(event: MouseEvent, say: Say): void {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button.picture-retry');
  const box = button?.previousElementSibling;
  if (!button || !box) return;
  // A tap does not focus a button everywhere: the reader's picture takes the focus all the same.
  button.focus();
  restorePicture(box, say);
}

/** Every picture of the article that failed, fetched again: for when the phone is back online. */
export function retryArticlePictures(container: Element): void {
  for (const box of container.querySelectorAll('.picture-missing-inline')) restorePicture(box);
}

/** Error events do not bubble; a capturing listener on the article catches each picture's. */
export function onArticlePictureError(event: Event, say: Say): void {
  const target = event.target;
  if (target instanceof HTMLImageElement) replaceBrokenPicture(target, say);
}

/** A picture the reader asked for again has come: said once. */
export function onRetriedPictureLoad(img: HTMLImageElement, say: Say): void {
  if (!askedAgain.delete(img)) return;
  say(named('Đã tải ảnh', img));
}
