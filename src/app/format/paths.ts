/**
 * The URL parser folds a segment «.» or «..» away (percent-encoded too: `%2E`
 * is a dot to it), so `/bai/..` opened the news list. Such a value takes a «~»
 * in front, and so does one already written that way, so every value has its
 * own segment and reads back as itself.
 */
const DOTS = /^~*\.\.?$/;

/** `value` as one path segment. */
export function pathSegment(value: string): string {
  return DOTS.test(value) ? `~${value}` : encodeURIComponent(value);
}

/** The value of a segment the router has decoded. */
export function fromPathSegment(segment: string): string {
  return DOTS.test(segment) && segment.startsWith('~') ? segment.slice(1) : segment;
}

/** Each article's own address, used for links, sharing and deep links. */
export function articlePath(id: string): string {
  return `/bai/${pathSegment(id)}`;
}

export function articleUrl(id: string): string {
  return new URL(articlePath(id), location.origin).href;
}

/**
 * `path` decoded, or undefined where the router could not decode it: a link
 * cut inside a percent-encoded letter (a message app trimming it) would make
 * the router throw. The decoded value is returned, not a flag, so the
 * minifier keeps the call (it takes decodeURIComponent for side-effect free).
 */
export function decodedPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
