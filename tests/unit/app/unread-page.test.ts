import { describe, expect, it } from 'vitest';
import type { PageCursor } from '../../../src/shared/store/articles';
import type { StoredArticle } from '../../../src/shared/store/schema';
import { UNREAD_SCAN_CHUNK, unreadPage, wholePage, type PageReader } from '../../../src/app/actions/unread';

/** A list of `count` articles, newest first (tin-0 newest), read like the store reads it, with each read's size kept. */
function fakeList(count: number) {
  const articles = Array.from({ length: count }, (_, n) => ({ id: `tin-${n}`, published: 1_000_000 - n }) as StoredArticle);
  const reads: number[] = [];
  const read: PageReader = async (limit: number, after?: PageCursor) => {
    const start = after ? articles.findIndex((a) => a.id === after[1]) + 1 : 0;
    const rows = articles.slice(start, start + limit);
    reads.push(rows.length);
    return rows;
  };
  return { read, reads };
}

const ids = (rows: StoredArticle[]) => rows.map((a) => a.id);

describe('unreadPage', () => {
  it('reaches unread articles far below a page, in reads no larger than a chunk', async () => {
    const { read, reads } = fakeList(1000);
    // Everything is read but tin-5, tin-700 and tin-999.
    const unread = new Set(['tin-5', 'tin-700', 'tin-999']);
    const page = await unreadPage(read, (id) => !unread.has(id), 30);
    expect(ids(page.rows)).toEqual(['tin-5', 'tin-700', 'tin-999']);
    expect(page.next).toBeUndefined();
    expect(Math.max(...reads)).toBeLessThanOrEqual(UNREAD_SCAN_CHUNK);
  });

  it('stops at the limit and continues after the last row it gave, newest first', async () => {
    const { read } = fakeList(1000);
    const isRead = (id: string) => Number(id.slice(4)) % 10 !== 0;
    const first = await unreadPage(read, isRead, 30);
    expect(ids(first.rows)).toEqual(Array.from({ length: 30 }, (_, n) => `tin-${n * 10}`));
    expect(first.next).toEqual([1_000_000 - 290, 'tin-290']);
    const second = await unreadPage(read, isRead, 30, first.next);
    expect(ids(second.rows)[0]).toBe('tin-300');
    const rest = await unreadPage(read, isRead, 100, second.next);
    expect(rest.rows).toHaveLength(40);
    expect(rest.next).toBeUndefined();
  });
});

describe('wholePage', () => {
  it('says where the next page starts, and that there is none after a short page', async () => {
    const { read } = fakeList(45);
    const first = await wholePage(read, 30);
    expect(first.next).toEqual([1_000_000 - 29, 'tin-29']);
    const last = await wholePage(read, 30, first.next);
    expect(last.rows).toHaveLength(15);
    expect(last.next).toBeUndefined();
  });
});
