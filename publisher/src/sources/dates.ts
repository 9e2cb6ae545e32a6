/** Vietnam's offset from UTC: a source's time written without a zone is Vietnam's, wherever the publisher runs. */
const VIETNAM_ZONE = '+0700';
/** «Thứ Hai, 06/02/2023 - 07:00», «06/02/2023 07:00», «6/2/2023»: day first, as Vietnamese sites write it. */
const VIETNAMESE_DATE = /^(?:(?:thứ\s+\S+|chủ\s+nhật)\s*,?\s*)?(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s*[-,|]?\s*(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/iu;
/** An ISO date-time, or an RFC 822 date with its time, that names no zone. */
const ISO_NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const RFC822_NO_ZONE = /^(?:[a-z]{3},?\s+)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?$/i;

/** RFC 822 (RSS), RFC 3339 (Atom, JSON Feed) and Vietnamese day-first dates to epoch ms; undefined when unreadable. */
export function parseSourceDate(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  // Some Vietnamese CMSs write "+0700" zones as "GMT+7"; Date.parse reads neither form reliably.
  const text = raw.trim().replace(/\bGMT([+-])(\d{1,2})$/, (_m, sign: string, h: string) => `${sign}${h.padStart(2, '0')}00`);
  const vietnamese = VIETNAMESE_DATE.exec(text);
  if (vietnamese) return vietnameseDate(vietnamese);
  // Date.parse reads a time without a zone in the server's zone: 7 hours off on a UTC server.
  const zoned = ISO_NO_ZONE.test(text) ? `${text.replace(' ', 'T')}${VIETNAM_ZONE.slice(0, 3)}:${VIETNAM_ZONE.slice(3)}` : RFC822_NO_ZONE.test(text) ? `${text} ${VIETNAM_ZONE}` : text;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : undefined;
}

function vietnameseDate(m: RegExpExecArray): number | undefined {
  const [day, month, year, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour - 7, minute, second);
  // Date.UTC rolls 31/2 over into March: such a date is refused, not moved.
  return new Date(ms + 7 * 3_600_000).getUTCDate() === day ? ms : undefined;
}
