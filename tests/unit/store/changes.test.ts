import { describe, expect, it, vi } from 'vitest';
import { announceArticlesChanged, listenArticlesChanged, type ArticlesChange } from '../../../src/shared/store/changes';

describe('the articles-changed event', () => {
  it('reaches every listener in this context, in the order announced', async () => {
    const first: ArticlesChange[] = [];
    const second: ArticlesChange[] = [];
    const stops = [listenArticlesChanged((c) => first.push(c)), listenArticlesChanged((c) => second.push(c))];
    announceArticlesChanged({ changed: ['a', 'b'], removed: [] });
    announceArticlesChanged({ changed: [], removed: ['c'] });
    const expected = [
      { changed: ['a', 'b'], removed: [] },
      { changed: [], removed: ['c'] },
    ];
    await vi.waitFor(() => expect(first).toEqual(expected));
    await vi.waitFor(() => expect(second).toEqual(expected));
    stops.forEach((stop) => stop());
  });

  it('says nothing when nothing changed, and stops reaching a listener that stopped', async () => {
    const heard: ArticlesChange[] = [];
    const stopLate = listenArticlesChanged((c) => heard.push(c));
    const stopped: ArticlesChange[] = [];
    listenArticlesChanged((c) => stopped.push(c))();
    announceArticlesChanged({ changed: [], removed: [] });
    announceArticlesChanged({ changed: ['x'], removed: [] });
    await vi.waitFor(() => expect(heard).toEqual([{ changed: ['x'], removed: [] }]));
    expect(stopped).toEqual([]);
    stopLate();
  });
});
