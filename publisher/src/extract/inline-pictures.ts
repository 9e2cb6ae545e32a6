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
