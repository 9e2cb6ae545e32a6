/**
 * Puts pictures into one shape before extraction: a real `src` (from lazy-
 * loading attributes or <picture>), absolute URLs, and `<figure>` with
 * `<figcaption>` where a CMS writes captions as table cells or styled divs.
 */
import { NOTE_ATTRIBUTE } from './embeds';
import { removeNonPictures } from './non-pictures';

const SRCSET = ['data-srcset', 'data-lazy-srcset', 'srcset'];
const LAZY_SRC = ['data-src', 'data-original', 'data-lazy-src', 'data-lazy', 'data-url', 'data-full-src'];
const CAPTION_CLASS = /caption|chu-?thich|desc|image_?note|photo-?note|fig-?text/i;
const PICTURE_FILE = /\.(?:jpe?g|png|webp|avif|gif)$/i;
const PLACEHOLDER = /^data:|blank\.|placeholder|spacer|1x1|pixel\.gif|loading\./i;

/**
 * The candidates of a srcset, read as the HTML standard does: an address runs to
 * the next whitespace, so commas inside it (CDNs write «w_400,h_300,c_fill») do
 * not end it. Before, split on every comma, such a picture became a relative
 * address under the article's folder and was lost.
 */
function srcsetCandidates(srcset: string): { url: string; descriptor: string }[] {
  const found: { url: string; descriptor: string }[] = [];
  let at = 0;
  while (at < srcset.length) {
    const start = srcset.slice(at).search(/[^\s,]/);
    if (start < 0) break;
    at += start;
    const url = /^\S+/.exec(srcset.slice(at))![0];
    at += url.length;
    if (url.endsWith(',')) {
      found.push({ url: url.replace(/,+$/, ''), descriptor: '' });
      continue;
    }
    const end = srcset.indexOf(',', at);
    const descriptor = srcset.slice(at, end < 0 ? undefined : end).trim();
    at = end < 0 ? srcset.length : end + 1;
    found.push({ url, descriptor });
  }
  return found;
}

function largestFromSrcset(srcset: string): string | undefined {
  let best: { url: string; width: number } | undefined;
  for (const { url, descriptor: size } of srcsetCandidates(srcset)) {
    const width = size.endsWith('w') ? Number.parseInt(size, 10) : size.endsWith('x') ? Number.parseFloat(size) * 1000 : 1;
    if (!best || width > best.width) best = { url, width };
  }
  return best?.url;
}

function absolute(url: string, base: string): string | undefined {
  try {
    const resolved = new URL(url.trim(), base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

function widestOf(sets: (string | null | undefined)[]): string | undefined {
  const set = sets.find((v) => v && !PLACEHOLDER.test(v.trim()));
  const widest = set ? largestFromSrcset(set) : undefined;
  return widest && !PLACEHOLDER.test(widest) ? widest : undefined;
}

/**
 * Where the picture really is: the widest copy a srcset names, else a lazy
 * loader's attribute, else `src`. A <picture>'s <source> for narrow screens
 * (media with max-width) is the phone's small copy (before, a 480-px copy was
 * taken over the <img>'s 1600-px one): used only when nothing else names the picture.
 */
function sourceOf(img: Element): string | undefined {
  const sources = Array.from(img.closest('picture')?.querySelectorAll('source') ?? []);
  const setsOf = (list: Element[]) => list.flatMap((source) => [source.getAttribute('data-srcset'), source.getAttribute('srcset')]);
  // data-src and src are often a smaller copy than the srcset's widest (lazysizes, WP Rocket, WordPress itself).
  const widest = widestOf([...SRCSET.map((name) => img.getAttribute(name)), ...setsOf(sources.filter((s) => !/max-width/i.test(s.getAttribute('media') ?? '')))]);
  if (widest) return widest;
  const lazy = LAZY_SRC.map((name) => img.getAttribute(name)).find((v) => v && !PLACEHOLDER.test(v));
  const current = img.getAttribute('src') ?? '';
  const own = lazy ?? (current && !PLACEHOLDER.test(current) ? current : undefined);
  return own ?? widestOf([setsOf(sources).filter((v) => v && !PLACEHOLDER.test(v.trim())).join(', ')]);
}

/**
 * AMP pages draw pictures with <amp-img>, which the sanitiser does not know:
 * each becomes an <img> (before, an AMP page's pictures and their captions were
 * lost). A nested fallback copy goes with its parent.
 */
function ampImages(doc: Document): void {
  for (const amp of Array.from(doc.querySelectorAll('amp-img'))) {
    if (!amp.isConnected) continue;
    const img = doc.createElement('img');
    for (const name of ['src', 'srcset', 'alt', 'width', 'height']) {
      const value = amp.getAttribute(name);
      if (value !== null) img.setAttribute(name, value);
    }
    amp.replaceWith(img);
  }
}

/** Lazy loaders' attributes for a background picture (lazysizes' unveilhooks, WP Rocket, others). */
const LAZY_BACKGROUND = ['data-bg', 'data-background', 'data-background-image', 'data-bg-src'];

/** The picture a CSS `background-image` or `background` in a style attribute names. */
function styleBackground(style: string): string | undefined {
  const match = /background(?:-image)?\s*:[^;]*?url\(\s*(["']?)([^"')]+)\1\s*\)/i.exec(style);
  return match?.[2];
}

/**
 * Pictures some CMSs draw as an empty block's CSS background (photo stories,
 * magazine layouts, lazy loaders that set the background later): each becomes
 * an <img> in the block's place, so it is resized and its caption found as for
 * any picture. Before, the picture was lost and its caption stood under nothing.
 * A block with text or content of its own is a styled box, not a picture; an
 * icon is drawn on a link, a button, an <i> or a <span>, never a <div>.
 */
function backgroundPictures(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll(`[style*="url("],${LAZY_BACKGROUND.map((name) => `[${name}]`).join(',')}`))) {
    if (!['DIV', 'FIGURE'].includes(el.tagName) || el.children.length > 0 || (el.textContent ?? '').trim() !== '') continue;
    const url = [...LAZY_BACKGROUND.map((name) => el.getAttribute(name)), styleBackground(el.getAttribute('style') ?? '')].find((v) => v && !PLACEHOLDER.test(v.trim()));
    if (!url) continue;
    const img = doc.createElement('img');
    img.setAttribute('src', url.trim());
    el.replaceWith(img);
  }
}

/**
 * Lazy loaders put a copy of the picture in <noscript> after the placeholder:
 * the copy stands in for a placeholder that names no picture, and goes
 * otherwise (before, both were kept and the picture came twice).
 */
function useNoscriptCopies(doc: Document): void {
  for (const noscript of Array.from(doc.querySelectorAll('noscript'))) {
    const copy = noscript.querySelector('img');
    if (!copy) continue;
    const before = noscript.previousElementSibling;
    if (before?.tagName === 'IMG') {
      if (!sourceOf(before)) before.replaceWith(copy);
      noscript.remove();
    } else {
      noscript.replaceWith(copy);
    }
  }
}

function fixImageSource(img: Element, base: string): void {
  const picture = img.closest('picture');
  const chosen = sourceOf(img);
  const url = chosen ? absolute(chosen, base) : undefined;
  if (!url) {
    img.remove();
    return;
  }
  img.setAttribute('src', url);
  // Readability copies any attribute naming a picture file back into src (its lazy-image fix): the smaller copies go.
  for (const name of [...SRCSET, ...LAZY_SRC, 'sizes', 'data-sizes']) img.removeAttribute(name);
  if (picture) picture.replaceWith(img);
  // Blogger and WordPress show a small copy linked to the full picture: the full one is resized instead,
  // and the link, which only leads to the picture again, goes.
  const link = img.parentElement;
  const target = link?.tagName === 'A' ? absolute(link.getAttribute('href') ?? '', base) : undefined;
  if (link && target && PICTURE_FILE.test(new URL(target).pathname) && (link.textContent ?? '').trim() === '' && link.querySelectorAll('img').length === 1) {
    img.setAttribute('src', target);
    link.replaceWith(img);
  }
}

/** A caption block right next to a lone picture, in the CMS styles we know of, any that name it "caption", or set in italics. */
function captionNear(holder: Element): Element | undefined {
  for (const el of Array.from(holder.querySelectorAll('*'))) {
    if (el.querySelector('img') || el.tagName === 'IMG') continue;
    const named = CAPTION_CLASS.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`);
    // Portals' editors write the caption as italic text after a <br> in the picture's own block.
    const italic = ['EM', 'I'].includes(el.tagName) || /font-style:\s*italic/i.test(el.getAttribute('style') ?? '');
    if ((named || italic) && (el.textContent ?? '').trim()) return el;
  }
  return undefined;
}

function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** A short line under a picture set apart as a caption: italic, centred, or named so. */
function looksLikeCaptionLine(el: Element): boolean {
  if (el.tagName !== 'P' && el.tagName !== 'DIV') return false;
  const text = squash(el.textContent);
  if (text.length === 0 || text.length > 250 || el.querySelector('img')) return false;
  const only = el.children.length === 1 ? el.firstElementChild : null;
  const italic = only !== null && ['EM', 'I'].includes(only.tagName) && squash(only.textContent) === text;
  const centred = /text-align:\s*center/i.test(el.getAttribute('style') ?? '');
  return italic || centred || CAPTION_CLASS.test(el.getAttribute('class') ?? '');
}

function toFigure(doc: Document, holder: Element, img: Element, caption: Element | undefined): void {
  const figure = doc.createElement('figure');
  figure.appendChild(img);
  if (caption) {
    const figcaption = doc.createElement('figcaption');
    figcaption.textContent = (caption.textContent ?? '').replace(/\s+/g, ' ').trim();
    figure.appendChild(figcaption);
  }
  holder.replaceWith(figure);
}

/**
 * A figure without a picture goes, unless it held a player, now a note
 * (embeds.ts): the note stays with the caption under it, set as one.
 */
function captionTheNote(doc: Document, figure: Element): void {
  const note = figure.querySelector(`[${NOTE_ATTRIBUTE}]`);
  const captionText = squash((figure.querySelector('figcaption') ?? (note ? captionNear(figure) : undefined))?.textContent);
  if (!note) {
    figure.remove();
    return;
  }
  const kept: Element[] = [note];
  if (captionText) {
    const caption = doc.createElement('p');
    const em = doc.createElement('em');
    em.textContent = captionText;
    caption.appendChild(em);
    kept.push(caption);
  }
  figure.replaceWith(...kept);
}

export function normaliseFigures(doc: Document, pageUrl: string): void {
  const base = doc.querySelector('base[href]')?.getAttribute('href');
  const baseUrl = (base && absolute(base, pageUrl)) || pageUrl;
  ampImages(doc);
  backgroundPictures(doc);
  useNoscriptCopies(doc);
  removeNonPictures(doc);
  for (const img of Array.from(doc.querySelectorAll('img'))) fixImageSource(img, baseUrl);
  for (const img of Array.from(doc.querySelectorAll('img'))) {
    if (img.closest('figure')) continue;
    // The largest block around the picture that holds nothing but it and, maybe, its caption.
    let holder: Element | undefined;
    let caption: Element | undefined;
    for (let el = img.parentElement; el && el.tagName !== 'BODY' && el.tagName !== 'ARTICLE'; el = el.parentElement) {
      if (el.querySelectorAll('img').length > 1) break;
      const found = captionNear(el) ?? (el.tagName === 'TABLE' ? el.querySelectorAll('td')[1] : undefined);
      if (squash(el.textContent) !== squash(found?.textContent)) break;
      holder = el;
      caption = found;
      if (el.tagName === 'TABLE') break;
    }
    if (!holder) continue;
    const next = holder.nextElementSibling;
    if (!caption && next && looksLikeCaptionLine(next)) {
      caption = next;
      next.remove();
    }
    toFigure(doc, holder, img, caption);
  }
  for (const figure of Array.from(doc.querySelectorAll('figure'))) {
    const img = figure.querySelector('img');
    if (!img) {
      captionTheNote(doc, figure);
      continue;
    }
    const caption = figure.querySelector('figcaption') ?? captionNear(figure);
    const captionText = (caption?.textContent ?? '').replace(/\s+/g, ' ').trim();
    figure.replaceChildren(img);
    if (captionText) {
      const figcaption = doc.createElement('figcaption');
      figcaption.textContent = captionText;
      figure.appendChild(figcaption);
    }
  }
}
