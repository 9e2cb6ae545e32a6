/**
 * The last word on article HTML before it enters the feed: a short list of
 * tags and attributes, http(s) links only, nothing that runs or styles. The
 * app sanitises again when it shows an article; this keeps the feed clean
 * for every other reader too.
 */
import sanitizeHtml from 'sanitize-html';
import { withoutControlCharacters } from '../text/control-characters';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'figure', 'figcaption', 'img', 'a',
    'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'hr',
  ],
  allowedAttributes: {
    a: ['href'],
    img: ['src', 'srcset', 'sizes', 'width', 'height', 'alt'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // Text of dropped wrappers (div, span, section) stays; these go with what they hold.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'iframe', 'object', 'svg', 'math'],
  transformTags: { h1: 'h2' },
  exclusiveFilter: (frame) =>
    (frame.tag === 'img' && !frame.attribs.src) ||
    (frame.tag === 'p' || frame.tag === 'figcaption' || frame.tag === 'li') && frame.text.trim() === '' && !frame.mediaChildren.length,
};

export function sanitizeArticleHtml(html: string): string {
  return withoutControlCharacters(sanitizeHtml(html, OPTIONS)).replace(/\n{2,}/g, '\n').trim();
}
