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

/**
 * For pictures inside an article's own markup (not drawn by Preact): swaps a
 * picture that failed for the same placeholder, keeping its width and shape.
 */
export function replaceBrokenPicture(img: HTMLImageElement): void {
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
  img.replaceWith(box);
}

/** Error events do not bubble; a capturing listener on the article catches each picture's. */
export function onArticlePictureError(event: Event): void {
  const target = event.target;
  if (target instanceof HTMLImageElement) replaceBrokenPicture(target);
}
