import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/shared/feed/types';
import { mergeArticles } from '../../../src/shared/store/articles';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { relatedArticles } from '../../../src/shared/store/related';

const opened: BaoDb[] = [];
let counter = 0;
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const DAY = 86_400_000;
function article(n: number, tags: string[]): Article {
  return { id: `a${n}`, title: `Bài ${n}`, contentText: 'x', published: Date.UTC(2024, 0, 1) - n * DAY, authors: [], tags };
}

describe('«Các tin khác»', () => {
  it('finds articles on the same topic far back in a large store, newest first', async () => {
    const db = await openStore({ name: `test-related-${counter++}` });
    opened.push(db);
    const items = Array.from({ length: 800 }, (_, n) => article(n, n === 0 || n === 400 || n === 700 ? ['Nông nghiệp'] : ['Thời sự']));
    await mergeArticles(db, items, 0);
    const related = await relatedArticles(db, items[0]!, 3);
    // Two on the same topic, hundreds of articles back; then the latest other one.
    expect(related.map((a) => a.id)).toEqual(['a400', 'a700', 'a1']);
  });

  it('falls back to the latest articles when no other shares a tag', async () => {
    const db = await openStore({ name: `test-related-${counter++}` });
    opened.push(db);
    const items = Array.from({ length: 10 }, (_, n) => article(n, n === 5 ? ['Riêng'] : []));
    await mergeArticles(db, items, 0);
    expect((await relatedArticles(db, items[5]!, 3)).map((a) => a.id)).toEqual(['a0', 'a1', 'a2']);
  });
});
