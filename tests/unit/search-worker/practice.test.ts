import { describe, expect, it } from 'vitest';
import { practiceArticles } from '../../../src/search-worker/practice';
import { foldKey } from '../../../src/shared/search/fold';
import { SearchIndex } from '../../../src/shared/search/search-index';
import { forEachSyllable } from '../../../src/shared/search/tokenize';
import { WARM_UP_TITLES } from '../../../src/shared/search/warm-up';

/**
 * The warm-up (practice.ts) only helps the reader's first queries if it runs
 * the code they run, on data of the same kinds: V8 throws away code optimised
 * for what it saw, and the reader's first queries then pay for it again.
 */
describe('practice index', () => {
  const articles = practiceArticles();

  it('dates its articles in milliseconds, as stored articles are, not with small integers', () => {
    for (const a of articles) expect(a.published).toBeGreaterThan(1e12);
  });

  it('asks about words held by articles far apart, whose records take gaps of more than one byte, as a real index’s rare words do', () => {
    const syllables = (text: string): string[] => {
      const out: string[] = [];
      forEachSyllable(text, (s, e) => void out.push(foldKey(text.slice(s, e))));
      return out;
    };
    const holders = new Map<string, number[]>();
    articles.forEach((a, i) => {
      for (const w of new Set(syllables(`${a.title} ${a.summary} ${a.text}`))) holders.set(w, [...(holders.get(w) ?? []), i]);
    });
    const widestGap = (w: string): number => {
      const at = holders.get(w) ?? [];
      return Math.max(at[0] ?? 0, ...at.slice(1).map((d, k) => d - (at[k] as number)));
    };
    // The queries the practice asks (practice.ts).
    const asked = SearchIndex.build(articles).warmUpQueries(articles.slice(-WARM_UP_TITLES).map((a) => a.title));
    const far = asked.filter((q) => syllables(q).some((w) => widestGap(w) >= 128));
    expect(far.length).toBeGreaterThanOrEqual(asked.length / 4);
  });
});
