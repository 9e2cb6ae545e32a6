/**
 * Pictures pasted into an article as data: URIs (portal editors paste
 * screenshots; one weighs megabytes) are never published, only http(s) ones
 * are: their payload is dropped before the page is read. Before, a 20 MB page of
 * three pasted pictures was over the page limit and its article lost to the teaser.
 */
const INLINE_PICTURE = /data:[a-z]+\/[\w.+-]+(?:;[\w.+-]+=[\w.+-]+)*;base64,[A-Za-z0-9+/=\s]*/gi;

/** The page's bytes without the payload of its data: URIs, each left as an empty «data:,». */
export function withoutInlinePictures(body: Buffer): Buffer {
  // Base64 is ASCII: read byte for byte (latin1), the page's own charset is untouched.
  const text = body.toString('latin1');
  INLINE_PICTURE.lastIndex = 0;
  if (!INLINE_PICTURE.test(text)) return body;
  return Buffer.from(text.replace(INLINE_PICTURE, 'data:,'), 'latin1');
}

/** A data: URI's head, up to its payload; the payload is what INLINE_PICTURE takes after it. */
const INLINE_HEAD = /data:[a-z]+\/[\w.+-]+(?:;[\w.+-]+=[\w.+-]+)*;base64,/gi;
const PAYLOAD_END = /[^A-Za-z0-9+/=\s]/g;
/** The end of a chunk held back for the next one, where a data: URI's head may be cut in two. */
const HELD = 256;

/**
 * A counter of a page's bytes as they arrive, as withoutInlinePictures will
 * leave them: a page too large by its text is given up once its text passes
 * the limit. Before, up to ten times the limit (the allowance for pasted
 * pictures) was downloaded first. Each call gives the bytes newly counted.
 */
export function inlinePictureMeter(): (chunk: Buffer) => number {
  let held = '';
  let inPayload = false;
  return (chunk) => {
    const text = held + chunk.toString('latin1');
    let at = 0;
    let counted = 0;
    for (;;) {
      if (inPayload) {
        PAYLOAD_END.lastIndex = at;
        const end = PAYLOAD_END.exec(text);
        if (!end) {
          held = '';
          return counted;
        }
        at = end.index;
        inPayload = false;
      }
      INLINE_HEAD.lastIndex = at;
      const head = INLINE_HEAD.exec(text);
      if (!head) break;
      // What withoutInlinePictures leaves of it: «data:,».
      counted += head.index - at + 'data:,'.length;
      at = head.index + head[0].length;
      inPayload = true;
    }
    const keep = Math.min(HELD, text.length - at);
    held = text.slice(text.length - keep);
    return counted + text.length - at - keep;
  };
}
