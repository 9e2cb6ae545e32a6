import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/shared/feed/types';
import { countArticles, getArticle, knownIds, listArticles, mergeArticles } from '../../../src/shared/store/articles';
import { deleteArticles } from '../../../src/shared/store/evict';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { getReaderStateWithCopy, markRead, setSaved } from '../../../src/shared/store/reader';
import { expectAnnounced, recordAnnouncements } from '../helpers/announcements';

let counter = 0;
const opened: BaoDb[] = [];

async function freshDb(): Promise<BaoDb> {
  const db = await openStore({ name: `test-changed-ids-${counter++}` });
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const SITE = 'https://tin.example.vn';
const DAY = Date.parse('2026-11-30T02:00:00Z');

function article(id: string, url: string | undefined, overrides: Partial<Article> = {}): Article {
  return {
    id,
    ...(url === undefined ? {} : { url }),
    title: `Bài ${url ?? id}`,
    contentHtml: `<p>Bản đầu của ${url ?? id}</p>`,
    published: DAY,
    authors: [],
    tags: [],
    ...overrides,
  };
}

const titles = async (db: BaoDb) => (await listArticles(db, 50)).map((a) => `${a.id}: ${a.title}`).sort();

describe('a feed that changes the ids of stories it already gave', () => {
  it('merges each story into the stored one: listed once, read and saved marks and the saved copy kept, search told of the stored id', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('cms-1', `${SITE}/thoi-su/cau-moi`), article('cms-2', `${SITE}/kinh-te/gia-lua`)], 1000);
    await markRead(db, 'cms-1', 1100);
    await setSaved(db, 'cms-1', true, 1200, await getArticle(db, 'cms-1'));

    // The site moves to another CMS: new ids, tracking parameters, http, a corrected story.
    const announced = recordAnnouncements();
    const result = await mergeArticles(
      db,
      [
        article('wp-101', `http://TIN.example.vn/thoi-su/cau-moi/?utm_source=rss&fbclid=x#top`, {
          title: `Bài ${SITE}/thoi-su/cau-moi`,
          contentHtml: '<p>Bản đã sửa</p>',
        }),
        article('wp-102', `${SITE}/kinh-te/gia-lua`),
      ],
      2000,
    );

    expect(result).toEqual({ added: 0, updated: 1, changedIds: ['cms-1'] });
    await expectAnnounced(announced, { changed: ['cms-1'], removed: [] });
    expect(await countArticles(db)).toBe(2);
    expect(await titles(db)).toEqual([`cms-1: Bài ${SITE}/thoi-su/cau-moi`, `cms-2: Bài ${SITE}/kinh-te/gia-lua`]);
    const stored = await getArticle(db, 'cms-1');
    expect(stored?.contentHtml).toBe('<p>Bản đã sửa</p>');
    expect(stored?.fetchedAt).toBe(1000);
    const { state, copy } = await getReaderStateWithCopy(db, 'cms-1');
    expect(state).toMatchObject({ readAt: 1100, savedAt: 1200 });
    expect(copy?.contentHtml).toBe(`<p>Bản đầu của ${SITE}/thoi-su/cau-moi</p>`);
  });

  it('knows the new ids on the next refresh: nothing rewritten, and the feed id finds the stored story', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('cms-1', `${SITE}/bai-a`)], 1000);
    const moved = [article('wp-1', `${SITE}/bai-a`, { contentHtml: '<p>Bản mới</p>' })];
    await mergeArticles(db, moved, 2000);

    expect(await mergeArticles(db, moved, 3000)).toEqual({ added: 0, updated: 0, changedIds: [] });
    expect([...(await knownIds(db))].sort()).toEqual(['cms-1', 'wp-1']);
    expect((await getArticle(db, 'wp-1'))?.id).toBe('cms-1');
    expect(await countArticles(db)).toBe(1);
  });

  it('follows an id that changes with every revision', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('bai-a@r1', `${SITE}/bai-a`)], 1000);
    await mergeArticles(db, [article('bai-a@r2', `${SITE}/bai-a`, { contentHtml: '<p>r2</p>' })], 2000);
    await mergeArticles(db, [article('bai-a@r3', `${SITE}/bai-a`, { contentHtml: '<p>r3</p>' })], 3000);
    expect(await titles(db)).toEqual([`bai-a@r1: Bài ${SITE}/bai-a`]);
    expect((await getArticle(db, 'bai-a@r1'))?.contentHtml).toBe('<p>r3</p>');
  });
});

describe('a feed id remembered for a stored story', () => {
  it('is forgotten once the feed lists both ids: the new one is its own article, and once deleted it finds nothing', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('cms-1', `${SITE}/bai-a`)], 1000);
    await mergeArticles(db, [article('wp-1', `${SITE}/bai-a`)], 2000);
    await mergeArticles(db, [article('cms-1', `${SITE}/bai-a`), article('wp-1', `${SITE}/bai-a`, { title: 'Bản in' })], 3000);
    expect(await titles(db)).toEqual([`cms-1: Bài ${SITE}/bai-a`, 'wp-1: Bản in']);

    await deleteArticles(db, ['wp-1']);
    expect(await getArticle(db, 'wp-1')).toBeUndefined();
    expect([...(await knownIds(db))]).toEqual(['cms-1']);
  });
});

describe('different stories that share a url stay apart', () => {
  it('a live blog whose entries all carry the page url', async () => {
    const db = await freshDb();
    const page = `${SITE}/truc-tiep/bau-cu`;
    await mergeArticles(db, [article('e1', page, { title: '8:00 Mở cửa' }), article('e2', page, { title: '8:30 Xếp hàng', published: DAY + 1 })], 1000);
    await mergeArticles(db, [article('e3', page, { title: '9:00 Kiểm phiếu', published: DAY + 2 })], 2000);
    expect((await titles(db)).length).toBe(3);
  });

  it('a live blog whose feed lists only its newest entry', async () => {
    const db = await freshDb();
    const page = `${SITE}/truc-tiep/bau-cu`;
    await mergeArticles(db, [article('e1', page, { title: '8:00 Mở cửa' })], 1000);
    await mergeArticles(db, [article('e2', page, { title: '8:30 Xếp hàng', published: DAY + 1 })], 2000);
    expect(await titles(db)).toEqual(['e1: 8:00 Mở cửa', 'e2: 8:30 Xếp hàng']);
  });

  it('a feed giving every item the home page as url, and items without a url', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', `${SITE}/`, { title: 'Tin' }), article('b', undefined, { title: 'Tin' })], 1000);
    await mergeArticles(db, [article('c', `${SITE}/`, { title: 'Tin' }), article('d', undefined, { title: 'Tin' })], 2000);
    expect((await titles(db)).length).toBe(4);
  });

  it('a story still in the feed under its own id beside a new item with its url', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', `${SITE}/bai-a`)], 1000);
    await mergeArticles(db, [article('a', `${SITE}/bai-a`), article('a-ban-in', `${SITE}/bai-a`)], 2000);
    expect((await titles(db)).length).toBe(2);
  });

  it('two stored stories under one url: the new item joins neither', async () => {
    const db = await freshDb();
    await mergeArticles(db, [article('a', `${SITE}/bai-a`), article('b', `${SITE}/bai-a`, { title: 'Bài b' })], 1000);
    await mergeArticles(db, [article('c', `${SITE}/bai-a`)], 2000);
    expect((await titles(db)).length).toBe(3);
  });
});
