/**
 * Vietnamese folding. Two keys per word:
 * - `foldKey`: case-, NFC/NFD- and diacritic-insensitive, đ → d (the search key);
 * - `tonedKey`: keeps every diacritic but is NFC, lower case, and puts the tone
 *   mark in one canonical place, so `hoà`/`hòa` and `thuý`/`thúy` are equal.
 */

/** Combining tone marks, indexed by tone number (0 = level tone has none). */
export const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const;
export type Tone = 0 | 1 | 2 | 3 | 4 | 5;

const COMBINING = /[\u0300-\u036f]/g;

/** Đ and the look-alike Ð/ð (Icelandic eth) that some old Vietnamese fonts and keyboards produce. */
const D_STROKE = /[đĐðÐ]/g;

/** Search key: lower case, no diacritics, đ → d. */
export function foldKey(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(D_STROKE, 'd').toLowerCase();
}

/** True when the text carries a Vietnamese diacritic or đ (i.e. the writer typed accents). */
export function hasDiacritics(text: string): boolean {
  return /[\u0300-\u036fđĐðÐ]/.test(text.normalize('NFD'));
}

const VOWELS = 'aăâeêioôơuưy';
const isVowel = (ch: string): boolean => VOWELS.includes(ch);
/** Vowels that carry a quality mark; the tone sits on them when present. */
const isMarkedVowel = (ch: string): boolean => 'ăâêôơư'.includes(ch);

/**
 * Index of the vowel that takes the tone in an untoned NFC lower-case syllable,
 * following the "new" placement (hoà, thuý, khoẻ), or -1 when there is no vowel.
 */
function toneIndex(base: string): number {
  let start = 0;
  // "qu" and a "gi" followed by a vowel are consonants: quý, giữ (but gìn).
  if (base.startsWith('qu')) start = 2;
  else if (base.startsWith('gi') && base.length > 2 && isVowel(base.charAt(2))) start = 2;
  while (start < base.length && !isVowel(base.charAt(start))) start++;
  if (start >= base.length) {
    // "gi"/"qu" alone: the i/u is the vowel after all (gì).
    for (let i = base.length - 1; i >= 0; i--) if (isVowel(base.charAt(i))) return i;
    return -1;
  }
  let end = start;
  while (end < base.length && isVowel(base.charAt(end))) end++;
  for (let i = end - 1; i >= start; i--) if (isMarkedVowel(base.charAt(i))) return i;
  const len = end - start;
  if (end < base.length) return end - 1; // closed syllable: last vowel (toán, tuyết)
  if (len === 1) return start;
  if (len === 2) {
    const pair = base.slice(start, end);
    return pair === 'oa' || pair === 'oe' || pair === 'uy' ? end - 1 : start;
  }
  return start + 1; // three vowels: the middle one (ngoài, khuỷu)
}

const TONE_OF: Record<string, Tone> = { '\u0301': 1, '\u0300': 2, '\u0309': 3, '\u0303': 4, '\u0323': 5 };

/** Splits a word into its untoned NFC lower-case base and its tone; null when it has several tones. */
export function splitTone(word: string): { base: string; tone: Tone } | null {
  const nfd = word.toLowerCase().replace(D_STROKE, 'đ').normalize('NFD');
  let tone: Tone = 0;
  let base = '';
  for (const ch of nfd) {
    const t = TONE_OF[ch];
    if (t === undefined) base += ch;
    else if (tone !== 0 && tone !== t) return null;
    else tone = t;
  }
  return { base: base.normalize('NFC'), tone };
}

/** Puts `tone` on the canonical vowel of an untoned base syllable. */
export function applyTone(base: string, tone: Tone): string {
  if (tone === 0) return base;
  const at = toneIndex(base);
  if (at < 0) return base;
  return (base.slice(0, at + 1) + TONE_MARKS[tone] + base.slice(at + 1)).normalize('NFC');
}

/** Diacritic-aware key: NFC, lower case, tone on its canonical vowel. */
export function tonedKey(word: string): string {
  const split = splitTone(word);
  const asTyped = (): string => word.toLowerCase().replace(D_STROKE, 'đ').normalize('NFC');
  if (!split) return asTyped();
  if (split.tone === 0) return split.base;
  // Words with several vowel groups are not one Vietnamese syllable: keep them as typed.
  if (!/^[^aăâeêioôơuưy]*[aăâeêioôơuưy]+[^aăâeêioôơuưy]*$/.test(split.base)) return asTyped();
  return applyTone(split.base, split.tone);
}
