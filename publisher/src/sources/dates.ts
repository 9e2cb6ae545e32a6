/** Vietnam's offset from UTC: a source's time written without a zone is Vietnam's, wherever the publisher runs. */
const VIETNAM_OFFSET_MIN = 7 * 60;
/** «GMT+7», «(GMT+07:00)», «UTC+7» and Indochina Time «ICT», as Vietnamese CMSs write zones; Date.parse reads none of them. */
const NAMED_ZONE = /\(?\s*\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\s*\)?|\bICT\b/i;
/** A numeric date, day first as Vietnamese sites write it («06/02/2023», «6-2-2023», «06.02.2023», «06/02/23»), or year first with / or . */
const DAY_FIRST = /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b/;
const YEAR_FIRST = /\b(\d{4})([/.])(\d{1,2})\2(\d{1,2})\b/;
/** «07:00», «7h00», «7:00:05 AM»; SA/CH are vi-VN .NET's AM/PM (sáng, chiều). */
const TIME = /\b(\d{1,2})\s*[:h]\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s*(AM|PM|SA|CH)\b)?/i;
const OFFSET = /(?:^|\s)([+-])(\d{2}):?(\d{2})\s*$/;
/** What may surround a numeric date: weekdays in Vietnamese or English, «ngày», «lúc» and separators. */
const FILLER = /thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|\b(?:cn|t[2-7]|ngày|lúc|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\b|[\s,|()–-]/giu;
/** Days of the week as written, Sunday first as getUTCDay counts them. */
const WEEKDAYS = [
  /chủ\s+nhật|\b(?:cn|sun)/iu,
  /thứ\s+(?:hai|2)|\b(?:t2|mon)/iu,
  /thứ\s+(?:ba|3)|\b(?:t3|tue)/iu,
  /thứ\s+(?:tư|4)|\b(?:t4|wed)/iu,
  /thứ\s+(?:năm|5)|\b(?:t5|thu)/iu,
  /thứ\s+(?:sáu|6)|\b(?:t6|fri)/iu,
  /thứ\s+(?:bảy|7)|\b(?:t7|sat)/iu,
];
/** A zone in capitals («EST», «CET»): a format for Date.parse, not words to pass over («CẬP NHẬT» is words). */
const LETTER_ZONE = /(?<!\p{L})[A-Z]{2,5}(?!\p{L})/u;
/** An ISO date-time that names no zone. */
const ISO_NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
/** A date with an English month name and a time («30 Nov 2026 08:00», .NET's «Nov 30, 2026 8:00:00 AM»)… */
const MONTH_NAME_AND_TIME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b.*\d{1,2}:\d{2}/i;
/** …and whether it names a zone, as RFC 822 does or as an offset. */
const ZONE = /\b(?:GMT|UTC?|Z|[ECMP][SD]T)\b|[+-]\d{2}:?\d{2}\b/;
/** «ngày 30 tháng 11 năm 2026», «30 Tháng 11, 2026»: the month in words, made «30/11/2026». */
const MONTH_IN_WORDS = /\b(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,|năm)?\s*(\d{4})\b/iu;
/** «8 giờ 15 phút», «8 giờ», the time in words, made «8:15». */
const TIME_IN_WORDS = /\b(\d{1,2})\s*giờ(?:\s*(\d{1,2})\s*phút)?(?!\p{L})/iu;
/** ASP.NET's en-US general format, «2/6/2023 8:15:00 AM»: no leading zeros, seconds, AM/PM. */
const DOTNET_EN_US = /(?<!\d)[1-9]\d?\/[1-9]\d?\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M\b/i;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * RFC 822 (RSS), RFC 3339 (Atom, JSON Feed) and the numeric dates Vietnamese
 * CMSs write, to epoch ms; undefined when unreadable. A numeric date never
 * goes to Date.parse, which reads it month first and in the server's zone.
 */
export function parseSourceDate(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  let text = raw
    .trim()
    .replace(/\s+/g, ' ')
    .replace(MONTH_IN_WORDS, '$1/$2/$3')
    .replace(TIME_IN_WORDS, (_, hour: string, minute = '0') => `${hour}:${pad(Number(minute))}`);
  const zone = NAMED_ZONE.exec(text);
  if (zone) {
    const [, sign = '+', hours = '7', minutes = '00'] = zone;
    text = `${text.slice(0, zone.index)} ${sign}${pad(Number(hours))}${minutes}${text.slice(zone.index + zone[0].length)}`.trim();
  }
  const numeric = numericDate(text);
  if (numeric !== 'not-numeric') return numeric;
  // Date.parse reads a time without a zone in the server's zone: 7 hours off on a UTC server.
  const zoned = ISO_NO_ZONE.test(text) ? `${text.replace(' ', 'T')}+07:00` : MONTH_NAME_AND_TIME.test(text) && !ZONE.test(text) ? `${text} +0700` : text;
  const ms = Number.isFinite(Date.parse(zoned)) ? Date.parse(zoned) : Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

function numericDate(text: string): number | undefined | 'not-numeric' {
  if (/^\d{4}-\d{2}-\d{2}(?:T|$)/.test(text)) return 'not-numeric';
  let rest = text;
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest);
    if (m) rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return m;
  };
  const ymd = take(YEAR_FIRST);
  const dmy = ymd ? null : take(DAY_FIRST);
  if (!ymd && !dmy) return 'not-numeric';
  const time = take(TIME);
  const offset = take(OFFSET);
  // Words of the site's own («Cập nhật:», «Đăng lúc») are passed over: Date.parse read such a date month first,
  // in the server's zone. Other numbers or a zone in letters are a format this reader does not know: Date.parse may.
  const left = rest.replace(FILLER, ' ');
  if (/\d/.test(left) || LETTER_ZONE.test(left)) return 'not-numeric';
  const meridiem = time?.[4]?.toUpperCase();
  let year: number, month: number, day: number;
  if (ymd) {
    [year, month, day] = [Number(ymd[1]), Number(ymd[3]), Number(ymd[4])];
  } else {
    const [first, second] = [Number(dmy![1]), Number(dmy![3])];
    year = Number(dmy![4]) + (dmy![4]!.length === 2 ? 2000 : 0);
    // en-US .NET writes «3/13/2025 8:00:00 PM», month first; otherwise the day comes first unless it cannot.
    // AM/PM alone does not make a date en-US: Vietnamese CMSs write «06/02/2023 - 08:15 AM», 6 February.
    let monthFirst = first <= 12 && (second > 12 || DOTNET_EN_US.test(text));
    // A weekday decides where both orders make a date: «Thứ hai, 06/02/2023 08:15 AM» is 6 February, a Monday.
    const weekday = WEEKDAYS.findIndex((names) => names.test(text));
    const weekdayOf = (d: number, m: number) => new Date(Date.UTC(year, m - 1, d)).getUTCDay();
    if (weekday >= 0 && first <= 12 && second <= 12 && weekdayOf(first, second) !== weekdayOf(second, first)) monthFirst = weekdayOf(second, first) === weekday;
    [day, month] = monthFirst ? [second, first] : [first, second];
  }
  let hour = Number(time?.[1] ?? 0);
  const minute = Number(time?.[2] ?? 0);
  const second = Number(time?.[3] ?? 0);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'PM' || meridiem === 'CH' ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetMin = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : VIETNAM_OFFSET_MIN;
  const ms = Date.UTC(year, month - 1, day, hour, minute - offsetMin, second);
  // Date.UTC rolls 31/2 over into March: such a date is refused, not moved.
  return new Date(ms + offsetMin * 60_000).getUTCDate() === day ? ms : undefined;
}
