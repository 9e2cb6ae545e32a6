import { describe, expect, it } from 'vitest';
import { syllableKeys, tokenize } from '../../../src/shared/search/tokenize';

const texts = (s: string): string[] => tokenize(s).map((t) => t.text);

describe('tokenize', () => {
  it.each([
    ['Chỉ thị 11-CT/TU của Tỉnh ủy', ['Chỉ', 'thị', '11-CT/TU', 'của', 'Tỉnh', 'ủy']],
    ['TP.HCM mưa lớn', ['TP.HCM', 'mưa', 'lớn']],
    ['Dịch COVID-19 bùng phát', ['Dịch', 'COVID-19', 'bùng', 'phát']],
    ['giá 3,5 tỷ, tăng 1.000.000 đồng', ['giá', '3,5', 'tỷ', 'tăng', '1.000.000', 'đồng']],
    ['Hà Nội-Hải Phòng', ['Hà', 'Nội', 'Hải', 'Phòng']],
    ['Ông nói: "Tốt, rất tốt."', ['Ông', 'nói', 'Tốt', 'rất', 'tốt']],
    ['U23 Việt Nam', ['U23', 'Việt', 'Nam']],
    ['ngày 18/5/2017', ['ngày', '18/5/2017']],
    ['  ', []],
  ])('splits %j', (input, expected) => {
    expect(texts(input)).toEqual(expected);
  });

  it('keeps decomposed accents inside the syllable', () => {
    const nfd = 'Tiếng Việt'.normalize('NFD');
    expect(tokenize(nfd).map((t) => t.key)).toEqual(['tieng', 'viet']);
    expect(tokenize(nfd)[1]?.text).toBe('Việt'.normalize('NFD'));
  });

  it('reports offsets into the original text', () => {
    const text = '«Đà Nẵng» đẹp';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('gives folded syllables for indexing, splitting codes', () => {
    expect(syllableKeys('Số 11-CT/TU, ĐƯỜNG Láng')).toEqual(['so', '11', 'ct', 'tu', 'duong', 'lang']);
  });
});
