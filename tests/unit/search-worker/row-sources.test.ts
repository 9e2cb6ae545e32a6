import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { RowSources } from '../../../src/search-worker/row-sources';
import type { Article } from '../../../src/shared/feed/types';
import { mergeArticles } from '../../../src/shared/store/articles';
import { openStore } from '../../../src/shared/store/open';

const db = await openStore({ name: 'search-row-sources' });
afterAll(() => db.close());

const article = (id: string, title: string): Article => ({ id, title, contentHtml: `<p>${title}.</p>`, published: 1, authors: [], tags: [] });
const titles = async (sources: RowSources, ids: string[]) => (await sources.read(db, ids)).map((source) => source?.title);

describe('the rows kept for answers', () => {
  it('keeps nothing a read brought back when the store changed while it was on its way', async () => {
    await mergeArticles(db, [article('a', 'Mùa lúa chín')], 1);
    const sources = new RowSources();
    // The change is heard while the read is on its way: what it brings is shown once, not kept.
    const reading = titles(sources, ['a']);
    sources.forget();
    expect(await reading).toEqual(['Mùa lúa chín']);
    await mergeArticles(db, [article('a', 'Mùa lúa chín sớm')], 2);
    expect(await titles(sources, ['a'])).toEqual(['Mùa lúa chín sớm']);
  });

  it('leaves out an article no longer stored, and keeps those read for the next answer', async () => {
    await mergeArticles(db, [article('b', 'Chợ phiên'), article('c', 'Ruộng bậc thang')], 1);
    const sources = new RowSources();
    expect(await titles(sources, ['b', 'gone', 'c'])).toEqual(['Chợ phiên', undefined, 'Ruộng bậc thang']);
    // Changed in the store but not announced (only announced changes reach the worker): still the rows shown.
    await mergeArticles(db, [article('b', 'Chợ phiên vùng cao')], 2);
    expect(await titles(sources, ['b', 'c'])).toEqual(['Chợ phiên', 'Ruộng bậc thang']);
    sources.forget();
    expect(await titles(sources, ['b', 'c'])).toEqual(['Chợ phiên vùng cao', 'Ruộng bậc thang']);
  });
});
