import { formatDate, formatTime, vietnamDay } from './date';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long ago, the way Vietnamese news apps say it: «Vừa xong», «15 phút
 * trước», «2 giờ trước» (same day), «Hôm qua, 14:30», then the full date.
 */
export function formatPublished(epochMs: number, now: number): string {
  const ago = now - epochMs;
  // A feed dated a little ahead of the phone's clock is still news, not the future.
  if (ago < MINUTE && ago > -5 * MINUTE) return 'Vừa xong';
  if (ago < 0) return formatDate(epochMs);
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} phút trước`;
  // Days counted in Vietnam, whatever zone the phone is set to.
  const days = vietnamDay(now) - vietnamDay(epochMs);
  if (days === 0) return `${Math.floor(ago / HOUR)} giờ trước`;
  if (days === 1) return `Hôm qua, ${formatTime(epochMs)}`;
  return formatDate(epochMs);
}

/**
 * Reading at 200 words a minute, never less than a minute: «3 phút đọc»; from an hour on in hours and minutes,
 * «1 giờ 5 phút đọc», as «1069 phút đọc» (a 2 MB report) means nothing at a glance.
 */
export function formatReadingTime(wordCount: number): string {
  const minutes = Math.max(1, Math.round(wordCount / 200));
  if (minutes < 60) return `${minutes} phút đọc`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} giờ đọc` : `${hours} giờ ${rest} phút đọc`;
}
