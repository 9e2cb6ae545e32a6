import { describe, expect, it } from 'vitest';
import { collectPages } from '../../../src/shared/feed/pages';
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
  const fetchPage = async (url: string): Promise<ParsedFeed> => {
    fetched.push(url);
    const found = pages[url];
    if (found === undefined) throw new Error(`404 ${url}`);
    return found;
  };
  return { fetched, fetchPage };
}

const never = () => false;

describe('collectPages', () => {
  it('follows next_url to the end and dedupes ids across pages (first wins)', async () => {
    const server = fakeServer({
      'https://x.vn/1': page(['a', 'b'], 'https://x.vn/2', 1),
      'https://x.vn/2': page(['b', 'c'], 'https://x.vn/3'),
      'https://x.vn/3': page(['d']),
    });
    const result = await collectPages('https://x.vn/1', server.fetchPage, { maxPages: 10, isKnown: never });
    expect(result.items.map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(result).toMatchObject({ pages: 3, dropped: 2, stoppedBecause: 'end' });
    expect(server.fetched).toEqual(['https://x.vn/1', 'https://x.vn/2', 'https://x.vn/3']);
  });

  it('stops at maxPages', async () => {
    const server = fakeServer({
      'https://x.vn/1': page(['a'], 'https://x.vn/2'),
      'https://x.vn/2': page(['b'], 'https://x.vn/3'),
      'https://x.vn/3': page(['c']),
    });
    const result = await collectPages('https://x.vn/1', server.fetchPage, { maxPages: 2, isKnown: never });
    expect(result).toMatchObject({ pages: 2, stoppedBecause: 'max-pages' });
    expect(server.fetched).toEqual(['https://x.vn/1', 'https://x.vn/2']);
  });

  it('stops after the first page whose items are all known, keeping that page', async () => {
    const known = new Set(['c', 'd']);
    const server = fakeServer({
      'https://x.vn/1': page(['a', 'b', 'c'], 'https://x.vn/2'),
      'https://x.vn/2': page(['c', 'd'], 'https://x.vn/3'),
      'https://x.vn/3': page(['e']),
    });
    const result = await collectPages('https://x.vn/1', server.fetchPage, { maxPages: 10, isKnown: (id) => known.has(id) });
    expect(result.items.map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(result).toMatchObject({ pages: 2, stoppedBecause: 'all-known', dropped: 1 });
  });

  it('does not treat an empty page as all known', async () => {
    const server = fakeServer({ 'https://x.vn/1': page([], 'https://x.vn/2'), 'https://x.vn/2': page(['a']) });
    const result = await collectPages('https://x.vn/1', server.fetchPage, { maxPages: 10, isKnown: () => true });
    expect(result).toMatchObject({ pages: 2, stoppedBecause: 'end' });
  });

  it('detects cycles', async () => {
    const server = fakeServer({
      'https://x.vn/1': page(['a'], 'https://x.vn/2'),
      'https://x.vn/2': page(['b'], 'https://X.vn/1'),
    });
    const result = await collectPages('https://x.vn/1', server.fetchPage, { maxPages: 10, isKnown: never });
    expect(result).toMatchObject({ pages: 2, stoppedBecause: 'cycle' });
    expect(result.items.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('fetches nothing when maxPages is 0', async () => {
    const server = fakeServer({});
    const result = await collectPages('https://x.vn/1', server.fetchPage, { maxPages: 0, isKnown: never });
    expect(result).toEqual({ items: [], dropped: 0, pages: 0, stoppedBecause: 'max-pages' });
  });

  it('propagates fetch errors', async () => {
    const server = fakeServer({ 'https://x.vn/1': page(['a'], 'https://x.vn/missing') });
    await expect(collectPages('https://x.vn/1', server.fetchPage, { maxPages: 10, isKnown: never })).rejects.toThrow('404');
  });
});
