import { describe, expect, it } from 'vitest';
import { archiveMessage } from '../../../src/app/format/archive-messages';

describe('archiveMessage', () => {
  it('says plainly whether older articles remain, or that it is not yet known', () => {
    expect(archiveMessage('yes')).toBe('Nguồn tin còn bài cũ hơn, chưa tải về máy.');
    expect(archiveMessage('no')).toBe('Đã tải hết các bài nguồn tin còn giữ.');
    expect(archiveMessage('unknown')).toBe('Nguồn tin có thể còn bài cũ hơn.');
  });
});
