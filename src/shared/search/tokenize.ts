/**
 * Syllable tokenisation. Vietnamese words are space-separated syllables, so a
 * syllable is a run of letters, digits and combining marks (NFD input keeps its
 * accents attached). `tokenize` also keeps codes such as `11-CT/TU`, `TP.HCM`,
 * `COVID-19` or `3,5` whole for display; the index works on the syllables.
 */
import { foldKey } from './fold';

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const TABLE_SIZE = 0x2000; // Latin, Vietnamese (U+1E00–U+1EFF) and combining marks
const wordTable = new Uint8Array(TABLE_SIZE);
for (let c = 0; c < TABLE_SIZE; c++) wordTable[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;

/** True when UTF-16 unit `code` (at `i` of `text`) belongs to a syllable. */
function isWordUnit(text: string, i: number, code: number): boolean {
  if (code < TABLE_SIZE) return wordTable[code] === 1;
  if (code >= 0xd800 && code <= 0xdfff) {
    const cp = text.codePointAt(code <= 0xdbff ? i : i - 1) ?? 0;
    return WORD_CHAR.test(String.fromCodePoint(cp));
  }
  return WORD_CHAR.test(text.charAt(i));
}

/**
 * Calls `visit(start, end)` for each syllable of `text`, in order, without
 * allocating; a visit that returns false stops the walk.
 */
export function forEachSyllable(text: string, visit: (start: number, end: number) => boolean | void): void {
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const word = isWordUnit(text, i, text.charCodeAt(i));
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (visit(start, i) === false) return;
      start = -1;
    }
  }
  if (start >= 0) visit(start, text.length);
}

export interface Token {
  /** The token as written. */
  text: string;
  start: number;
  end: number;
  /** Folded search key (see foldKey). */
  key: string;
}

/** Folded syllables of a text: what the index stores and queries are split into. */
export function syllableKeys(text: string): string[] {
  const keys: string[] = [];
  forEachSyllable(text, (s, e) => void keys.push(foldKey(text.slice(s, e))));
  return keys;
}

const CONNECTORS = '-/._,';
const hasDigit = (s: string): boolean => /\p{N}/u.test(s);
const isUpper = (s: string): boolean => s === s.toUpperCase() && s !== s.toLowerCase();

/** Whether syllables joined by single connectors form a code rather than ordinary words. */
function isCode(text: string, parts: Array<[number, number]>): boolean {
  const words = parts.map(([s, e]) => text.slice(s, e));
  if (words.some(hasDigit)) {
    // A comma only joins numbers (3,5); elsewhere it separates words.
    for (let k = 1; k < parts.length; k++) {
      const sep = text.charAt((parts[k - 1] as [number, number])[1]);
      if (sep === ',' && !(hasDigit(words[k - 1] ?? '') && hasDigit(words[k] ?? ''))) return false;
    }
    return true;
  }
  // Letter-only codes are acronyms: every part in capitals, not joined by a comma (TP.HCM, CT/TU).
  return words.every(isUpper) && !parts.some(([, e], k) => k < parts.length - 1 && text.charAt(e) === ',');
}

/**
 * Whether the single connector at `at` joins two parts of a code or number
 * (the syllables around it hold a digit, or are both in capitals).
 */
export function isCodeJoint(text: string, at: number): boolean {
  if (!CONNECTORS.includes(text.charAt(at))) return false;
  let s = at;
  while (s > 0 && isWordUnit(text, s - 1, text.charCodeAt(s - 1))) s--;
  let e = at + 1;
  while (e < text.length && isWordUnit(text, e, text.charCodeAt(e))) e++;
  return isCode(text, [[s, at], [at + 1, e]]);
}

/** Tokens for display and highlighting: syllables, with codes and numbers kept whole. */
export function tokenize(text: string): Token[] {
  const spans: Array<[number, number]> = [];
  forEachSyllable(text, (s, e) => void spans.push([s, e]));
  const tokens: Token[] = [];
  const emit = (s: number, e: number): void => {
    const t = text.slice(s, e);
    tokens.push({ text: t, start: s, end: e, key: foldKey(t) });
  };
  let i = 0;
  while (i < spans.length) {
    let j = i;
    // Extend over syllables separated by exactly one connector character.
    while (j + 1 < spans.length) {
      const gapStart = (spans[j] as [number, number])[1];
      const nextStart = (spans[j + 1] as [number, number])[0];
      if (nextStart - gapStart !== 1 || !CONNECTORS.includes(text.charAt(gapStart))) break;
      j++;
    }
    const group = spans.slice(i, j + 1);
    if (group.length > 1 && isCode(text, group)) {
      emit((group[0] as [number, number])[0], (group[group.length - 1] as [number, number])[1]);
    } else {
      for (const [s, e] of group) emit(s, e);
    }
    i = j + 1;
  }
  return tokens;
}
