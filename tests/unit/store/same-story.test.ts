import { describe, expect, it } from 'vitest';
import { keysToLookUp, sameStoryAs, storyUrlKey, type StoryFacts } from '../../../src/shared/store/same-story';

const DAY = Date.parse('2026-11-30T02:00:00Z');

function story(id: string, url: string | undefined, overrides: Partial<StoryFacts> = {}): StoryFacts {
  return { id, title: `Bài ${id}`, published: DAY, ...(url === undefined ? {} : { url }), ...overrides };
}

describe('storyUrlKey', () => {
  it('gives one key for the ways one article url is written', () => {
    const key = storyUrlKey('https://tin.example.vn/thoi-su/cau-moi-qua-song-da');
    expect(key).toBe('tin.example.vn/thoi-su/cau-moi-qua-song-da');
    for (const url of [
      'http://tin.example.vn/thoi-su/cau-moi-qua-song-da',
      'HTTPS://TIN.Example.VN/thoi-su/cau-moi-qua-song-da/',
      'https://tin.example.vn:443/thoi-su/cau-moi-qua-song-da#binh-luan',
      'https://tin.example.vn/thoi-su/cau-moi-qua-song-da?utm_source=rss&utm_medium=feed&fbclid=IwAR0x',
      'https://tin.example.vn/thoi-su/cau-moi-qua-song-da?gclid=1&UTM_Campaign=x',
    ]) {
      expect(storyUrlKey(url), url).toBe(key);
    }
  });

  it('keeps what tells articles apart: path case, other parameters (in any order), the host', () => {
    const key = storyUrlKey('https://tin.example.vn/bai?id=12&trang=2');
    expect(storyUrlKey('https://tin.example.vn/bai?trang=2&id=12&utm_source=x')).toBe(key);
    expect(storyUrlKey('https://tin.example.vn/bai?id=13&trang=2')).not.toBe(key);
    expect(storyUrlKey('https://tin.example.vn/Bai?id=12&trang=2')).not.toBe(key);
    expect(storyUrlKey('https://m.tin.example.vn/bai?id=12&trang=2')).not.toBe(key);
  });

  it('has no key for the home page, another scheme, or no url', () => {
    expect(storyUrlKey('https://tin.example.vn/')).toBeUndefined();
    expect(storyUrlKey('https://tin.example.vn')).toBeUndefined();
    expect(storyUrlKey('https://tin.example.vn/?utm_source=rss')).toBeUndefined();
    expect(storyUrlKey('https://tin.example.vn/index.html')).toBeUndefined();
    expect(storyUrlKey('ftp://tin.example.vn/bai-viet')).toBeUndefined();
    expect(storyUrlKey('không phải url')).toBeUndefined();
    expect(storyUrlKey(undefined)).toBeUndefined();
  });
});

describe('keysToLookUp', () => {
  const none = () => false;

  it('looks up an unknown item whose url is its own', () => {
    const item = story('moi-1', 'https://tin.example.vn/bai-a');
    expect([...keysToLookUp([item], none)]).toEqual([['tin.example.vn/bai-a', item]]);
  });

  it('skips items already stored, items without a url, and items sharing one url (a live blog, the home page)', () => {
    const wanted = keysToLookUp(
      [
        story('da-co', 'https://tin.example.vn/bai-a'),
        story('khong-url', undefined),
        story('trang-chu', 'https://tin.example.vn/'),
        story('blog-1', 'https://tin.example.vn/truc-tiep/bau-cu'),
        story('blog-2', 'https://tin.example.vn/truc-tiep/bau-cu#entry-2'),
        story('blog-3', 'https://tin.example.vn/truc-tiep/bau-cu/?utm_source=rss'),
      ],
      (id) => id === 'da-co',
    );
    expect(wanted.size).toBe(0);
  });
});

describe('sameStoryAs', () => {
  const item = story('moi-1', 'https://tin.example.vn/bai-a');
  const incoming = new Set(['moi-1']);

  it('is the one stored story under the url, when the feed no longer lists it, sharing its date or title', () => {
    expect(sameStoryAs(item, [story('cu-1', 'http://tin.example.vn/bai-a/')], incoming)).toBe('cu-1');
    expect(sameStoryAs({ ...item, title: 'Tiêu đề đã sửa' }, [story('cu-1', 'https://tin.example.vn/bai-a')], incoming)).toBe('cu-1');
    expect(sameStoryAs({ ...item, published: DAY + 3_600_000 }, [story('cu-1', 'https://tin.example.vn/bai-a', { title: 'Bài moi-1' })], incoming)).toBe('cu-1');
  });

  it('is none when the url holds several stored stories, or none', () => {
    const two = [story('cu-1', 'https://tin.example.vn/bai-a'), story('cu-2', 'https://tin.example.vn/bai-a')];
    expect(sameStoryAs(item, two, incoming)).toBeUndefined();
    expect(sameStoryAs(item, [], incoming)).toBeUndefined();
    expect(sameStoryAs(item, undefined, incoming)).toBeUndefined();
  });

  it('is none when the stored story is still in the feed under its own id', () => {
    expect(sameStoryAs(item, [story('cu-1', 'https://tin.example.vn/bai-a')], new Set(['moi-1', 'cu-1']))).toBeUndefined();
  });

  it('is none for a live blog whose feed lists only its newest entry: another title, another time', () => {
    const stored = [story('entry-1', 'https://tin.example.vn/truc-tiep', { title: '8:00 Mở cửa bầu cử' })];
    const next = story('entry-2', 'https://tin.example.vn/truc-tiep', { title: '9:30 Cử tri xếp hàng', published: DAY + 5_400_000 });
    expect(sameStoryAs(next, stored, new Set(['entry-2']))).toBeUndefined();
  });

  it('does not take a fetch time for a date: undated items must share their title', () => {
    const stored = [story('cu-1', 'https://tin.example.vn/bai-a', { title: 'Khác', undated: true })];
    expect(sameStoryAs({ ...item, undated: true }, stored, incoming)).toBeUndefined();
  });
});
