import { describe, expect, it } from 'vitest';
import { speechChunks } from '../../../src/app/format/speech-chunks';

describe('read-aloud chunks', () => {
  it('keeps short sentences whole and groups them up to the limit', () => {
    const text = 'Trời nắng. Bà con ra đồng sớm! Lúa đã chín vàng?';
    expect(speechChunks(text, 200)).toEqual([text]);
    expect(speechChunks(text, 30)).toEqual(['Trời nắng. Bà con ra đồng sớm!', 'Lúa đã chín vàng?']);
  });

  it('never crosses a paragraph without a pause mark and keeps every word', () => {
    const text = 'Tiêu đề bài\nĐoạn thứ nhất. Đoạn này dài hơn một chút.\n\nĐoạn cuối.';
    const chunks = speechChunks(text);
    expect(chunks[0]).toBe('Tiêu đề bài');
    expect(chunks.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
  });

  it('cuts a long sentence at commas, then between words, under the limit', () => {
    const clause = 'các hộ dân ở bản Mường Lạn đã cùng bộ đội biên phòng làm đường';
    const sentence = `${Array.from({ length: 8 }, () => clause).join(', ')}.`;
    const noCommas = Array.from({ length: 60 }, (_, i) => `từ${i}`).join(' ');
    for (const text of [sentence, noCommas]) {
      const chunks = speechChunks(text, 200);
      expect(chunks.length).toBeGreaterThan(1);
      for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(200);
      expect(chunks.join(' ')).toBe(text);
    }
  });

  it('cuts a single overlong word rather than sending it whole', () => {
    const url = `https://example.org/${'a'.repeat(450)}`;
    const chunks = speechChunks(url, 200);
    expect(chunks.map((c) => c.length)).toEqual([200, 200, url.length - 400]);
  });

  it('gives nothing to read for empty text', () => {
    expect(speechChunks('  \n\n ')).toEqual([]);
  });
});
