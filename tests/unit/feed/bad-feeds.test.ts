import { afterAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/shared/feed/parse';
import { FeedError, type ParsedFeed } from '../../../src/shared/feed/types';
import { badFeeds, FIXTURE_FEED_URL } from '../../fixtures/bad-feeds';

const NOW = Date.parse('2024-06-01T00:00:00Z');

function parse(body: string): ParsedFeed {
  return parseFeed(body, FIXTURE_FEED_URL, { now: NOW });
}

function urlsOf(feed: ParsedFeed): string[] {
  const urls = [feed.homePageUrl, feed.nextUrl];
  for (const item of feed.items) {
    urls.push(item.url, item.image, item.bannerImage, ...item.authors.map((a) => a.url));
  }
  return urls.filter((url): url is string => url !== undefined);
}

describe('bad feed fixtures', () => {
  it('has at least 40 cases with unique names', () => {
    expect(badFeeds.length).toBeGreaterThanOrEqual(40);
    expect(new Set(badFeeds.map((c) => c.name)).size).toBe(badFeeds.length);
  });

  for (const testCase of badFeeds) {
    it(testCase.name, () => {
      const body = testCase.body();
      const expected = testCase.expect;
      if ('error' in expected) {
        let thrown: unknown;
        try {
          parse(body);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(FeedError);
        expect((thrown as FeedError).kind).toBe(expected.error);
        return;
      }
      const feed = parse(body);
      expect(feed.items).toHaveLength(expected.items);
      expect(feed.dropped).toHaveLength(expected.dropped ?? 0);
      for (const url of urlsOf(feed)) expect(url).toMatch(/^https?:\/\//);
      if (testCase.xss === true) {
        // The parser keeps markup; DOMPurify at render time is the defence.
        expect(feed.items[0]?.contentHtml).toContain('__xss');
        expect(feed.items[0]?.url).toBeUndefined();
      }
    });
  }

  afterAll(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
