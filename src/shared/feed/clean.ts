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

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2})))?$/;

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  // Day 0 of the next month is the last day of this one.
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/**
 * RFC 3339 date-time (a bare full-date is tolerated as UTC midnight) to epoch
 * ms. Impossible fields, and dates more than a day after `now`, are rejected:
 * a far-future date would pin an item to the top of the list forever.
 */
export function parseDate(value: unknown, now: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = RFC3339.exec(value.trim());
  if (m === null) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute] = [Number(m[4] ?? 0), Number(m[5] ?? 0)];
  // A leap second (":60") is folded into the preceding second.
  const second = Math.min(Number(m[6] ?? 0), 59);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || Number(m[6] ?? 0) > 60) return undefined;
  let offset = 0;
  if (m[9] !== undefined) {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 23 || om > 59) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const date = new Date(0);
  // setUTCFullYear avoids Date.UTC's 0–99 → 1900s mapping.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  const time = date.getTime() - offset;
  return time > now + 86_400_000 ? undefined : time;
}
