import { describe, expect, it } from 'vitest';
import { formatDate, formatTime, formatUpdatedAt } from '../../../src/app/format/date';

describe('Vietnamese dates', () => {
  it('writes the seed article date as the paper does', () => {
    expect(formatDate(Date.parse('2023-02-06T08:00:00+07:00'))).toBe('Thứ Hai, 6/2/2023');
  });

  it('uses Vietnam time whatever the UTC date is', () => {
    // 18:30 UTC on Saturday is already Sunday 01:30 in Hà Nội.
    expect(formatDate(Date.parse('2023-04-29T18:30:00Z'))).toBe('Chủ Nhật, 30/4/2023');
    expect(formatTime(Date.parse('2023-04-29T18:30:00Z'))).toBe('01:30');
  });

  it('names every weekday', () => {
    const monday = Date.parse('2023-02-06T12:00:00+07:00');
    const names = Array.from({ length: 7 }, (_, i) => formatDate(monday + i * 86_400_000).split(',')[0]);
    expect(names).toEqual(['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật']);
  });

  it('says today and yesterday in the status bar', () => {
    const now = Date.parse('2023-02-06T20:00:00+07:00');
    expect(formatUpdatedAt(Date.parse('2023-02-06T14:05:00+07:00'), now)).toBe('14:05 hôm nay');
    expect(formatUpdatedAt(Date.parse('2023-02-05T23:59:00+07:00'), now)).toBe('23:59 hôm qua');
    expect(formatUpdatedAt(Date.parse('2023-02-01T07:00:00+07:00'), now)).toBe('07:00, Thứ Tư, 1/2/2023');
  });

  it('turns the day at midnight in Vietnam, not at midnight UTC', () => {
    // Both moments are on 6 February in UTC, but 00:30 on the 7th has begun in Hà Nội.
    const now = Date.parse('2023-02-06T17:30:00Z');
    expect(formatUpdatedAt(Date.parse('2023-02-06T16:00:00Z'), now)).toBe('23:00 hôm qua');
    expect(formatUpdatedAt(Date.parse('2023-02-06T17:10:00Z'), now)).toBe('00:10 hôm nay');
  });
});
