/**
 * How far a decoded text is from Vietnamese: letters and marks that Vietnamese
 * never writes. Windows-1258 read as windows-1252 gives «ð» for «đ», «Þ» for a
 * tilde and stray marks; read as itself, none of them.
 */
const VOWELS = 'aăâeêioôơuưy';
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

const VIETNAMESE = new Set<string>(['đ', 'Đ']);
for (const vowel of VOWELS) {
  for (const tone of TONES) {
    const letter = (vowel + tone).normalize('NFC');
    VIETNAMESE.add(letter).add(letter.toUpperCase());
  }
}

/**
 * Latin letters and combining accents in `text` (NFC) that Vietnamese does not
 * write. Other scripts are not counted: a page in Chinese is no sign of a wrong label.
 */
export function foreignLetters(text: string): number {
  let count = 0;
  // Only the runs of non-ASCII are looked at: most of a page is markup and script.
  for (const [run] of text.matchAll(/[^\0-\x7f]+/g)) {
    for (const char of run) if (!VIETNAMESE.has(char) && /[\p{Script=Latin}\u0300-\u036f]/u.test(char)) count++;
  }
  return count;
}

/** The shape of a Vietnamese syllable once its tone is taken off: initial, one to three vowels, final. */
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?$/u;
/** Words as the eye splits them; the Latin-1 signs a legacy font drew as letters («B¶o», «Th¾ng») stay inside them. */
const WORD = /[\p{L}\p{M}\u00a1-\u00aa\u00ac-\u00ba\u00bc-\u00bf\u00d7\u00f7]+/gu;

/**
 * Words with a letter or sign beyond ASCII that are no Vietnamese syllable:
 * «Vieät», «B¶o», «Crốme». Text in the right encoding has few (loanwords, names).
 */
export function unlikeVietnamese(text: string): number {
  let count = 0;
  for (const [word] of text.matchAll(WORD)) {
    if (!/[^\0-\x7f]/.test(word)) continue;
    const toneless = word.toLowerCase().normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC');
    if (!SYLLABLE.test(toneless)) count++;
  }
  return count;
}
