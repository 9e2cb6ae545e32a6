/**
 * Byte codecs for the index snapshot: LEB128 varints (postings are mostly
 * small deltas, so 1–2 bytes each) and base64, so the snapshot is plain JSON.
 */

export class ByteWriter {
  bytes = new Uint8Array(1 << 16);
  length = 0;

  uint(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  result(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

export class ByteReader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  uint(): number {
    const first = this.bytes[this.offset];
    if (first !== undefined && first < 0x80) {
      this.offset++;
      return first;
    }
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = this.bytes[this.offset++];
      if (b === undefined) throw new Error('Truncated search index snapshot');
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
      shift += 7;
    }
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const ENCODE = new Uint8Array(64);
for (let i = 0; i < 64; i++) ENCODE[i] = ALPHABET.charCodeAt(i);

export function toBase64(bytes: Uint8Array): string {
  // Write ASCII bytes, then decode them in one call: far faster than growing a string.
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = ENCODE[n >> 18] as number;
    out[o++] = ENCODE[(n >> 12) & 63] as number;
    out[o++] = ENCODE[(n >> 6) & 63] as number;
    out[o++] = ENCODE[n & 63] as number;
  }
  const rest = bytes.length - full;
  if (rest > 0) {
    const n = ((bytes[full] as number) << 16) | (rest === 2 ? (bytes[full + 1] as number) << 8 : 0);
    out[o++] = ENCODE[n >> 18] as number;
    out[o++] = ENCODE[(n >> 12) & 63] as number;
    out[o++] = rest === 2 ? (ENCODE[(n >> 6) & 63] as number) : 61; // '='
    out[o++] = 61;
  }
  return new TextDecoder().decode(out);
}

export function fromBase64(text: string): Uint8Array {
  let len = text.length;
  while (len > 0 && text.charAt(len - 1) === '=') len--;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  for (let i = 0; i < len; i += 4) {
    const a = DECODE[text.charCodeAt(i)] ?? -1;
    const b = DECODE[text.charCodeAt(i + 1)] ?? -1;
    const c = i + 2 < len ? (DECODE[text.charCodeAt(i + 2)] ?? -1) : 0;
    const d = i + 3 < len ? (DECODE[text.charCodeAt(i + 3)] ?? -1) : 0;
    if (a < 0 || b < 0 || c < 0 || d < 0) throw new Error('Invalid base64 in search index snapshot');
    out[o++] = (a << 2) | (b >> 4);
    if (i + 2 < len) out[o++] = ((b & 15) << 4) | (c >> 2);
    if (i + 3 < len) out[o++] = ((c & 3) << 6) | d;
  }
  return out;
}
