/**
 * Images in articles that are not pictures of the story: a tracking pixel
 * (WordPress.com's stats, Feedburner, Facebook's noscript pixel) and an emoji
 * drawn as an image. Before, the pixel was downloaded and published as the
 * article's lead picture and list thumbnail (1 × 1 px), and each emoji as a
 * full-width figure.
 */
const PIXEL_MAX_SIDE = 2;

function declaredSide(img: Element, name: 'width' | 'height'): number | undefined {
  const value = Number.parseFloat(img.getAttribute(name) ?? '');
  return Number.isFinite(value) ? value : undefined;
}

export function removeNonPictures(doc: Document): void {
  for (const img of Array.from(doc.querySelectorAll('img'))) {
    const width = declaredSide(img, 'width');
    const height = declaredSide(img, 'height');
    if (width !== undefined && height !== undefined && width <= PIXEL_MAX_SIDE && height <= PIXEL_MAX_SIDE) {
      img.remove();
    } else if (/(^|\s)(emoji|wp-smiley)(\s|$)/.test(img.getAttribute('class') ?? '')) {
      // The emoji itself is in its alt text, as WordPress writes it.
      img.replaceWith(doc.createTextNode(img.getAttribute('alt') ?? ''));
    }
  }
}
