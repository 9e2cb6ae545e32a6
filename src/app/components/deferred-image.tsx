import { useState } from 'preact/hooks';
import { DEFERRED_IMAGE_LABEL } from '../format/sanitize';
import { PicturePlaceholder } from './offline-picture';
import './deferred-image.css';

interface Props {
  src: string;
  alt: string;
  class?: string;
  /** Data saver: show a «Bấm để xem ảnh» button until the reader taps it. */
  deferred: boolean;
  /** The sizes the feed offers, so the browser fetches the one it shows. */
  srcset?: string;
  sizes?: string;
  width?: number;
  height?: number;
}

/** A picture that, in data-saver mode, costs nothing until asked for. */
export function DeferredImage({ src, alt, class: className, deferred, srcset, sizes, width, height }: Props) {
  const [shown, setShown] = useState(!deferred);
  const [failed, setFailed] = useState(false);
  if (failed) return <PicturePlaceholder class={className} />;
  if (shown) {
    return (
      <img
        class={className}
        src={src}
        srcset={srcset}
        sizes={srcset ? sizes : undefined}
        width={width}
        height={height}
        alt={alt}
        decoding="async"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <button type="button" class="deferred-image" onClick={() => setShown(true)}>
      {alt ? `${DEFERRED_IMAGE_LABEL}: ${alt}` : DEFERRED_IMAGE_LABEL}
    </button>
  );
}

/** For sanitised article HTML: a tap on a stand-in button swaps in the real picture. */
export function revealDeferredImage(event: MouseEvent): void {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button.deferred-image[data-src]');
  if (!button) return;
  const img = document.createElement('img');
  img.src = button.dataset.src ?? '';
  img.alt = button.dataset.alt ?? '';
  img.decoding = 'async';
  img.referrerPolicy = 'no-referrer';
  button.replaceWith(img);
}
