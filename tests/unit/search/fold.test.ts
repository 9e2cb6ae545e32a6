import { describe, expect, it } from 'vitest';
import { foldKey, hasDiacritics, tonedKey } from '../../../src/shared/search/fold';

const nfd = (s: string): string => s.normalize('NFD');

describe('foldKey', () => {
  it.each([
    ['Dân vận khéo', 'dan van kheo'],
    ['ĐƯỜNG ĐI', 'duong di'],
    ['đ Đ', 'd d'],
    ['ÐÀ NẴNG', 'da nang'],
    [nfd('Nguyễn Thị Thuỷ'), 'nguyen thi thuy'],
    ['Hòa hoà HOÀ', 'hoa hoa hoa'],
    ['Thúy thuý', 'thuy thuy'],
    ['khỏe khoẻ', 'khoe khoe'],
    ['ươ ƯƠ ă Ă â ê ô ơ ư', 'uo uo a a a e o o u'],
    ['Quảng Ngãi', 'quang ngai'],
    ['11-CT/TU', '11-ct/tu'],
    ['Tiếng Việt', 'tieng viet'],
    ['', ''],
  ])('folds %j to %j', (input, expected) => {
    expect(foldKey(input)).toBe(expected);
  });

  it('treats composed and decomposed input alike', () => {
    const composed = 'Người Việt ở Đà Nẵng';
    expect(foldKey(nfd(composed))).toBe(foldKey(composed.normalize('NFC')));
  });

  it('detects typed diacritics, including đ', () => {
    expect(hasDiacritics('dan van kheo')).toBe(false);
    expect(hasDiacritics('dan vận')).toBe(true);
    expect(hasDiacritics(nfd('vận'))).toBe(true);
    expect(hasDiacritics('đi')).toBe(true);
  });
});

describe('tonedKey', () => {
  it.each([
    ['hòa', 'hoà'],
    ['hoà', 'hoà'],
    ['HÒA', 'hoà'],
    ['thúy', 'thuý'],
    ['thuý', 'thuý'],
    ['khỏe', 'khoẻ'],
    ['khoẻ', 'khoẻ'],
    ['Thủy', 'thuỷ'],
    ['lòe', 'loè'],
    ['hoàn', 'hoàn'],
    ['toán', 'toán'],
    ['quý', 'quý'],
    ['quốc', 'quốc'],
    ['giữ', 'giữ'],
    ['gìn', 'gìn'],
    ['ngoài', 'ngoài'],
    ['khuỷu', 'khuỷu'],
    ['người', 'người'],
    ['mùa', 'mùa'],
    ['tuyết', 'tuyết'],
    ['café', 'café'],
    ['Ðường', 'đường'],
  ])('keys %j as %j', (input, expected) => {
    expect(tonedKey(input)).toBe(expected);
    expect(tonedKey(nfd(input))).toBe(expected);
  });

  it('keeps diacritics apart (má is not mà)', () => {
    expect(tonedKey('má')).not.toBe(tonedKey('mà'));
    expect(tonedKey('đa')).not.toBe(tonedKey('da'));
    expect(tonedKey('ở')).not.toBe(tonedKey('ô'));
  });

  it('makes old and new tone placement equal in any Unicode form', () => {
    expect(tonedKey(nfd('hòa'))).toBe(tonedKey('hoà'.normalize('NFC')));
    expect(tonedKey('THÚY')).toBe(tonedKey(nfd('thuý')));
  });
});
