import { describe, expect, it } from 'vitest';
import { imageUrlsOf } from '../../../src/shared/store/images';

describe('imageUrlsOf', () => {
  it('finds the cover, banner and every picture in the body, resolved and http(s) only', () => {
    const urls = imageUrlsOf({
      image: 'https://cdn.example.vn/a.jpg',
      bannerImage: 'https://cdn.example.vn/a.jpg',
      baseUrl: 'https://tin.example.vn/feeds/moi.json',
      contentHtml:
        `<p><img alt="x" src="/anh/1.jpg"><IMG SRC='anh/2.jpg?w=1&amp;h=2'><img src=https://x.vn/3.png>` +
        `<img src="javascript:alert(1)"><img data-src="nope.jpg"><img src="data:image/png;base64,AA"></p>`,
    });
    expect(urls).toEqual([
      'https://cdn.example.vn/a.jpg',
      'https://tin.example.vn/anh/1.jpg',
      'https://tin.example.vn/feeds/anh/2.jpg?w=1&h=2',
      'https://x.vn/3.png',
    ]);
  });

  it('copes with an article without pictures or a base', () => {
    expect(imageUrlsOf({ contentHtml: '<img src="rel.jpg">' })).toEqual([]);
  });
});
