/** Vietnam keeps UTC+7 all year, so dates read the same wherever the phone is set. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const WEEKDAYS = ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

function inVietnam(epochMs: number): Date {
  return new Date(epochMs + VIETNAM_OFFSET_MS);
}

/** «Thứ Hai, 6/2/2023», the way Vietnamese papers date an article. */
export function formatDate(epochMs: number): string {
  const d = inVietnam(epochMs);
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
}

/** «14:05» in Vietnam time. */
export function formatTime(epochMs: number): string {
  const d = inVietnam(epochMs);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** «14:05 hôm nay», «14:05 hôm qua» or «14:05, Thứ Hai, 6/2/2023» for the status bar. */
export function formatUpdatedAt(epochMs: number, now: number): string {
  const day = (ms: number) => Math.floor((ms + VIETNAM_OFFSET_MS) / 86_400_000);
  const diff = day(now) - day(epochMs);
  if (diff === 0) return `${formatTime(epochMs)} hôm nay`;
  if (diff === 1) return `${formatTime(epochMs)} hôm qua`;
  return `${formatTime(epochMs)}, ${formatDate(epochMs)}`;
}

/** ISO date for <time datetime>. */
export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
