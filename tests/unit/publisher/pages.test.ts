import { describe, expect, it } from 'vitest';
import { StoryIndex } from '../../../publisher/src/feed/dedupe';
import type { StoredItem } from '../../../publisher/src/feed/feed-item';
import { buildPages } from '../../../publisher/src/feed/pages';
import { retire } from '../../../publisher/src/feed/retention';
import { canonicalUrl, storyKeys, volatileParameters } from '../../../publisher/src/feed/story-keys';

const DAY = 24 * 3600 * 1000;
const meta = { title: 'Tin', language: 'vi' };

function items(count: number, from = 1, published = (seq: number) => seq * DAY): StoredItem[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = from + i;
    return { seq, keys: [`guid:${seq}`], published: published(seq), item: { id: `id-${seq}`, title: `Bài ${seq}`, content_html: '<p>x</p>', date_published: new Date(published(seq)).toISOString(), tags: [] } };
  });
}

const ids = (json: string) => (JSON.parse(json) as { items: { id: string }[] }).items.map((i) => i.id);
const next = (json: string) => (JSON.parse(json) as { next_url?: string }).next_url;

describe('head and archive pages', () => {
  it('keeps one to two pages of the newest items in the head and chains full archive pages newest → oldest', () => {
    const pages = buildPages(items(11), meta, 4);
    expect(ids(pages.head.json)).toEqual(['id-11', 'id-10', 'id-9', 'id-8', 'id-7', 'id-6', 'id-5']);
    expect(pages.archives.map((a) => ids(a.json))).toEqual([['id-4', 'id-3', 'id-2', 'id-1']]);
    expect(next(pages.head.json)).toBe(pages.archives[0]!.name);
    expect(next(pages.archives[0]!.json)).toBeUndefined();
  });

  it('never changes an archive page when newer items arrive', () => {
    const before = buildPages(items(12), meta, 4);
    const after = buildPages(items(21), meta, 4);
    expect(after.archives.slice(0, before.archives.length)).toEqual(before.archives);
    expect(after.archives).toHaveLength(4);
    expect(new Set(after.archives.map((a) => a.name)).size).toBe(4);
  });

  it('holds everything in the head while there is less than two pages', () => {
    const pages = buildPages(items(3), meta, 4);
    expect(pages.archives).toEqual([]);
    expect(next(pages.head.json)).toBeUndefined();
    expect(ids(pages.head.json)).toHaveLength(3);
  });
});

describe('retention', () => {
  it('drops whole oldest pages beyond the item count, never the head', () => {
    const kept = retire(items(20), { pageSize: 4, maxItems: 10, maxAgeDays: 10_000, now: 100 * DAY });
    expect(kept.map((i) => i.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 9));
  });

  it('drops whole pages older than the age limit', () => {
    const kept = retire(items(16), { pageSize: 4, maxItems: 1000, maxAgeDays: 9, now: 18 * DAY });
    // Pages 1–4 and 5–8 are entirely older than day 9; the rest stays.
    expect(kept[0]?.seq).toBe(9);
    expect(kept).toHaveLength(8);
  });
});

describe('recognising the same story', () => {
  it('sees the same address without tracking parameters, www or fragment as one story', () => {
    expect(canonicalUrl('http://www.Bao.example/a.html?utm_source=fb&id=3#top')).toBe('https://bao.example/a.html?id=3');
  });

  it('matches a title from another source only when the dates are close', () => {
    const [first] = items(1, 1, () => 10 * DAY);
    first!.keys = storyKeys({ sourceUrl: 'https://a.example/rss', guid: '1', url: 'https://a.example/1', title: 'Khánh thành cầu treo qua suối Nậm La' });
    const index = new StoryIndex([first!]);
    const sameTitle = storyKeys({ sourceUrl: 'https://b.example/rss', guid: 'x', url: 'https://b.example/x', title: 'Khánh thành cầu treo qua suối Nậm La!' });
    expect(index.match(sameTitle, 11 * DAY)).toBe(first);
    expect(index.match(sameTitle, 30 * DAY)).toBeUndefined();
    expect(index.seen(sameTitle)).toBe(false);
    expect(index.seen(storyKeys({ sourceUrl: 'https://c.example/rss', guid: 'z', url: 'https://a.example/1?utm_medium=x', title: 'Khác' }))).toBe(true);
  });

  it("sees a story a feed links with the next visit's session or campaign as the one already taken in; stories with ids of their own stay apart", () => {
    /** Keys of a short-titled story in one fetch of a feed that links `links`, its own link first, with no guid of its own. */
    const keysIn = (links: string[]) => storyKeys({ sourceUrl: 'https://huyen.example/rss', guid: links[0]!, url: links[0]!, title: 'Thông báo', volatile: volatileParameters(links) });
    const visits: [string[], string[]][] = [
      // ASP.NET's cookieless session in the path, and «&rss=1».
      [['https://huyen.example/(S(abc123))/chi-tiet.aspx?ItemID=5&rss=1', 'https://huyen.example/(S(abc123))/chi-tiet.aspx?ItemID=6&rss=1'], ['https://huyen.example/(S(zz9))/chi-tiet.aspx?ItemID=5&rss=1']],
      // Java's «;jsessionid=», a PHP session and campaign, Facebook's and Google's click ids.
      [['https://so.example/tin/5.html;jsessionid=A1?utm_campaign=mon&PHPSESSID=x1&fbclid=F1&gclid=G1'], ['https://so.example/tin/5.html;jsessionid=B2?utm_campaign=tue&PHPSESSID=y2&fbclid=F2&gclid=G2']],
      // A visit under a name of the site's own, on every link of the feed with one value.
      [['https://bao.example/tin.php?id=5&visit=111', 'https://bao.example/tin.php?id=6&visit=111'], ['https://bao.example/tin.php?id=5&visit=222', 'https://bao.example/tin.php?id=7&visit=222']],
    ];
    for (const [first, again] of visits) {
      const [stored] = items(1);
      stored!.keys = keysIn(first);
      expect(new StoryIndex([stored!]).seen(keysIn(again)), again[0]).toBe(true);
    }
    // PHP-Nuke's «sid» and a Joomla article's «id» name the story: never set aside, even when a feed shares
    // its other parameters (one story twice in the same second fetch counts for all).
    const nuke = items(1)[0]!;
    nuke.keys = keysIn(['https://xa.example/modules.php?name=News&file=article&sid=5', 'https://xa.example/modules.php?name=News&file=article&sid=6']);
    expect(new StoryIndex([nuke]).seen(keysIn(['https://xa.example/modules.php?name=News&file=article&sid=6', 'https://xa.example/modules.php?name=News&file=article&sid=5']))).toBe(false);
    expect(new StoryIndex([nuke]).seen(keysIn(['https://xa.example/modules.php?name=News&file=article&sid=5', 'https://xa.example/modules.php?name=News&file=print&sid=7']))).toBe(true);
    expect(volatileParameters(['https://xa.example/tin.php?sid=5'])).toEqual(new Set());
  });
});
