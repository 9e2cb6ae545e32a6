/**
 * A feed or page body still compressed after the transfer was undone: gzipped
 * twice (PHP's ob_gzhandler under a server that gzips again) or a pre-compressed
 * file served as application/x-gzip or octet-stream without Content-Encoding.
 * Before, such a source was skipped as «neither XML nor JSON». Only for text:
 * gzip is known by its magic bytes; brotli has none, so it is tried on a body
 * that cannot be text and kept only when it comes out as XML, HTML or JSON.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { FetchError } from './http';

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];
/** Twice gzipped is what servers do; a third layer would be a joke or a trap. */
const MAX_LAYERS = 3;

/** Starts as a feed or page does: a byte-order mark, or `<` or `{` after white space. */
function startsAsText(body: Buffer): boolean {
  if (body[0] === 0xef || body[0] === 0xfe || body[0] === 0xff) return true;
  const first = body.subarray(0, 64).toString('latin1').trimStart()[0];
  return first === undefined || first === '<' || first === '{';
}

function inflate(unpack: typeof gunzipSync, body: Buffer, maxBytes: number, url: string): Buffer | undefined {
  try {
    return unpack(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError) throw new FetchError('too-large', `${url}: body over the limit of ${maxBytes} bytes once uncompressed`);
    return undefined;
  }
}

export function uncompressedText(body: Buffer, maxBytes: number, url: string): Buffer {
  let current = body;
  for (let layer = 0; layer < MAX_LAYERS; layer++) {
    if (GZIP_MAGIC.every((byte, i) => current[i] === byte)) {
      const inner = inflate(gunzipSync, current, maxBytes, url);
      if (!inner) return current;
      current = inner;
    } else if (!startsAsText(current)) {
      const inner = inflate(brotliDecompressSync, current, maxBytes, url);
      return inner && inner.length > 0 && startsAsText(inner) ? inner : current;
    } else {
      return current;
    }
  }
  return current;
}
