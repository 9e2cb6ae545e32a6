/** RFC 822 (RSS) and RFC 3339 (Atom, JSON Feed) dates to epoch ms; undefined when unreadable. */
export function parseSourceDate(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  // Some Vietnamese CMSs write "+0700" zones as "GMT+7"; Date.parse reads neither form reliably.
  const text = raw.trim().replace(/\bGMT([+-])(\d{1,2})$/, (_m, sign: string, h: string) => `${sign}${h.padStart(2, '0')}00`);
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}
