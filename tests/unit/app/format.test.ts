import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/app/format/bytes';
import { leadOf, summaryOf } from '../../../src/app/format/summary';

describe('formatBytes', () => {
  it('uses a decimal comma and whole numbers from ten up', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1,5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
  });
});

describe('summaryOf', () => {
  it('prefers the feed summary', () => {
    expect(summaryOf({ title: 'Tin', summary: 'Tóm tắt', excerpt: 'Thân bài' })).toBe('Tóm tắt');
  });

  it('otherwise shortens the excerpt stored with the article to the space given', () => {
    expect(summaryOf({ title: 'Tin', excerpt: 'Sáng 6/2, tỉnh Sơn La tổ chức lễ hội' }, 20)).toBe('Sáng 6/2, tỉnh Sơn…');
  });
  it('does not print again the opening an untitled item took as its title', () => {
    const excerpt = 'Bài chỉ có văn bản, không tiêu đề. Đoạn thứ hai nói về mùa mận Mộc Châu.';
    expect(summaryOf({ title: 'Bài chỉ có văn bản, không tiêu đề.', excerpt })).toBe('Đoạn thứ hai nói về mùa mận Mộc Châu.');
    expect(summaryOf({ title: 'Bài chỉ có văn bản, không…', excerpt })).toBe('…tiêu đề. Đoạn thứ hai nói về mùa mận Mộc Châu.');
    // The summary the title was taken from, whole: the body's opening instead.
    expect(summaryOf({ title: 'Mưa to ở Sơn La.', summary: 'Mưa to ở Sơn La.', excerpt: 'Đêm qua, mưa to.' })).toBe('Đêm qua, mưa to.');
  });

  it('keeps a summary that only starts with the words of a title', () => {
    expect(summaryOf({ title: 'Sơn La', summary: 'Sơn La đẩy mạnh phong trào.', excerpt: '' })).toBe('Sơn La đẩy mạnh phong trào.');
  });
});

describe('leadOf', () => {
  const base = { id: 'x', title: 't', published: 0, authors: [], tags: [] };

  it('drops a summary that only repeats the opening of the body', () => {
    const article = { ...base, summary: 'Để tiếp tục thực hiện   có hiệu quả phong trào.' };
    expect(leadOf(article, 'Để tiếp tục thực hiện có hiệu quả phong trào. Theo đó…')).toBeUndefined();
  });

  it('drops a summary the title was taken from', () => {
    const article = { ...base, title: 'Sơn La đẩy mạnh phong trào thi đua.', summary: 'Sơn La đẩy mạnh phong trào thi đua.' };
    expect(leadOf(article, 'Để tiếp tục thực hiện có hiệu quả…')).toBeUndefined();
  });

  it('keeps a summary written apart from the body', () => {
    const article = { ...base, summary: 'Sơn La đẩy mạnh phong trào thi đua.' };
    expect(leadOf(article, 'Để tiếp tục thực hiện có hiệu quả…')).toBe('Sơn La đẩy mạnh phong trào thi đua.');
  });
});
