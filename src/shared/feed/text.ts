/**
 * Plain-text helpers for feed content. Pure string code with no DOM, because
 * it runs on the page, in the search worker and in the service worker.
 */

// Elements whose contents are never readable text.
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'textarea', 'title']);
const BLOCK_ELEMENTS = new Set([
  'p', 'br', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption', 'blockquote', 'tr',
  'ul', 'ol', 'table', 'section', 'article', 'header', 'footer', 'figure', 'pre', 'hr', 'dt', 'dd',
  'address', 'aside', 'nav', 'main',
]);
const CELL_ELEMENTS = new Set(['td', 'th']);
const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  sbquo: '‚', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›',
  bull: '•', middot: '·', deg: '°', copy: '©', reg: '®', trade: '™', euro: '€',
  times: '×', divide: '÷', plusmn: '±', frac12: '½', frac14: '¼', frac34: '¾',
  sect: '§', para: '¶', prime: '′', Prime: '″', dagger: '†', shy: '', zwj: '\u200d', zwnj: '\u200c',
  ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', iexcl: '¡', iquest: '¿', cent: '¢', pound: '£', yen: '¥',
  // Latin letters used in Vietnamese (older CMSs escape them).
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Abreve: 'Ă', agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', abreve: 'ă',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', egrave: 'è', eacute: 'é', ecirc: 'ê',
  Igrave: 'Ì', Iacute: 'Í', Itilde: 'Ĩ', igrave: 'ì', iacute: 'í', itilde: 'ĩ',
  Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ',
  Ugrave: 'Ù', Uacute: 'Ú', Utilde: 'Ũ', ugrave: 'ù', uacute: 'ú', utilde: 'ũ',
  Yacute: 'Ý', yacute: 'ý', Dstrok: 'Đ', dstrok: 'đ',
  Auml: 'Ä', auml: 'ä', Ouml: 'Ö', ouml: 'ö', Uuml: 'Ü', uuml: 'ü', Ccedil: 'Ç', ccedil: 'ç', szlig: 'ß',
};

// HTML maps numeric references 0x80–0x9F to Windows-1252, which old CMSs rely on.
const WINDOWS_1252: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function codePointToString(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252[code] ?? '';
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  // Escaped whitespace and controls are not line breaks in HTML; only tags are.
  if (code < 0x20 || code === 0x7f) return ' ';
  return String.fromCodePoint(code);
}

function decodeEntity(match: string, dec?: string, hex?: string, name?: string): string {
  if (dec !== undefined) return codePointToString(Number.parseInt(dec, 10));
  if (hex !== undefined) return codePointToString(Number.parseInt(hex, 16));
  if (name !== undefined && Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, name)) {
    return NAMED_ENTITIES[name] ?? match;
  }
  return match;
}

/** Decodes numeric and common named character references. */
export function decodeEntities(text: string): string {
  return text.indexOf('&') === -1 ? text : text.replace(ENTITY, decodeEntity);
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isTagNameChar(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x3a;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

/** Index just past the '>' that ends a tag whose attributes start at `from`; quoted values may hold '>'. */
function tagEnd(html: string, from: number): number {
  let quote = 0;
  let afterEquals = false;
  for (let i = from; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x3e) {
      return i + 1;
    } else if ((code === 0x22 || code === 0x27) && afterEquals) {
      quote = code;
    } else if (code === 0x3d) {
      afterEquals = true;
      continue;
    }
    if (!isSpace(code)) afterEquals = false;
  }
  return html.length;
}

// Source line breaks are plain whitespace in HTML; only block tags make lines.
// They are marked with U+2029 PARAGRAPH SEPARATOR, which means exactly that.
const BREAK = '\u2029';
// Every whitespace run except a lone space, which is already final.
const WHITESPACE_RUN = /(?: ?[^\S ]| {2})\s*/g;

function collapseRun(run: string): string {
  return run.indexOf(BREAK) === -1 ? ' ' : '\n';
}

/**
 * Converts untrusted HTML to readable plain text: block elements become line
 * breaks, whitespace is collapsed. A single linear scan (no backtracking
 * regexes), so hostile markup cannot make it slow. The result is text, never
 * markup: it must not be fed back into innerHTML.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let lower: string | undefined;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      parts.push(html.slice(i));
      break;
    }
    if (lt > i) parts.push(html.slice(i, lt));
    if (html.startsWith('!--', lt + 1)) {
      const close = html.indexOf('-->', lt + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    const next = html.charCodeAt(lt + 1);
    const isEndTag = next === 0x2f;
    const nameStart = isEndTag ? lt + 2 : lt + 1;
    if (next === 0x21 || next === 0x3f) {
      // <!DOCTYPE …>, <![CDATA[…]]>, <?…?>: markup, not text.
      const close = html.indexOf('>', lt);
      i = close === -1 ? html.length : close + 1;
      continue;
    }
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      parts.push('<');
      i = lt + 1;
      continue;
    }
    let nameEnd = nameStart + 1;
    while (nameEnd < html.length && isTagNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    i = tagEnd(html, nameEnd);
    if (!isEndTag && HIDDEN_ELEMENTS.has(name)) {
      lower ??= html.toLowerCase();
      const close = lower.indexOf(`</${name}`, i);
      i = close === -1 ? html.length : tagEnd(html, close + name.length + 2);
    } else if (BLOCK_ELEMENTS.has(name)) {
      parts.push(BREAK);
    } else if (CELL_ELEMENTS.has(name)) {
      parts.push(' ');
    }
  }
  return decodeEntities(parts.join('')).replace(WHITESPACE_RUN, collapseRun).trim();
}

/** Low surrogates and combining diacritics belong to the character before them. */
function isContinuation(code: number): boolean {
  return (code >= 0xdc00 && code <= 0xdfff) || (code >= 0x0300 && code <= 0x036f);
}

/**
 * Shortens text to at most `maxChars` UTF-16 units (ellipsis included), cutting
 * on a word boundary when one is reasonably close, and appends «…».
 */
export function excerpt(text: string, maxChars: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= maxChars) return trimmed;
  if (maxChars < 1) return '';
  let cut = maxChars - 1;
  // Never leave half of a surrogate pair or strip a combining mark off its letter.
  while (cut > 0 && isContinuation(trimmed.charCodeAt(cut))) cut--;
  const space = trimmed.lastIndexOf(' ', cut);
  const newline = trimmed.lastIndexOf('\n', cut);
  const boundary = Math.max(space, newline);
  if (boundary > cut / 2) cut = boundary;
  const head = trimmed.slice(0, cut).replace(/[\s,;:.\-–—]+$/, '');
  return `${head}…`;
}
