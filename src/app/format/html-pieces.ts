/**
 * Cuts an article's HTML into pieces of about a given length, so that a large
 * body is sanitised and laid out a piece per task instead of all at once.
 * Pieces end between top-level blocks where possible; a piece that must end
 * inside an element (a body wrapped in one <div>, a long list) leaves it
 * open, and the next piece starts by opening the same elements again, so
 * each piece is whole HTML that is sanitised on its own and the page can
 * join it into the elements left open (`reopened`). No DOM: a small scan of
 * tags that knows void and raw-text elements and the end tags HTML implies.
 */

export interface HtmlPiece {
  html: string;
  /** How many elements, outermost first, this piece opens again because the one before ended inside them. */
  reopened: number;
}

interface OpenTag {
  name: string;
  /** The start tag as written, attributes included, to open it again. */
  tag: string;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
/** Start tags that end an open <p> (HTML's "close a p element" rule, the common ones). */
const CLOSES_P = new Set([
  'dd', 'dt', 'li', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);
/** Elements whose start tag ends an open one of the same family. */
const SIBLINGS: Record<string, readonly string[]> = { li: ['li'], dt: ['dt', 'dd'], dd: ['dt', 'dd'], tr: ['tr'], td: ['td', 'th'], th: ['td', 'th'], option: ['option'] };
/** Past this many times the wanted length, a piece ends at the next tag whatever is open. */
const HARD_LIMIT = 4;

const TAG_NAME = /[a-zA-Z][^\s/>]*/y;

export class HtmlPieces {
  private at = 0;
  private open: OpenTag[] = [];
  private lower: string | undefined;

  constructor(private readonly html: string) {}

  get done(): boolean {
    return this.at >= this.html.length;
  }

  /** The next piece, about `size` characters (more when a block is longer), or undefined at the end. */
  next(size: number): HtmlPiece | undefined {
    if (this.done) return undefined;
    const reopened = this.open.length;
    const prefix = this.open.map((open) => open.tag).join('');
    const start = this.at;
    const html = this.html;
    // Once long enough, the piece ends before the next tag at the top level; failing that, far too
    // long, before the earliest tag at the shallowest depth seen since it was long enough.
    let best: { at: number; open: OpenTag[] } | undefined;
    let p = start;
    while (p < html.length) {
      const lt = html.indexOf('<', p);
      if (lt < 0) {
        p = html.length;
        break;
      }
      if (lt > start && lt - start >= size) {
        if (this.open.length === 0) {
          p = lt;
          break;
        }
        if (!best || this.open.length < best.open.length) best = { at: lt, open: [...this.open] };
        if (lt - start >= size * HARD_LIMIT) {
          p = best.at;
          this.open = best.open;
          break;
        }
      }
      p = this.tagEnd(lt);
    }
    this.at = p;
    return { html: prefix + html.slice(start, p), reopened };
  }

  /** Reads the tag (or comment, or stray `<`) at `lt`, updating what is open; returns where it ends. */
  private tagEnd(lt: number): number {
    const html = this.html;
    if (html.startsWith('<!--', lt)) return endOf(html, '-->', lt + 4);
    const closing = html[lt + 1] === '/';
    TAG_NAME.lastIndex = lt + (closing ? 2 : 1);
    const match = TAG_NAME.exec(html);
    if (!match) return html[lt + 1] === '!' || html[lt + 1] === '?' || closing ? endOf(html, '>', lt + 1) : lt + 1;
    const name = match[0].toLowerCase();
    const end = startTagEnd(html, TAG_NAME.lastIndex);
    if (closing) {
      const index = this.open.map((open) => open.name).lastIndexOf(name);
      if (index >= 0) this.open.length = index;
      return end;
    }
    if (RAW_TEXT.has(name)) {
      // Lower-cased once, and only for a body that has such an element at all.
      this.lower ??= html.toLowerCase();
      const close = this.lower.indexOf(`</${name}`, end);
      return close < 0 ? html.length : endOf(html, '>', close);
    }
    const top = this.open[this.open.length - 1]?.name;
    if (top === 'p' && CLOSES_P.has(name)) this.open.pop();
    const family = SIBLINGS[name];
    if (family) {
      // Only the innermost: an <li> in a nested <ul> leaves the outer <li> open.
      if (top !== undefined && family.includes(this.open[this.open.length - 1]!.name)) this.open.pop();
    }
    if (!VOID.has(name) && html[end - 2] !== '/') this.open.push({ name, tag: html.slice(lt, end) });
    return end;
  }
}

/** Just after the next `token` from `from`, or the end of the text. */
function endOf(html: string, token: string, from: number): number {
  const at = html.indexOf(token, from);
  return at < 0 ? html.length : at + token.length;
}

/** Just after the `>` closing a start tag whose name ends at `from`, skipping quoted attribute values. */
function startTagEnd(html: string, from: number): number {
  let quote: string | undefined;
  let afterEquals = false;
  for (let i = from; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (afterEquals && (c === '"' || c === "'")) quote = c;
    else if (c === '>') return i + 1;
    // A quote opens a value only right after `=` (spaces allowed): `title=it's` is not quoted.
    if (c === '=') afterEquals = true;
    else if (c !== ' ' && c !== '\t' && c !== '\n') afterEquals = false;
  }
  return html.length;
}
