import DOMPurify from 'dompurify';
import { parseBase, safeUrl } from '../../shared/feed/clean';
import { EMBED_LINK, EMBED_OWN_LINK, embedKind, embedUnavailable } from '../../shared/feed/embed-note';
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
/** The article's page at its source (http(s) only), where an embedded player can be watched. */
let currentOriginal: string | undefined;
let hooked = false;

/** Players the app cannot run (no frames, no third-party media: see the CSP), by tag. */
const EMBEDS = new Set(['iframe', 'video', 'audio', 'object', 'embed']);

/** Every wording of the note; the publisher writes it into feeds as a plain paragraph, feeds keeping no classes. */
const NOTE_TEXTS = new Set<string>([
  ...Object.values(EMBED_LINK),
  ...Object.values(EMBED_OWN_LINK),
  ...(['video', 'audio', 'other'] as const).map(embedUnavailable),
]);

/** A paragraph that is such a note (its text alone, or one link holding it) gets the app's own box. */
function isPublishedNote(node: Element): boolean {
  const only = node.firstElementChild;
  return node.children.length <= 1 && (only === null || (only.tagName === 'A' && node.childNodes.length === 1)) && NOTE_TEXTS.has((node.textContent ?? '').trim());
}

/** Where the player took its media from: src, <source src>, or an object's data. */
function embedSource(node: Element): string | undefined {
  const raw = node.getAttribute('src') ?? node.getAttribute('data') ?? node.querySelector('source[src]')?.getAttribute('src');
  return safeUrl(raw, currentBase);
}

/**
 * What stands where a player was: the reader learns there was a video, a
 * recording or something embedded here, and where to see it (the article's
 * own page, else the media's address). Built from text and checked URLs only.
 */
function embedNote(node: Element, tag: string): HTMLElement {
  const src = embedSource(node);
  const kind = embedKind(tag, src);
  // A span (a block by its class): a player often sits inside a <p>, where a <p> would split it.
  const note = node.ownerDocument.createElement('span');
  note.className = 'embed-note';
  const href = currentOriginal ?? src;
  if (!href) {
    note.textContent = embedUnavailable(kind);
    return note;
  }
  const link = node.ownerDocument.createElement('a');
  link.href = href;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.textContent = currentOriginal ? EMBED_LINK[kind] : EMBED_OWN_LINK[kind];
  note.append(link);
  return note;
}

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  // Inserted before the player, the note is behind the sanitiser's walk: its class and checked link stay as built.
  DOMPurify.addHook('uponSanitizeElement', (node, data) => {
    if (EMBEDS.has(data.tagName) && node instanceof Element) node.before(embedNote(node, data.tagName));
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'P' && isPublishedNote(node)) {
      node.setAttribute('class', 'embed-note');
    } else if (node.tagName === 'A') {
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
export function sanitizeArticleHtml(
  html: string,
  baseUrl: string,
  options: { deferImages?: boolean; originalUrl?: string } = {},
): string {
  const safe = purify(html, baseUrl, options.originalUrl);
  return options.deferImages ? deferImages(safe) : safe;
}

function purify(html: string, baseUrl: string, originalUrl: string | undefined): string {
  installHooks();
  currentBase = parseBase(baseUrl);
  currentOriginal = safeUrl(originalUrl, undefined);
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
    // A player's fallback («Your browser does not support…») is not the article: the note stands there instead.
    FORBID_CONTENTS: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'video', 'audio', 'svg', 'math'],
  });
}
