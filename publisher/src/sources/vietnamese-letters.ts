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
