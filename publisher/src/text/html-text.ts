/** Plain text out of HTML fragments, with linkedom (no layout, no scripts run). */
import { parseHTML } from 'linkedom';
import { withoutControlCharacters } from './control-characters';

const BLOCKS = new Set(['P', 'DIV', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'FIGCAPTION', 'BLOCKQUOTE', 'TR', 'BR', 'SECTION', 'ARTICLE', 'FIGURE', 'TD']);

/** A document whose body holds `html`. */
export function fragmentDocument(html: string): Document {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return document as unknown as Document;
}

/** Text with blocks on their own lines and whitespace collapsed inside each. */
export function htmlToText(html: string): string {
  const body = fragmentDocument(html).body;
  const lines: string[] = [];
  let line = '';
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      line += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = (node as Element).tagName;
    if (name === 'SCRIPT' || name === 'STYLE') return;
    const block = BLOCKS.has(name);
    if (block) flush();
    node.childNodes.forEach(walk);
    if (block) flush();
  };
  const flush = () => {
    const clean = line.replace(/\s+/g, ' ').trim();
    if (clean) lines.push(clean);
    line = '';
  };
  walk(body);
  flush();
  // Titles and summaries are made here: Word's quotes as C1 codes read as meant, other control characters gone.
  // Entities and JSON escapes are read after the bytes were made NFC: «a&#768;» is NFD again.
  return withoutControlCharacters(lines.join('\n')).normalize('NFC');
}

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;

/**
 * A one-line title from a field that may hold markup or escaped entities. Some
 * CMSs escape titles twice («&amp;#7889;» inside CDATA): entities still left
 * after one reading are read once more.
 */
export function plainLine(html: string): string {
  const text = htmlToText(html).replace(/\s+/g, ' ').trim();
  return text.replace(ENTITY, (entity) => htmlToText(entity) || entity);
}

const ESCAPED_TAG = /<(?:p|br|img|div|a|strong|em|b|i|span|figure|h[1-6]|ul|ol|li|table)\b[^>]*>/i;

/** Article HTML escaped twice reads as text full of tags («<p>Mô tả</p>»): that text is the markup meant. */
export function unescapeTwiceEscaped(html: string): string {
  const body = fragmentDocument(html).body;
  if (body.children.length > 0) return html;
  const text = body.textContent ?? '';
  return ESCAPED_TAG.test(text) ? text : html;
}
