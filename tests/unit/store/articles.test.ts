import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/shared/feed/parse';
import type { Article } from '../../../src/shared/feed/types';
import { getArticle, listArticles, mergeArticles } from '../../../src/shared/store/articles';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { getReaderState, markRead, setSaved } from '../../../src/shared/store/reader';
import { expectAnnounced, recordAnnouncements } from '../helpers/announcements';

let counter = 0;
const opened: BaoDb[] = [];

async function freshDb(): Promise<BaoDb> {
  const db = await openStore({ name: `test-articles-${counter++}` });
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function article(id: string, overrides: Partial<Article> = {}): Article {
  return {
    id,
    title: `Bài ${id}`,
    contentHtml: `<p>${id}</p>`,
    published: Date.parse('2023-02-06T01:00:00Z'),
    authors: [],
    tags: [],
    ...overrides,
  };
}

describe('mergeArticles', () => {
  it('keeps an article the feed dropped, updates a changed one and leaves read/saved state alone', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a'), article('b'), article('c')], 1000);
    await markRead(db, 'a', 1100);
    await setSaved(db, 'b', true, 1200);

    // The next feed no longer lists "a" and has a corrected "b".
    const result = await mergeArticles(db, [article('b', { title: 'Bài b (đã sửa)' }), article('c')], 2000);

    expect(result).toMatchObject({ added: 0, updated: 1, changedIds: ['b'] });
    expect((await getArticle(db, 'a'))?.title).toBe('Bài a');
    const b = await getArticle(db, 'b');
    expect(b?.title).toBe('Bài b (đã sửa)');
    expect(b?.fetchedAt).toBe(1000);
    expect(await getReaderState(db, 'a')).toEqual({ id: 'a', readAt: 1100 });
    expect(await getReaderState(db, 'b')).toEqual({ id: 'b', savedAt: 1200 });
  });

  it('counts new articles and ignores unchanged ones', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a')], 1);
    const announced = recordAnnouncements();
    const result = await mergeArticles(db, [article('a'), article('b')], 2);
    expect(result).toEqual({ added: 1, updated: 0, changedIds: ['b'] });
    // Only what was written is announced, so lists and search reread just that.
    await expectAnnounced(announced, { changed: ['b'], removed: [] });
  });

  it('keeps the first date of an item the feed gives no usable date, so a refresh neither moves nor rewrites it', async () => {
    const db = await freshDb();
    const body = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      items: [
        { id: 'co-ngay', content_text: 'Có ngày', date_published: '2023-02-06T08:00:00+07:00' },
        { id: 'khong-ngay', content_text: 'Không có ngày' },
        { id: 'ngay-hong', content_text: 'Ngày hỏng', date_published: 'hôm qua' },
      ],
    });
    const firstSeen = Date.parse('2024-05-01T00:00:00Z');
    await mergeArticles(db, parseFeed(body, 'https://tin.example.vn/feed.json', { now: firstSeen }).items, firstSeen);
    // The same feed a day later (a new article elsewhere made it change, so it is read again).
    const nextDay = firstSeen + 86_400_000;
    const result = await mergeArticles(db, parseFeed(body, 'https://tin.example.vn/feed.json', { now: nextDay }).items, nextDay);
    expect(result).toEqual({ added: 0, updated: 0, changedIds: [] });
    expect((await getArticle(db, 'khong-ngay'))?.published).toBe(firstSeen);
    expect((await getArticle(db, 'ngay-hong'))?.published).toBe(firstSeen);
    expect((await getArticle(db, 'co-ngay'))?.published).toBe(Date.parse('2023-02-06T01:00:00Z'));
  });

  it('notices a change in tags alone', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', { tags: ['Sơn La'] })], 1);
    const result = await mergeArticles(db, [article('a', { tags: ['Sơn La', 'Nông nghiệp'] })], 2);
    expect(result.updated).toBe(1);
  });

  it('writes nothing when one article in the batch cannot be stored', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a')], 1);
    const unstorable = article('bad', { title: (() => undefined) as unknown as string });
    await expect(mergeArticles(db, [article('new'), unstorable], 2)).rejects.toThrow();
    expect(await getArticle(db, 'new')).toBeUndefined();
    expect(await getArticle(db, 'a')).toBeDefined();
  });
});

describe('listArticles', () => {
  it('pages newest first and resumes exactly after the last row, even on equal dates', async () => {
    const db = await freshDb();
    const sameDay = Date.parse('2023-01-01T00:00:00Z');
    await mergeArticles(
      db,
      [
        article('old', { published: sameDay - 1 }),
        article('x', { published: sameDay }),
        article('y', { published: sameDay }),
        article('new', { published: sameDay + 1 }),
      ],
      1,
    );
    const first = await listArticles(db, 2);
    expect(first.map((a) => a.id)).toEqual(['new', 'y']);
    const last = first[first.length - 1]!;
    const second = await listArticles(db, 2, [last.published, last.id]);
    expect(second.map((a) => a.id)).toEqual(['x', 'old']);
  });
});

describe('reader state', () => {
  it('unsaving keeps the read mark', async () => {
    const db = await freshDb();
    await markRead(db, 'a', 5);
    await setSaved(db, 'a', true, 6);
    await setSaved(db, 'a', false, 7);
    expect(await getReaderState(db, 'a')).toEqual({ id: 'a', readAt: 5 });
  });
});
