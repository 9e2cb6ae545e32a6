import { describe, expect, it } from 'vitest';
import { walkFeed, type FetchedPage, type WalkOptions } from '../../../src/shared/feed/pages';
import type { Article, ParsedFeed } from '../../../src/shared/feed/types';

function article(id: string): Article {
  return { id, title: id, contentText: id, published: 0, authors: [], tags: [] };
}

function page(ids: string[], nextUrl?: string, dropped = 0): ParsedFeed {
  const feed: ParsedFeed = {
    version: '1.1',
    title: '',
    items: ids.map(article),
    dropped: Array.from({ length: dropped }, (_, index) => ({ index, reason: 'no-id' as const })),
  };
  if (nextUrl !== undefined) feed.nextUrl = nextUrl;
  return feed;
}

function fakeServer(pages: Record<string, ParsedFeed>) {
  const fetched: string[] = [];
  const fetchPage = async (url: string): Promise<FetchedPage> => {
    fetched.push(url);
    const found = pages[url];
    if (found === undefined) throw new Error(`404 ${url}`);
    return found;
  };
  return { fetched, fetchPage };
}

const never = () => false;

/** Options for a walk: nothing stored, no budget limit, the archive not yet known. */
function options(extra: Partial<WalkOptions> = {}): WalkOptions {
  return { isUnchanged: never, mayFetchMore: () => true, archiveCursor: 'unknown', followArchive: true, ...extra };
}
const ids = (items: Article[]) => items.map((a) => a.id);

describe('walkFeed', () => {
  it('follows next_url to the end and dedupes ids across pages (first wins); the archive is then complete', async () => {
    const server = fakeServer({
      'https://x.vn/1': page(['a', 'b'], 'https://x.vn/2', 1),
      'https://x.vn/2': page(['b', 'c'], 'https://x.vn/3'),
      'https://x.vn/3': page(['d']),
    });
    const result = await walkFeed('https://x.vn/1', server.fetchPage, options());
    expect(ids(result.items)).toEqual(['a', 'b', 'c', 'd']);
    expect(result).toMatchObject({ pages: 3, dropped: 2, head: 'end', cursor: undefined });
    expect(server.fetched).toEqual(['https://x.vn/1', 'https://x.vn/2', 'https://x.vn/3']);
  });

  it('stops at the first page holding an article stored unchanged: 3 new articles cost one page', async () => {
    const stored = new Set(['c', 'd', 'e']);
    const server = fakeServer({
      'https://x.vn/1': page(['new1', 'new2', 'new3', 'c', 'd'], 'https://x.vn/2'),
      'https://x.vn/2': page(['e', 'f'], 'https://x.vn/3'),
    });
    const result = await walkFeed('https://x.vn/1', server.fetchPage, options({ isUnchanged: (item) => stored.has(item.id), archiveCursor: undefined }));
    expect(ids(result.items)).toEqual(['new1', 'new2', 'new3']);
    expect(result).toMatchObject({ pages: 1, head: 'caught-up', cursor: undefined });
    expect(server.fetched).toEqual(['https://x.vn/1']);
  });

  it('keeps changed articles from the page it stops on', async () => {
    const server = fakeServer({ 'https://x.vn/1': page(['sua', 'cu'], 'https://x.vn/2') });
    const result = await walkFeed('https://x.vn/1', server.fetchPage, options({ isUnchanged: (item) => item.id === 'cu', archiveCursor: undefined }));
    expect(ids(result.items)).toEqual(['sua']);
  });

  it('stops at a page the server says is unchanged (304)', async () => {
    const fetched: string[] = [];
    const result = await walkFeed('https://x.vn/1', async (url) => (fetched.push(url), 'unchanged'), options({ archiveCursor: undefined }));
    expect(result).toMatchObject({ items: [], pages: 1, head: 'unchanged' });
    expect(fetched).toEqual(['https://x.vn/1']);
  });

  it('leaves a cursor where the budget ran out, and resumes the archive there once the head is caught up', async () => {
    const server = fakeServer({
      'https://x.vn/1': page(['a'], 'https://x.vn/2'),
      'https://x.vn/2': page(['b'], 'https://x.vn/3'),
      'https://x.vn/3': page(['c'], 'https://x.vn/4'),
      'https://x.vn/4': page(['d']),
    });
    let allowed = 1;
    const first = await walkFeed('https://x.vn/1', server.fetchPage, options({ mayFetchMore: () => allowed-- > 0 }));
    expect(ids(first.items)).toEqual(['a', 'b']);
    expect(first).toMatchObject({ head: 'budget', cursor: 'https://x.vn/3' });

    const stored = new Set(ids(first.items));
    server.fetched.length = 0;
    allowed = 1;
    const second = await walkFeed(
      'https://x.vn/1',
      server.fetchPage,
      options({ isUnchanged: (item) => stored.has(item.id), mayFetchMore: () => allowed-- > 0, archiveCursor: first.cursor }),
    );
    // Page 1 to see it holds nothing new, then the archive from the cursor: page 2 is not read again.
    expect(server.fetched).toEqual(['https://x.vn/1', 'https://x.vn/3']);
    expect(ids(second.items)).toEqual(['c']);
    expect(second).toMatchObject({ head: 'caught-up', archive: 'budget', cursor: 'https://x.vn/4' });
  });

  it('starts the archive after the head on the first refresh that learns where the head ends', async () => {
    const server = fakeServer({ 'https://x.vn/1': page(['a', 'b'], 'https://x.vn/2'), 'https://x.vn/2': page(['c']) });
    const result = await walkFeed('https://x.vn/1', server.fetchPage, options({ isUnchanged: (item) => item.id === 'b', followArchive: false }));
    expect(result).toMatchObject({ head: 'caught-up', cursor: 'https://x.vn/2' });
    expect(server.fetched).toEqual(['https://x.vn/1']);
  });

  it('does not stop the archive walk at stored articles: older pages shift as new ones arrive', async () => {
    const server = fakeServer({
      'https://x.vn/1': page(['moi', 'a'], 'https://x.vn/2'),
      'https://x.vn/2': page(['b', 'c'], 'https://x.vn/3'),
      'https://x.vn/3': page(['d']),
    });
    const stored = new Set(['a', 'b']);
    const result = await walkFeed('https://x.vn/1', server.fetchPage, options({ isUnchanged: (item) => stored.has(item.id), archiveCursor: 'https://x.vn/2' }));
    expect(ids(result.items)).toEqual(['moi', 'c', 'd']);
    expect(result).toMatchObject({ archive: 'end', cursor: undefined });
  });

  it('ends an archive walk at a failing page with the cursor on it, keeping what came before', async () => {
    const server = fakeServer({ 'https://x.vn/1': page(['moi', 'a'], 'https://x.vn/2'), 'https://x.vn/2': page(['b'], 'https://x.vn/missing') });
    const result = await walkFeed('https://x.vn/1', server.fetchPage, options({ isUnchanged: (item) => item.id === 'a', archiveCursor: 'https://x.vn/2' }));
    expect(ids(result.items)).toEqual(['moi', 'b']);
    expect(result).toMatchObject({ archive: 'failed', cursor: 'https://x.vn/missing' });
  });

  it('detects cycles', async () => {
    const server = fakeServer({
      'https://x.vn/1': page(['a'], 'https://x.vn/2'),
      'https://x.vn/2': page(['b'], 'https://X.vn/1'),
    });
    const result = await walkFeed('https://x.vn/1', server.fetchPage, options());
    expect(result).toMatchObject({ pages: 2, head: 'cycle', cursor: undefined });
    expect(ids(result.items)).toEqual(['a', 'b']);
  });

  it('propagates errors on the head: a refresh missing new articles must not look complete', async () => {
    const server = fakeServer({ 'https://x.vn/1': page(['a'], 'https://x.vn/missing') });
    await expect(walkFeed('https://x.vn/1', server.fetchPage, options())).rejects.toThrow('404');
  });
});
