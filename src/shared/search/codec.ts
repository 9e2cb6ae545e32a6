/**
 * Byte codecs for the index snapshot: LEB128 varints (postings are mostly
 * small deltas, so 1–2 bytes each), raw byte runs and 64-bit floats.
 */

export class ByteWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }

  uint(value: number): void {
    this.reserve(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  float64(value: number): void {
    this.reserve(8);
    new DataView(this.bytes.buffer).setFloat64(this.length, value, true);
    this.length += 8;
  }

  /** Bytes copied as they are. */
  bytesFrom(data: Uint8Array, from: number, to: number): void {
    this.reserve(to - from);
    this.bytes.set(data.subarray(from, to), this.length);
    this.length += to - from;
  }

  /** A byte run, prefixed with its length. */
  run(data: Uint8Array): void {
    this.uint(data.length);
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export class ByteReader {
  offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

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

  float64(): number {
    if (this.offset + 8 > this.bytes.length) throw new Error('Truncated search index snapshot');
    const value = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return value;
  }

  run(): Uint8Array {
    const n = this.uint();
    if (this.offset + n > this.bytes.length) throw new Error('Truncated search index snapshot');
    const data = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return data;
  }
}
