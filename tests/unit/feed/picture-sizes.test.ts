import { describe, expect, it } from 'vitest';
import { parseFeedValue } from '../../../src/shared/feed/parse';
import { cleanSrcset } from '../../../src/shared/feed/srcset';
import { mergeAction, toStored } from '../../../src/shared/store/merge';
import { imageUrlsOf } from '../../../src/shared/store/images';

const PAGE = 'https://bao.example/tin/feed.json';
const V11 = 'https://jsonfeed.org/version/1.1';

function parseItem(extra: Record<string, unknown>) {
  const feed = parseFeedValue({ version: V11, items: [{ id: 'a', content_text: 'Nội dung', ...extra }] }, PAGE, { now: 0 });
  return feed.items[0]!;
}

const thumbnail = {
  url: 'pictures/ab-128.webp',
  width: 128,
  height: 80,
  srcset: 'pictures/ab-128.webp 128w, pictures/ab-256.webp 256w',
};

describe('the _bao_offline picture sizes', () => {
  it('reads the thumbnail and the image sizes, resolving every URL against the page', () => {
    const article = parseItem({ _bao_offline: { thumbnail, image: { url: 'pictures/ab-480.webp', width: 480, height: 300 } } });
    expect(article.thumbnail).toEqual({
      url: 'https://bao.example/tin/pictures/ab-128.webp',
      width: 128,
      height: 80,
      srcset: 'https://bao.example/tin/pictures/ab-128.webp 128w, https://bao.example/tin/pictures/ab-256.webp 256w',
    });
    expect(article.imageSizes).toEqual({ url: 'https://bao.example/tin/pictures/ab-480.webp', width: 480, height: 300 });
  });

  it('drops a picture whose URL or size is unusable, and keeps the article', () => {
    for (const bad of [
      { ...thumbnail, url: 'javascript:alert(1)' },
      { ...thumbnail, width: '128' },
      { ...thumbnail, height: 0 },
      { ...thumbnail, width: 1e9 },
      'pictures/ab-128.webp',
      null,
    ]) {
      const article = parseItem({ _bao_offline: { thumbnail: bad } });
      expect(article.thumbnail, JSON.stringify(bad)).toBeUndefined();
      expect(article.id).toBe('a');
    }
    expect(parseItem({ _bao_offline: 'x' }).thumbnail).toBeUndefined();
  });

  it('keeps only well-formed srcset candidates with http(s) URLs', () => {
    const base = new URL(PAGE);
    expect(cleanSrcset('a.webp 128w, javascript:x 256w, b.webp 2x, c.webp 12q, d.webp', base)).toBe(
      'https://bao.example/tin/a.webp 128w, https://bao.example/tin/b.webp 2x, https://bao.example/tin/d.webp',
    );
    expect(cleanSrcset('javascript:alert(1) 1x, ftp://x.vn/a.webp 2x', base)).toBeUndefined();
    expect(cleanSrcset(42, base)).toBeUndefined();
  });

  it('counts a new thumbnail as a change to the stored article', () => {
    const before = toStored(undefined, parseItem({}), 0);
    expect(mergeAction(before, parseItem({}))).toBe('same');
    expect(mergeAction(before, parseItem({ _bao_offline: { thumbnail } }))).toBe('update');
  });

  it('lists every size of every picture, so saving and eviction miss none', () => {
    const article = parseItem({
      _bao_offline: { thumbnail },
      content_html: '<figure><img src="p/x-480.webp" srcset="p/x-480.webp 480w, p/x-960.webp 960w" alt=""></figure>',
    });
    expect(imageUrlsOf(article).sort()).toEqual(
      [
        'https://bao.example/tin/p/x-480.webp',
        'https://bao.example/tin/p/x-960.webp',
        'https://bao.example/tin/pictures/ab-128.webp',
        'https://bao.example/tin/pictures/ab-256.webp',
      ].sort(),
    );
  });
});
