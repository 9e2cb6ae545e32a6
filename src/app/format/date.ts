/** Articles are dated as the paper dates them, in Vietnam's time, wherever the phone is set. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** «Thứ Hai, 6/2/2023», the way Vietnamese papers date an article. */
const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayFormat = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric' });

export function formatDate(epochMs: number): string {
  return dateFormat.format(epochMs);
}

/** «14:05» in Vietnam time. */
export function formatTime(epochMs: number): string {
  return timeFormat.format(epochMs);
}

/** The calendar day in Vietnam, counted from 1970-01-01, so two moments compare by day. */
export function vietnamDay(epochMs: number): number {
  const parts = dayFormat.formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / 86_400_000;
}

/** «14:05 hôm nay», «14:05 hôm qua» or «14:05, Thứ Hai, 6/2/2023» for the status bar. */
export function formatUpdatedAt(epochMs: number, now: number): string {
  const diff = vietnamDay(now) - vietnamDay(epochMs);
  if (diff === 0) return `${formatTime(epochMs)} hôm nay`;
  if (diff === 1) return `${formatTime(epochMs)} hôm qua`;
  return `${formatTime(epochMs)}, ${formatDate(epochMs)}`;
}

/** ISO date for <time datetime>. */
export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
