import { describe, expect, it } from 'vitest';
import { quotedQuery } from '../../../src/app/format/quoted-query';

describe('the query as the search screen quotes it back', () => {
  it('leaves out the quotes the reader typed around it, the screen adding its own', () => {
    expect(quotedQuery('"dân vận khéo"')).toBe('dân vận khéo');
    expect(quotedQuery(' “Sơn La” ')).toBe('Sơn La');
    expect(quotedQuery('giá "vàng" hôm nay')).toBe('giá "vàng" hôm nay');
  });

  it('keeps eight words at most, and «…» where it cut', () => {
    expect(quotedQuery('một hai ba bốn năm sáu bảy tám chín')).toBe('một hai ba bốn năm sáu bảy tám…');
  });
});
