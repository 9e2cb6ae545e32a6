/**
 * Bytes to text. A byte-order mark decides first (as browsers do); then bytes
 * that are valid UTF-8 are read as UTF-8 whatever is declared, since servers
 * often label UTF-8 feeds ISO-8859-1 and valid UTF-8 with multi-byte letters
 * practically never arises by chance from a legacy Vietnamese encoding. Bytes
 * that are UTF-8 but for a stray byte or two (an old include, a cut comment)
 * are UTF-8 too, as a browser shows them: read as windows-1258, every letter
 * of the page came out as mojibake and the article was lost. Else
 * the charset the response, the XML declaration or a <meta> names, preferring
 * one that is not UTF-8 (the bytes just proved it wrong), else windows-1258.
 * Text comes out in NFC: windows-1258 and some typing tools write tone marks
 * as combining characters, which the app's search and dedupe would not match.
 */
import { fromTcvn3, fromVni } from './legacy-fonts';
import { foreignLetters, unlikeVietnamese } from './vietnamese-letters';

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/**
 * Whether bytes that are not valid UTF-8 are UTF-8 with a few broken bytes: far
 * more well-formed multi-byte letters than broken ones. Vietnamese in
 * windows-1258 read as UTF-8 gives almost no well-formed multi-byte sequence.
 */
function mostlyUtf8(body: Buffer): boolean {
  let letters = 0;
  let broken = 0;
  for (const char of new TextDecoder('utf-8').decode(body)) {
    if (char === '\ufffd') broken++;
    else if (char.codePointAt(0)! >= 0x80) letters++;
  }
  return letters >= 10 * broken;
}

export function decodeBody(body: Buffer, contentType: string): string {
  for (const [mark, encoding] of BOMS) {
    if (mark.every((byte, i) => body[i] === byte)) return new TextDecoder(encoding).decode(body.subarray(mark.length)).normalize('NFC');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body).normalize('NFC');
  } catch {
    // Not UTF-8 throughout: nearly, or in the declared legacy charset below.
  }
  if (mostlyUtf8(body)) return new TextDecoder('utf-8').decode(body).normalize('NFC');
  const fromHeader = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  const head = body.subarray(0, 200).toString('latin1');
  const fromDeclaration = /^\s*<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1];
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(body.subarray(0, 2048).toString('latin1'))?.[1];
  const encodings = [fromHeader, fromDeclaration, fromMeta, 'windows-1258']
    .filter((label): label is string => label !== undefined)
    .map((label) => decoderFor(label)?.encoding)
    .filter((encoding): encoding is string => encoding !== undefined && encoding !== 'utf-8');
  let best = { text: '', foreign: Infinity, encoding: '' };
  for (const encoding of new Set(encodings)) {
    const text = new TextDecoder(encoding).decode(body).normalize('NFC');
    const foreign = foreignLetters(text);
    if (foreign < best.foreign) best = { text, foreign, encoding };
    // None foreign: no later charset can read better (and the earlier named wins a tie).
    if (foreign === 0) break;
  }
  return ['windows-1252', 'windows-1258'].includes(best.encoding) ? inLegacyFont(best.text, body) : best.text;
}

/**
 * A page typed for a VNI-Windows or TCVN3 font, whose bytes any Latin charset
 * reads as «Vieät Nam» or «B¶o Th¾ng», in Unicode; else `text` as it was. The
 * font's reading must leave under a quarter of the words that are no
 * Vietnamese syllable, so a French «crème brûlée» is never taken for one.
 */
function inLegacyFont(text: string, body: Buffer): string {
  const unlike = unlikeVietnamese(text);
  if (unlike < 3) return text;
  const latin = new TextDecoder('windows-1252').decode(body);
  let best = { text, unlike };
  for (const read of [fromVni, fromTcvn3]) {
    const converted = read(latin).normalize('NFC');
    const count = unlikeVietnamese(converted);
    if (count * 4 < unlike && count < best.unlike) best = { text: converted, unlike: count };
  }
  return best.text;
}
