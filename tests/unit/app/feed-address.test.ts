import { describe, expect, it } from 'vitest';
import { feedAddress } from '../../../src/app/format/feed-address';

describe('feedAddress: what a reader types into «Địa chỉ nguồn tin»', () => {
  /** What a reader types, and the address kept. */
  const taken = {
    'baosonla.vn/rss': 'https://baosonla.vn/rss',
    '  www.baosonla.vn/feed.json ': 'https://www.baosonla.vn/feed.json',
    'localhost:4173/feed.json': 'https://localhost:4173/feed.json',
    'https://toasoan.example/feed.json': 'https://toasoan.example/feed.json',
    'http://127.0.0.1:8080/feed.json': 'http://127.0.0.1:8080/feed.json',
    'HTTPS://Baosonla.vn/RSS': 'https://baosonla.vn/RSS',
  };

  it.each(Object.entries(taken))('takes %j as %s', (typed, url) => {
    expect(feedAddress(typed)).toBe(url);
  });

  it.each(['', '   ', 'baosonla', 'bao son la.vn', 'ftp://toasoan.example/feed.json', 'javascript:alert(1)', 'mailto:toasoan@baosonla.vn'])(
    'refuses %j',
    (typed) => {
      expect(feedAddress(typed)).toBeUndefined();
    },
  );
});
