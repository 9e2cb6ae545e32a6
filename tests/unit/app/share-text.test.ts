import { describe, expect, it } from 'vitest';
import { firstSentences, shareMessage } from '../../../src/app/format/share-text';

describe('the text a friend receives', () => {
  it('keeps whole sentences that fit', () => {
    const text = 'Bà con bản Nà Sản đã có cầu mới. Cầu dài 40 mét, rộng 2 mét! Xe máy qua được cả mùa mưa. Câu thứ tư rất dài.';
    expect(firstSentences(text, 70)).toBe('Bà con bản Nà Sản đã có cầu mới. Cầu dài 40 mét, rộng 2 mét!');
  });

  it('cuts an overlong first sentence on a word, with an ellipsis', () => {
    const long = 'Nhiều khu vực của tỉnh đang ở cấp dự báo cháy rừng IV và V trong những ngày cao điểm nắng nóng kéo dài';
    const cut = firstSentences(long, 50);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('carries the title, the opening and the link, each on its own paragraph', () => {
    expect(shareMessage(' Cầu mới qua suối ', 'Bà con đã có cầu mới. Ai cũng vui.', 'https://bao.example.vn/cau')).toBe(
      'Cầu mới qua suối\n\nBà con đã có cầu mới. Ai cũng vui.\n\nhttps://bao.example.vn/cau',
    );
  });

  it('keeps closing quotes with their sentence', () => {
    expect(firstSentences('Ông nói: “Xã đã giao cho từng bản.” Sau đó thì sao?', 40)).toBe('Ông nói: “Xã đã giao cho từng bản.”');
  });
});
