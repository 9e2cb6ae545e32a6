import { describe, expect, it } from 'vitest';
import { formatPublished, formatReadingTime } from '../../../src/app/format/relative-time';

// 15:00 in Vietnam on Wednesday 25/11/2026.
const NOW = Date.parse('2026-11-25T15:00:00+07:00');
const at = (iso: string) => Date.parse(iso);

describe('when an article was published', () => {
  it('speaks of the last minutes and hours', () => {
    expect(formatPublished(NOW - 20_000, NOW)).toBe('Vừa xong');
    expect(formatPublished(NOW - 15 * 60_000, NOW)).toBe('15 phút trước');
    expect(formatPublished(NOW - 2 * 3_600_000 - 5 * 60_000, NOW)).toBe('2 giờ trước');
    expect(formatPublished(at('2026-11-25T00:30:00+07:00'), NOW)).toBe('14 giờ trước');
  });

  it('says «Hôm qua» with the time for the day before, in Vietnam time', () => {
    expect(formatPublished(at('2026-11-24T14:30:00+07:00'), NOW)).toBe('Hôm qua, 14:30');
    // 23:50 UTC on the 23rd is already the 24th in Vietnam.
    expect(formatPublished(at('2026-11-23T23:50:00Z'), NOW)).toBe('Hôm qua, 06:50');
  });

  it('gives the full date beyond yesterday', () => {
    expect(formatPublished(at('2026-11-23T14:30:00+07:00'), NOW)).toBe('Thứ Hai, 23/11/2026');
    expect(formatPublished(at('2023-02-06T08:00:00+07:00'), NOW)).toBe('Thứ Hai, 6/2/2023');
  });

  it('reads a slightly fast feed clock as just now, and a far-future date as a date', () => {
    expect(formatPublished(NOW + 2 * 60_000, NOW)).toBe('Vừa xong');
    expect(formatPublished(at('2030-01-01T08:00:00+07:00'), NOW)).toBe('Thứ Ba, 1/1/2030');
  });
});

describe('reading time', () => {
  it('counts 200 words a minute, at least one', () => {
    expect(formatReadingTime(30)).toBe('1 phút đọc');
    expect(formatReadingTime(600)).toBe('3 phút đọc');
    expect(formatReadingTime(650)).toBe('3 phút đọc');
    expect(formatReadingTime(59 * 200)).toBe('59 phút đọc');
  });

  // A 2 MB report said «1069 phút đọc».
  it('says hours and minutes from an hour on', () => {
    expect(formatReadingTime(60 * 200)).toBe('1 giờ đọc');
    expect(formatReadingTime(65 * 200)).toBe('1 giờ 5 phút đọc');
    expect(formatReadingTime(1069 * 200)).toBe('17 giờ 49 phút đọc');
  });
});
