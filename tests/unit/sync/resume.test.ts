import { describe, expect, it } from 'vitest';
import { parseContentRange, rangeValidator, resumeVerdict, type RangeAnswer, type ResumePoint } from '../../../src/shared/sync/resume';

describe('parseContentRange', () => {
  it('reads the range and the whole length, or a length left unknown', () => {
    expect(parseContentRange('bytes 100-999/1000')).toEqual({ first: 100, last: 999, complete: 1000 });
    expect(parseContentRange(' BYTES 0-0/1 ')).toEqual({ first: 0, last: 0, complete: 1 });
    expect(parseContentRange('bytes 100-999/*')).toEqual({ first: 100, last: 999, complete: undefined });
  });

  it('refuses what names no usable range', () => {
    for (const header of [null, '', 'bytes */1000', 'bytes 5-4/10', 'bytes 0-10/10', 'items 0-9/10', 'bytes=0-9/10', 'bytes 0-9/10, 20-29/30', 'bytes -1-9/10', 'bytes 0-99999999999999999999/*']) {
      expect(parseContentRange(header), String(header)).toBeUndefined();
    }
  });
});

describe('rangeValidator', () => {
  const date = 'Wed, 02 Dec 2026 08:00:00 GMT';

  it('names the version by its strong ETag', () => {
    expect(rangeValidator({ etag: '"v1"', lastModified: date }, null, date)).toEqual({ ifRange: '"v1"', header: 'etag' });
    expect(rangeValidator({ etag: '"v1"' }, 'identity', null)).toEqual({ ifRange: '"v1"', header: 'etag' });
  });

  it('resumes no compressed body: fetch() gives its decoded bytes and asks for a range unencoded', () => {
    expect(rangeValidator({ etag: '"v1"' }, 'gzip', date)).toBeUndefined();
    expect(rangeValidator({ etag: '"v1"' }, 'br', date)).toBeUndefined();
  });

  it('does not use a weak ETag, nor one alongside which a date would have to stand in', () => {
    expect(rangeValidator({ etag: 'W/"v1"' }, null, date)).toBeUndefined();
    expect(rangeValidator({ etag: 'W/"v1"', lastModified: 'Wed, 02 Dec 2026 07:00:00 GMT' }, null, date)).toBeUndefined();
  });

  it('uses Last-Modified only when the file was older than the answer by a second or more', () => {
    expect(rangeValidator({ lastModified: 'Wed, 02 Dec 2026 07:59:59 GMT' }, null, date)).toEqual({
      ifRange: 'Wed, 02 Dec 2026 07:59:59 GMT',
      header: 'last-modified',
    });
    expect(rangeValidator({ lastModified: date }, null, date)).toBeUndefined();
    expect(rangeValidator({ lastModified: 'Wed, 02 Dec 2026 07:00:00 GMT' }, null, null)).toBeUndefined();
    expect(rangeValidator({}, null, date)).toBeUndefined();
  });
});

describe('resumeVerdict', () => {
  const point: ResumePoint = { ifRange: '"v1"', header: 'etag', received: 400, total: 1000 };
  const partial = (extra: Partial<RangeAnswer> = {}): RangeAnswer => ({
    status: 206,
    contentRange: 'bytes 400-999/1000',
    contentEncoding: null,
    etag: '"v1"',
    lastModified: null,
    ...extra,
  });

  it('appends exactly the missing bytes of the same version', () => {
    expect(resumeVerdict(point, partial())).toBe('append');
    expect(resumeVerdict(point, partial({ contentRange: 'bytes 400-999/*' }))).toBe('append');
    expect(resumeVerdict({ ...point, total: undefined }, partial())).toBe('append');
    const dated: ResumePoint = { ifRange: 'Wed, 02 Dec 2026 07:00:00 GMT', header: 'last-modified', received: 400 };
    expect(resumeVerdict(dated, partial({ etag: null, lastModified: 'Wed, 02 Dec 2026 07:00:00 GMT' }))).toBe('append');
  });

  it('starts over on bytes of another version, even from a host that ignored If-Range', () => {
    expect(resumeVerdict(point, partial({ etag: '"v2"' }))).toBe('restart');
    expect(resumeVerdict(point, partial({ etag: null }))).toBe('restart');
    expect(resumeVerdict(point, partial({ contentRange: 'bytes 400-1199/1200' }))).toBe('restart');
  });

  it('starts over on another range, a range it cannot read, another encoding, or 416', () => {
    expect(resumeVerdict(point, partial({ contentRange: 'bytes 0-999/1000' }))).toBe('restart');
    expect(resumeVerdict(point, partial({ contentRange: 'bytes 400-799/1000' }))).toBe('restart');
    expect(resumeVerdict(point, partial({ contentRange: null }))).toBe('restart');
    expect(resumeVerdict(point, partial({ contentEncoding: 'gzip' }))).toBe('restart');
    expect(resumeVerdict(point, { ...partial(), status: 416, contentRange: 'bytes */1000' })).toBe('restart');
  });

  it('takes a whole body (the host ignored Range, or the file changed) or an error like any answer', () => {
    expect(resumeVerdict(point, { ...partial(), status: 200, contentRange: null })).toBe('answer');
    expect(resumeVerdict(point, { ...partial(), status: 503, contentRange: null })).toBe('answer');
  });
});
