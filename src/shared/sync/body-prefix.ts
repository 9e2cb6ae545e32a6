/**
 * How much of a body identifies it as the oversized one refused before: a
 * repeat of that feed is recognised after this many bytes instead of being
 * read to the limit again.
 */
export const PREFIX_BYTES = 64 * 1024;

/** The first `size` bytes of a body, kept as it is read, and their SHA-256. */
export class BodyPrefix {
  private readonly bytes: Uint8Array<ArrayBuffer>;
  private length = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }

  /** Keeps what of `chunk` still fits; true once the prefix is complete. */
  add(chunk: Uint8Array): boolean {
    const room = this.bytes.length - this.length;
    if (room > 0) {
      this.bytes.set(chunk.subarray(0, room), this.length);
      this.length += Math.min(room, chunk.byteLength);
    }
    return this.complete;
  }

  get complete(): boolean {
    return this.length === this.bytes.length;
  }

  /** Hex SHA-256 of the bytes kept so far. */
  async digest(): Promise<string> {
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', this.bytes.subarray(0, this.length)));
    return Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
}
