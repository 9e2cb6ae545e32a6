/** Pre-compressed copies for static servers (nginx gzip_static / brotli_static, Caddy precompressed). */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Same input, same bytes: gzip's header carries no time, so archive pages stay byte-identical. */
export function gzip(data: Buffer): Buffer {
  return gzipSync(data, { level: 9 });
}

export function brotli(data: Buffer): Buffer {
  return brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
}
