/**
 * Vietnamese written for the font encodings of the 1990s, VNI-Windows and
 * TCVN3 (ABC): the page's bytes are windows-1252 letters that a «VNI-Times» or
 * «.VnTime» font drew as Vietnamese. Pages of provincial offices still come so,
 * labelled windows-1252 or ISO-8859-1; read as labelled they are «Vieät Nam»,
 * «B¶o Th¾ng». These turn such text (decoded as windows-1252) into Unicode.
 */

/** TCVN3: one byte a letter. Its capitals with a tone were drawn by a second font («.VnTimeH») from these same bytes. */
const TCVN3: Record<string, string> = {
  '\u00a1': 'Ă', '\u00a2': 'Â', '\u00a3': 'Ê', '\u00a4': 'Ô', '\u00a5': 'Ơ', '\u00a6': 'Ư', '\u00a7': 'Đ',
  '\u00a8': 'ă', '\u00a9': 'â', '\u00aa': 'ê', '\u00ab': 'ô', '\u00ac': 'ơ', '\u00ad': 'ư', '\u00ae': 'đ',
  '\u00b5': 'à', '\u00b6': 'ả', '\u00b7': 'ã', '\u00b8': 'á', '\u00b9': 'ạ',
  '\u00bb': 'ằ', '\u00bc': 'ẳ', '\u00bd': 'ẵ', '\u00be': 'ắ', '\u00c6': 'ặ',
  '\u00c7': 'ầ', '\u00c8': 'ẩ', '\u00c9': 'ẫ', '\u00ca': 'ấ', '\u00cb': 'ậ',
  '\u00cc': 'è', '\u00ce': 'ẻ', '\u00cf': 'ẽ', '\u00d0': 'é', '\u00d1': 'ẹ',
  '\u00d2': 'ề', '\u00d3': 'ể', '\u00d4': 'ễ', '\u00d5': 'ế', '\u00d6': 'ệ',
  '\u00d7': 'ì', '\u00d8': 'ỉ', '\u00dc': 'ĩ', '\u00dd': 'í', '\u00de': 'ị',
  '\u00df': 'ò', '\u00e1': 'ỏ', '\u00e2': 'õ', '\u00e3': 'ó', '\u00e4': 'ọ',
  '\u00e5': 'ồ', '\u00e6': 'ổ', '\u00e7': 'ỗ', '\u00e8': 'ố', '\u00e9': 'ộ',
  '\u00ea': 'ờ', '\u00eb': 'ở', '\u00ec': 'ỡ', '\u00ed': 'ớ', '\u00ee': 'ợ',
  '\u00ef': 'ù', '\u00f1': 'ủ', '\u00f2': 'ũ', '\u00f3': 'ú', '\u00f4': 'ụ',
  '\u00f5': 'ừ', '\u00f6': 'ử', '\u00f7': 'ữ', '\u00f8': 'ứ', '\u00f9': 'ự',
  '\u00fa': 'ỳ', '\u00fb': 'ỷ', '\u00fc': 'ỹ', '\u00fd': 'ý', '\u00fe': 'ỵ',
};

/** VNI-Windows: a vowel, then a byte for its hat or hook and tone. Sắc, huyền, hỏi, ngã, nặng: */
const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const TONE_KEYS = ['ù', 'ø', 'û', 'õ', 'ï'];
/** Â Ê Ô: the hat alone, then with each tone. */
const HAT_KEYS = ['â', 'á', 'à', 'å', 'ã', 'ä'];
/** Ă: the breve alone, then with each tone. */
const BREVE_KEYS = ['ê', 'é', 'è', 'ú', 'ü', 'ë'];

function vniTable(): Map<string, string> {
  const table = new Map<string, string>();
  const add = (key: string, letter: string) => {
    const composed = letter.normalize('NFC');
    table.set(key, composed);
    // Capitals were typed with the byte's capital or, in mixed text, its small form.
    table.set(key.toUpperCase(), composed.toUpperCase());
    if (key.length === 2) table.set(key[0]!.toUpperCase() + key[1], composed.toUpperCase());
  };
  const withTones = (base: string, key: string, keys: string[], mark = '') => {
    keys.forEach((k, i) => add(key + k, base + mark + (i === 0 ? '' : TONES[i - 1])));
  };
  for (const vowel of 'aeouy') TONE_KEYS.forEach((k, i) => add(vowel + k, vowel + TONES[i]));
  for (const vowel of 'aeo') withTones(vowel, vowel, HAT_KEYS, '\u0302');
  withTones('a', 'a', BREVE_KEYS, '\u0306');
  // Ơ and Ư are one byte each (ô, ö), then a tone byte.
  for (const [key, letter] of [['ô', 'ơ'], ['ö', 'ư']] as const) {
    add(key, letter);
    TONE_KEYS.forEach((k, i) => add(key + k, letter + TONES[i]));
  }
  // I's tones, and ỵ, are one byte each; đ is ñ.
  for (const [key, letter] of [['í', 'í'], ['ì', 'ì'], ['æ', 'ỉ'], ['ó', 'ĩ'], ['ò', 'ị'], ['î', 'ỵ'], ['ñ', 'đ']] as const) add(key, letter);
  return table;
}

const VNI = vniTable();
const VNI_PATTERN = new RegExp([...VNI.keys()].sort((a, b) => b.length - a.length).join('|'), 'g');
const TCVN3_PATTERN = new RegExp(`[${Object.keys(TCVN3).join('')}]`, 'g');

/** Text in VNI-Windows, read as windows-1252, as Unicode. */
export function fromVni(text: string): string {
  return text.replace(VNI_PATTERN, (key) => VNI.get(key)!);
}

/** Text in TCVN3, read as windows-1252, as Unicode. */
export function fromTcvn3(text: string): string {
  return text.replace(TCVN3_PATTERN, (char) => TCVN3[char]!);
}
