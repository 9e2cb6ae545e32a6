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
    expect(summaryOf({ summary: 'Tóm tắt', excerpt: 'Thân bài' })).toBe('Tóm tắt');
  });

  it('otherwise shortens the excerpt stored with the article to the space given', () => {
    expect(summaryOf({ excerpt: 'Sáng 6/2, tỉnh Sơn La tổ chức lễ hội' }, 20)).toBe('Sáng 6/2, tỉnh Sơn…');
  });
});

describe('leadOf', () => {
  const base = { id: 'x', title: 't', published: 0, authors: [], tags: [] };

  it('drops a summary that only repeats the opening of the body', () => {
    const article = { ...base, summary: 'Để tiếp tục thực hiện   có hiệu quả phong trào.' };
    expect(leadOf(article, 'Để tiếp tục thực hiện có hiệu quả phong trào. Theo đó…')).toBeUndefined();
  });

  it('keeps a summary written apart from the body', () => {
    const article = { ...base, summary: 'Sơn La đẩy mạnh phong trào thi đua.' };
    expect(leadOf(article, 'Để tiếp tục thực hiện có hiệu quả…')).toBe('Sơn La đẩy mạnh phong trào thi đua.');
  });
});
