import { describe, expect, it } from 'vitest';
import { leadPicture } from '../../../src/app/format/lead-picture';

const BASE = 'https://bao.example/tin/feed.json';
const imageSizes = {
  url: 'https://bao.example/tin/p/x-480.webp',
  width: 480,
  height: 300,
  srcset: 'https://bao.example/tin/p/x-480.webp 480w, https://bao.example/tin/p/x-960.webp 960w',
};

describe('leadPicture', () => {
  it('shows the feed lead picture when the text does not already show it', () => {
    expect(leadPicture({ imageSizes, contentHtml: '<p>Chữ</p><img src="p/khac.webp">', baseUrl: BASE })).toBe(imageSizes);
  });

  it('does not show it twice: not when the text has it in any size, nor beside a banner', () => {
    expect(leadPicture({ imageSizes, contentHtml: '<figure><img src="p/x-480.webp" alt=""></figure>', baseUrl: BASE })).toBeUndefined();
    expect(leadPicture({ imageSizes, contentHtml: `<img src="p/goc.jpg" srcset="p/x-960.webp 960w">`, baseUrl: BASE })).toBeUndefined();
    expect(leadPicture({ imageSizes, bannerImage: 'https://bao.example/b.jpg', baseUrl: BASE })).toBeUndefined();
  });

  it('shows nothing where the feed offers no sizes', () => {
    expect(leadPicture({ contentHtml: '<p>Chữ</p>', baseUrl: BASE })).toBeUndefined();
  });
});
