import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createSearchHandlers } from '../../../src/search-worker/handlers';
import type { Article } from '../../../src/shared/feed/types';
import type { SearchWorkerMessage } from '../../../src/shared/search/protocol';
import { mergeArticles } from '../../../src/shared/store/articles';
import { openStore } from '../../../src/shared/store/open';

// Every conversion of markup to text, with how much markup it was given.
const converted: number[] = [];
vi.mock('../../../src/shared/feed/text', async (original) => {
  const real = await original<typeof import('../../../src/shared/feed/text')>();
  return {
    ...real,
    htmlToText: (html: string) => {
      converted.push(html.length);
      return real.htmlToText(html);
    },
  };
});

const db = await openStore({ name: 'search-rows' });
afterAll(() => db.close());

/** An article of about 1 MB: the phrase near the start, then 20,000 paragraphs. */
const long = (i: number): Article => ({
  id: `dai-${i}`,
  title: `Biên bản kỳ họp số ${i}`,
  contentHtml: `<p>Phiên chất vấn về đường cao tốc Bắc Nam.</p>${'<p>Đại biểu phát biểu ý kiến.</p>'.repeat(20_000)}`,
  published: Date.parse('2023-02-06T08:00:00+07:00') + i,
  authors: [],
  tags: [],
});

describe('result rows', () => {
  it('quote a long article from the start of its text without converting the whole body', async () => {
    await mergeArticles(db, Array.from({ length: 10 }, (_, i) => long(i)), 1);
    const posted: SearchWorkerMessage[] = [];
    const handlers = createSearchHandlers({ db: Promise.resolve(db), post: (m) => posted.push(m), onIndexChanged: () => undefined });
    // The index is built first (it reads every body whole, once); that query shows no article.
    await handlers.onRequest({ id: 1, type: 'search', query: 'zzzzzz', limit: 30 });
    expect(posted.find((m) => m.type === 'results' && m.id === 1)).toMatchObject({ rows: [], looseRows: [] });
    converted.length = 0;
    await handlers.onRequest({ id: 2, type: 'search', query: 'cao toc bac nam', limit: 30 });
    const answer = posted.find((m) => m.type === 'results' && m.id === 2);
    expect(answer).toMatchObject({ total: 10 });
    if (answer?.type !== 'results') return;
    expect(answer.rows[0]?.snippet.text).toMatch(/^Phiên chất vấn về đường cao tốc Bắc Nam\.\s+Đại biểu/);
    expect(answer.rows[0]?.snippet.text.endsWith('…')).toBe(true);
    expect(converted.length).toBeGreaterThan(0);
    expect(Math.max(...converted)).toBeLessThanOrEqual(80_000);
  });
});
