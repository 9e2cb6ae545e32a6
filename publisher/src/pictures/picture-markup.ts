/**
 * Feed markup for resized pictures, in the shape CONTRACTS.md fixes: the
 * `_bao_offline` extension for the lead picture and `<img srcset>` inside
 * `<figure>` in the article HTML.
 */
import { fragmentDocument } from '../text/html-text';
import type { PictureFile, PictureStore } from './picture-store';

export const ARTICLE_SIZES = '(max-width: 600px) 100vw, 600px';

export interface SizedPicture {
  url: string;
  width: number;
  height: number;
  srcset?: string;
}

export function srcset(files: readonly PictureFile[]): string {
  return files.map((f) => `${f.url} ${f.width}w`).join(', ');
}

/** The smallest file stands for the picture; the srcset lets a 2× screen pick the larger. */
export function sized(files: readonly PictureFile[]): SizedPicture {
  const first = files[0]!;
  const picture: SizedPicture = { url: first.url, width: first.width, height: first.height };
  if (files.length > 1) picture.srcset = srcset(files);
  return picture;
}

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function imgMarkup(files: readonly PictureFile[], alt: string): string {
  const first = files[0]!;
  const set = files.length > 1 ? ` srcset="${attr(srcset(files))}" sizes="${ARTICLE_SIZES}"` : '';
  return `<img src="${attr(first.url)}"${set} width="${first.width}" height="${first.height}" alt="${attr(alt)}">`;
}

/**
 * Points every picture in sanitised article HTML at its resized files,
 * each in a <figure>; pictures that could not be had are left out.
 */
export async function rewritePictures(html: string, store: PictureStore, page?: string): Promise<string> {
  const doc = fragmentDocument(html);
  for (const img of Array.from(doc.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? '';
    const files = src ? await store.get(src, 'article', page) : undefined;
    const figure = img.closest('figure');
    if (!files || files.length === 0) {
      // A caption without its picture says nothing.
      (figure ?? img).remove();
      continue;
    }
    const alt = img.getAttribute('alt') ?? figure?.querySelector('figcaption')?.textContent?.trim() ?? '';
    const holder = doc.createElement('template');
    // Parsed from markup so the attributes keep the order CONTRACTS.md shows.
    holder.innerHTML = imgMarkup(files, alt);
    const fresh = holder.content.firstElementChild!;
    img.replaceWith(fresh);
    if (!figure) {
      const wrapper = doc.createElement('figure');
      // A paragraph holding only the picture becomes the figure; a <figure> may not sit inside a <p>.
      const parent = fresh.parentElement;
      const alone = parent?.tagName === 'P' && !(parent.textContent ?? '').trim() && parent.children.length === 1;
      (alone ? parent : fresh).replaceWith(wrapper);
      wrapper.appendChild(fresh);
    }
  }
  return doc.body.innerHTML;
}
