/**
 * Text pasted from Word reaches feeds and pages with control characters: C1
 * codes where a CMS stored Word's windows-1252 quotes, dashes and ellipses as
 * if they were Latin-1 («\u0093Mùa vàng\u0094», or «&#147;»), and stray C0
 * codes (a vertical tab for Word's line break, a form feed). Browsers show them
 * as nothing or as boxes. The C1 ones are read as windows-1252 meant them, as
 * HTML reads «&#147;»; the others are dropped. Tab, line feed and carriage return stay.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/**
 * windows-1252's 0x80–0x9F, unassigned ones as themselves. Written out: Node's
 * TextDecoder takes «windows-1252» for ISO-8859-1 and gives the C1 codes back.
 */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function meant(control: string): string {
  const code = control.charCodeAt(0);
  // Word's line break (vertical tab) and page break (form feed) part words; DEL and the rest are nothing.
  if (code < 0x80) return code === 0x0b || code === 0x0c ? ' ' : '';
  const char = WINDOWS_1252_C1[code - 0x80]!;
  // The five codes windows-1252 leaves unassigned: nothing meant.
  return char === control ? '' : char;
}

export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL, meant);
}
