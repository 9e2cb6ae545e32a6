/**
 * Field-level cleaning for untrusted feed values: strings, URLs and dates.
 * Every function accepts `unknown` and returns a safe value or undefined.
 */

// Lone surrogate halves (a high one not followed by a low one, or vice versa).
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
// Bidi embeddings/overrides/isolates can visually reorder a headline; U+FEFF is a stray BOM.
const FORMAT_CHARS = '\\u202a-\\u202e\\u2066-\\u2069\\ufeff';

/** A cleaner with a cheap first test, since almost all real text has nothing to remove. */
function junkRemover(controls: string, keepFormatChars: boolean): (text: string) => string {
  const chars = controls + (keepFormatChars ? '' : FORMAT_CHARS);
  const quick = new RegExp(`[${chars}\\ud800-\\udfff]`);
  const junk = new RegExp(`[${chars}]|${LONE_SURROGATE}`, 'g');
  return (text) => (quick.test(text) ? text.replace(junk, replaceJunk) : text);
}

function replaceJunk(char: string): string {
  // Surrogate halves become U+FFFD so the damage stays visible; controls vanish.
  return char.length === 1 && char >= '\ud800' && char <= '\udfff' ? '\ufffd' : '';
}

/** Single-line fields: all C0/C1 controls. */
const stripLineJunk = junkRemover('\\u0000-\\u001f\\u007f-\\u009f', false);
/** Multi-line text keeps tab and line feed. */
const stripTextJunk = junkRemover('\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f', false);
/** HTML keeps its whitespace (CR included) and bidi characters, which HTML text may legitimately use. */
const stripHtmlJunk = junkRemover('\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f', true);

// Every whitespace run except a lone space, which needs no replacing (cheaper than /\s+/).
const WHITESPACE_RUN = /(?: ?[^\S ]| {2})\s*/g;

/** Cuts to `max` UTF-16 units without leaving half of a surrogate pair. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** Single-line text (titles, names, tags): whitespace collapsed, NFC. */
export function cleanLine(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  // Cap before the regex work so a 1 MB title costs no more than a short one.
  // Whitespace first becomes spaces (so "a\nb" keeps its gap), then junk goes.
  const text = stripLineJunk(cap(value, max * 2).replace(WHITESPACE_RUN, ' '))
    .normalize('NFC')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
  return cap(text, max).trim();
}

/** Multi-line plain text: keeps \n and \t, CRLF becomes \n, NFC. */
export function cleanText(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  const text = stripTextJunk(cap(value, max * 2).replace(/\r\n?/g, '\n'))
    .normalize('NFC')
    .trim();
  return cap(text, max).trim();
}

/** Untrusted HTML, still to be sanitised at render; only stripped of controls. */
export function cleanHtml(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  return stripHtmlJunk(cap(value, max)).trim();
}

const MAX_URL_LENGTH = 4096;

/** Parses `base` once per feed; undefined when it is not an absolute URL. */
export function parseBase(feedUrl: string): URL | undefined {
  try {
    return new URL(feedUrl);
  } catch {
    return undefined;
  }
}

/** Resolves against the feed URL and keeps only http(s); everything else (javascript:, data:…) is dropped. */
export function safeUrl(value: unknown, base: URL | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const raw = value.trim();
  if (raw === '' || raw.length > MAX_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/** RFC 3339, also with an offset written without its colon (PHP's ISO 8601: «+0700»), without seconds, or without a zone. */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*([Zz]|[+-]\d{2}:?\d{2})?)?$/;
/** RFC 822 / 2822, RSS's dates, which feeds converted from RSS keep: «Mon, 06 Feb 2023 07:00:00 +0700», «6 Feb 2023 07:00 GMT+7». */
const RFC822_DATE =
  /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:(gmt|utc|ut|z|[ecmp][sd]t)?\s*([+-]\d{1,2}(?::?\d{2})?)?)$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONE_HOURS: Record<string, number> = { est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7 };
/** A time written without a zone is taken as Vietnam's, where these papers are written and read. */
const VIETNAM_OFFSET_MINUTES = 7 * 60;

interface DateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC; undefined when the text names an offset that cannot be. */
  offset: number | undefined;
}

/** «+0700», «+07:00», «-5», «+7» in minutes. */
function offsetMinutes(text: string): number | undefined {
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (m === null) return undefined;
  const [hours, minutes] = [Number(m[2]), Number(m[3] ?? 0)];
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function isoFields(text: string): DateFields | undefined {
  const m = ISO_DATE.exec(text);
  if (m === null) return undefined;
  const zone = m[8];
  // A bare full-date is UTC midnight (which is still that day in Vietnam); a bare time is Vietnam's.
  const offset = zone === undefined ? (m[4] === undefined ? 0 : VIETNAM_OFFSET_MINUTES) : /z/i.test(zone) ? 0 : offsetMinutes(zone);
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    ms: m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000),
    offset,
  };
}

function rfc822Fields(text: string): DateFields | undefined {
  const m = RFC822_DATE.exec(text);
  if (m === null) return undefined;
  const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
  if (month === 0) return undefined;
  const shortYear = Number(m[3]);
  const year = m[3]!.length === 2 ? (shortYear < 50 ? 2000 : 1900) + shortYear : shortYear;
  const named = m[7]?.toLowerCase();
  const base = named === undefined ? (m[8] === undefined ? VIETNAM_OFFSET_MINUTES : 0) : (ZONE_HOURS[named] ?? 0) * 60;
  const extra = m[8] === undefined ? 0 : offsetMinutes(m[8]);
  return {
    year,
    month,
    day: Number(m[1]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
    ms: 0,
    offset: extra === undefined ? undefined : base + extra,
  };
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  // Day 0 of the next month is the last day of this one.
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/**
 * What servers write for «no date» (Go's and .NET's zero time, year 1; SQL
 * Server's 1900-01-01; the Unix epoch itself) is no date: read as dates, they
 * sank the article to the end of the list and the list said it held articles
 * «từ Thứ Hai, 1/1/1».
 */
const PLACEHOLDER_BEFORE = Date.UTC(1900, 0, 2);

/**
 * A feed's date to epoch ms: RFC 3339 as JSON Feed asks (a bare full-date is
 * tolerated as UTC midnight), and what generators write instead: an offset
 * without its colon, no seconds, no zone (Vietnam time), RSS's RFC 822.
 * Impossible fields, «no date» placeholders, and dates more than a day after `now`, are rejected:
 * a far-future date would pin an item to the top of the list forever.
 */
export function parseDate(value: unknown, now: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const f = isoFields(text) ?? rfc822Fields(text);
  if (f === undefined || f.offset === undefined) return undefined;
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > daysInMonth(f.year, f.month)) return undefined;
  if (f.hour > 23 || f.minute > 59 || f.second > 60) return undefined;
  const date = new Date(0);
  // setUTCFullYear avoids Date.UTC's 0–99 → 1900s mapping.
  date.setUTCFullYear(f.year, f.month - 1, f.day);
  // A leap second (":60") is folded into the preceding second.
  date.setUTCHours(f.hour, f.minute, Math.min(f.second, 59), f.ms);
  const time = date.getTime() - f.offset * 60_000;
  if (time === 0 || time < PLACEHOLDER_BEFORE) return undefined;
  return time > now + 86_400_000 ? undefined : time;
}
