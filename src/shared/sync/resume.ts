import type { Validators } from './failure';

/** `Content-Range: bytes first-last/complete`; `complete` is undefined for `*` (length unknown). */
export interface ContentRange {
  first: number;
  last: number;
  complete?: number;
}

export function parseContentRange(header: string | null): ContentRange | undefined {
  const match = /^bytes[ \t]+(\d+)-(\d+)\/(\d+|\*)$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const first = Number(match[1]);
  const last = Number(match[2]);
  const complete = match[3] === '*' ? undefined : Number(match[3]);
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || last < first) return undefined;
  if (complete !== undefined && (!Number.isSafeInteger(complete) || last >= complete)) return undefined;
  return { first, last, complete };
}

/** The version an interrupted body belongs to, named as If-Range names it. */
export interface RangeValidator {
  ifRange: string;
  /** Which header of the answer must carry `ifRange` again for its bytes to be the same version's. */
  header: 'etag' | 'last-modified';
}

/** Where an interrupted body can be picked up. */
export interface ResumePoint extends RangeValidator {
  /** Bytes of the body received so far. */
  received: number;
  /** Its whole length, where the first answer said it. */
  total?: number;
}

const MIN_DATE_GAP_MS = 1_000;

/**
 * The If-Range validator of a body whose rest may be asked for later, or
 * undefined where resuming it would not be sound.
 */
export function rangeValidator(validators: Validators, contentEncoding: string | null, date: string | null): RangeValidator | undefined {
  // fetch() hands over decoded bytes only, and a request with Range goes out with Accept-Encoding: identity
  // (Fetch standard; Chromium does so): a compressed body's offset is unknown and its rest would come unencoded.
  if (!/^(identity)?$/i.test(contentEncoding?.trim() ?? '')) return undefined;
  // A weak ETag may name two versions alike; If-Range may not carry one (RFC 9110 §13.1.5).
  if (validators.etag && !validators.etag.startsWith('W/')) return { ifRange: validators.etag, header: 'etag' };
  // A date is a strong validator only if the file was not changed within the second it was sent (§8.8.2.2).
  const modified = Date.parse(validators.lastModified ?? '');
  const sent = Date.parse(date ?? '');
  if (!validators.etag && validators.lastModified && sent - modified >= MIN_DATE_GAP_MS) {
    return { ifRange: validators.lastModified, header: 'last-modified' };
  }
  return undefined;
}

/** What an answer to `Range: bytes=N-` with If-Range said, as the page may read it. */
export interface RangeAnswer {
  status: number;
  contentRange: string | null;
  contentEncoding: string | null;
  etag: string | null;
  lastModified: string | null;
}

/**
 * - `append`: a 206 for exactly the missing bytes of the same version;
 * - `restart`: any other answer about the range (416, a 206 for other bytes,
 *   another version or encoding): its bytes are not used, the body is asked again whole;
 * - `answer`: not about the range at all (a 200 with the whole body, the host
 *   ignoring Range or the file having changed; an error): taken like any answer.
 */
export function resumeVerdict(point: ResumePoint, answer: RangeAnswer): 'append' | 'restart' | 'answer' {
  if (answer.status === 416) return 'restart';
  if (answer.status !== 206) return 'answer';
  if (!/^(identity)?$/i.test(answer.contentEncoding?.trim() ?? '')) return 'restart';
  const sameVersion = (point.header === 'etag' ? answer.etag : answer.lastModified) === point.ifRange;
  const range = parseContentRange(answer.contentRange);
  if (!sameVersion || !range || range.first !== point.received) return 'restart';
  if (range.complete !== undefined) {
    if (point.total !== undefined && range.complete !== point.total) return 'restart';
    // Asked to the end: a shorter range would leave a hole.
    if (range.last !== range.complete - 1) return 'restart';
  }
  return 'append';
}
