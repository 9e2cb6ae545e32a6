import { describe, expect, it } from 'vitest';
import { countWords, deriveText, EXCERPT_MAX_CHARS } from '../../../src/shared/feed/derive';

describe('countWords', () => {
  it('counts words between spaces, not the dashes and ellipses standing alone', () => {
    expect(countWords('Sáng 6/2, tỉnh Sơn La – nơi «đẹp» nhất …')).toBe(8);
    expect(countWords('  \n ')).toBe(0);
  });
});

describe('deriveText', () => {
  it('takes the excerpt from the body as plain text, never markup', () => {
    const derived = deriveText({ contentHtml: '<p>Sáng 6/2, <b>tỉnh</b> Sơn La</p>\n<p>mở hội</p><script>x()</script>' });
    expect(derived).toEqual({ excerpt: 'Sáng 6/2, tỉnh Sơn La mở hội', wordCount: 7 });
  });

  it('prefers the feed’s own text and cuts a long body on a word, within the limit', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `từ${i}`);
    const derived = deriveText({ contentText: words.join(' '), contentHtml: '<p>khác</p>' });
    expect(derived.wordCount).toBe(2000);
    expect(derived.excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
    expect(derived.excerpt.endsWith('…')).toBe(true);
    // Every word kept is whole.
    const kept = derived.excerpt.slice(0, -1).split(' ');
    expect(kept).toEqual(words.slice(0, kept.length));
  });
});
