import { describe, expect, it } from 'vitest';
import { isFoldedSyllable, isVietnameseSyllable } from '../../../src/shared/search/syllable';
import { decodeInputMethod, telexToVietnamese, vniToVietnamese } from '../../../src/shared/search/telex';

describe('Telex', () => {
  it.each([
    ['daan', 'dân'],
    ['vaanj', 'vận'],
    ['kheos', 'khéo'],
    ['ddoongf', 'đồng'],
    ['ddi', 'đi'],
    ['luwowng', 'lương'],
    ['dduowcj', 'được'],
    ['truongw', 'trương'],
    ['dduwongf', 'đường'],
    ['thuowr', 'thuở'],
    ['nhw', 'như'],
    ['muaw', 'mưa'],
    ['nghieepj', 'nghiệp'],
    ['hoas', 'hoá'],
    ['thuyr', 'thuỷ'],
    ['ngooif', 'ngồi'],
    ['gias', 'giá'],
    ['quoocs', 'quốc'],
    ['ddawngs', 'đắng'],
    
    ['DDAF', 'đà'],
  ])('%s → %s', (typed, expected) => {
    expect(telexToVietnamese(typed)).toBe(expected);
  });

  it.each(['bacf', 'xyz', 'hoaz', 'hoasf', 'aws', 'dd', 'viet2'])('refuses %s', (typed) => {
    expect(telexToVietnamese(typed)).toBeNull();
  });
});

describe('VNI', () => {
  it.each([
    ['da6n', 'dân'],
    ['va65n', 'vận'],
    ['va6n5', 'vận'],
    ['d9i', 'đi'],
    ['d9an2', 'đàn'],
    ['tu7o7ng', 'tương'],
    ['u7o7c1', 'ước'],
    ['nghie6p5', 'nghiệp'],
    ['hoa1', 'hoá'],
    ['ngo6i2', 'ngồi'],
    ['a8n', 'ăn'],
    ['d9u7o7ng2', 'đường'],
    ['d9u7ong2', 'đường'],
  ])('%s → %s', (typed, expected) => {
    expect(vniToVietnamese(typed)).toBe(expected);
  });

  it.each(['u23', '2017', 'b52', 'a12', 'covid19'])('refuses %s', (typed) => {
    expect(vniToVietnamese(typed)).toBeNull();
  });
});

describe('decodeInputMethod', () => {
  it('decodes words that only make sense as Telex or VNI', () => {
    expect(decodeInputMethod('daan')).toBe('dân');
    expect(decodeInputMethod('vaanj')).toBe('vận');
    expect(decodeInputMethod('va65n')).toBe('vận');
  });

  it('also reads a word with a loanword rhyme as Telex (query.ts searches both readings)', () => {
    expect(decodeInputMethod('khoong')).toBe('không');
    expect(decodeInputMethod('coong')).toBe('công');
    expect(decodeInputMethod('oong')).toBe('ông');
    expect(decodeInputMethod('xoong')).toBe('xông');
    expect(decodeInputMethod('mooc')).toBe('môc');
  });

  it.each(['tieng', 'viet', 'dan', 'van', 'kheo', 'duong', 'nguyen', 'boss', 'news', 'facebook', 'u23', '2017'])(
    'leaves %s alone',
    (word) => {
      expect(decodeInputMethod(word)).toBeNull();
    },
  );
});

describe('syllable grammar', () => {
  it('accepts Vietnamese syllables and checks tones against stop finals', () => {
    for (const w of ['nghiêng', 'khuỷu', 'quyết', 'giữ', 'gìn', 'oai', 'ước', 'xoong']) expect(isVietnameseSyllable(w)).toBe(true);
    expect(isVietnameseSyllable('các')).toBe(true);
    expect(isVietnameseSyllable('cà')).toBe(true);
    expect(isVietnameseSyllable('càc')).toBe(false);
    expect(isVietnameseSyllable('news')).toBe(false);
  });

  it('reads folded words', () => {
    expect(isFoldedSyllable('nghieng')).toBe(true);
    expect(isFoldedSyllable('duoc')).toBe(true);
    expect(isFoldedSyllable('vaanj')).toBe(false);
    expect(isFoldedSyllable('da6n')).toBe(false);
  });
});
