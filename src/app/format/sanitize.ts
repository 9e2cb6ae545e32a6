import DOMPurify from 'dompurify';
import { parseBase, safeUrl } from '../../shared/feed/clean';
import { cleanSrcset } from '../../shared/feed/srcset';

/**
 * The feed is untrusted. Only reading markup survives: no script, event
 * handlers, frames, forms, objects, styles or meta/base. Links and pictures
 * must be http(s), resolved against the feed they came from.
 */
const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small',
  'mark', 'q', 'cite', 'abbr', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'figure',
  'figcaption', 'picture', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'pre', 'code',
  'span', 'div', 'time',
];
const ALLOWED_ATTR = ['href', 'src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'colspan', 'rowspan', 'datetime', 'lang'];

/** A `sizes` value of media conditions and lengths: nothing that could carry a URL. */
const SIZES = /^[\w\s().,:%-]{1,200}$/;

let currentBase: URL | undefined;
let hooked = false;

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = safeUrl(node.getAttribute('href'), currentBase);
      if (href) {
        node.setAttribute('href', href);
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      } else {
        node.removeAttribute('href');
      }
    } else if (node.tagName === 'IMG') {
      const src = safeUrl(node.getAttribute('src'), currentBase);
      if (src) {
        node.setAttribute('src', src);
        // Each candidate is checked like src; sizes is only a layout hint, but must be plain.
        const srcset = cleanSrcset(node.getAttribute('srcset'), currentBase);
        if (srcset) node.setAttribute('srcset', srcset);
        else node.removeAttribute('srcset');
        if (!SIZES.test(node.getAttribute('sizes') ?? '')) node.removeAttribute('sizes');
        node.setAttribute('loading', 'lazy');
        node.setAttribute('decoding', 'async');
        node.setAttribute('referrerpolicy', 'no-referrer');
      } else {
        node.remove();
      }
    }
  });
}

/** Label of the stand-in for a picture not downloaded in data-saver mode. */
export const DEFERRED_IMAGE_LABEL = 'Bấm để xem ảnh';

/**
 * Data saver: each (already sanitised) picture becomes a button holding its
 * address, so nothing is downloaded until the reader taps it.
 */
function deferImages(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const img of template.content.querySelectorAll('img')) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'deferred-image';
    button.dataset.src = img.getAttribute('src') ?? '';
    button.dataset.alt = img.getAttribute('alt') ?? '';
    button.textContent = img.alt ? `${DEFERRED_IMAGE_LABEL}: ${img.alt}` : DEFERRED_IMAGE_LABEL;
    img.replaceWith(button);
  }
  return template.innerHTML;
}

/** Untrusted article HTML in, markup safe to put in the page out. */
export function sanitizeArticleHtml(html: string, baseUrl: string, options: { deferImages?: boolean } = {}): string {
  const safe = purify(html, baseUrl);
  return options.deferImages ? deferImages(safe) : safe;
}

function purify(html: string, baseUrl: string): string {
  installHooks();
  currentBase = parseBase(baseUrl);
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
    FORBID_CONTENTS: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math'],
  });
}
