import { describe, expect, it } from 'vitest';
import { expiredIds, keepCutoff, quotaVictims, type AgedArticle } from '../../../src/shared/store/eviction';

const DAY = 86_400_000;
const NOW = Date.parse('2024-06-15T00:00:00Z');

function row(id: string, daysOld: number, fetchedDaysAgo = daysOld): AgedArticle {
  return { id, published: NOW - daysOld * DAY, fetchedAt: NOW - fetchedDaysAgo * DAY };
}

describe('keepCutoff', () => {
  it('counts calendar months back and keeps everything at 0', () => {
    expect(new Date(keepCutoff(NOW, 3)!).toISOString()).toBe('2024-03-15T00:00:00.000Z');
    expect(keepCutoff(NOW, 0)).toBeUndefined();
  });
});

describe('expiredIds', () => {
  const cutoff = NOW - 90 * DAY;

  it('drops unsaved articles older than the cutoff, oldest first, and never a saved one', () => {
    const rows = [row('new', 1), row('old', 200), row('older', 300), row('saved-old', 400)];
    expect(expiredIds(rows, new Set(['saved-old']), cutoff)).toEqual(['older', 'old']);
  });

  it('keeps an old article that was only just downloaded', () => {
    expect(expiredIds([row('archive', 500, 2)], new Set(), cutoff)).toEqual([]);
  });

  it('keeps everything without a cutoff', () => {
    expect(expiredIds([row('a', 5000)], new Set(), undefined)).toEqual([]);
  });
});

describe('quotaVictims', () => {
  const oldestFirst = Array.from({ length: 12 }, (_, i) => `a${11 - i}`);

  it('takes the oldest quarter of the unsaved articles', () => {
    expect(quotaVictims(oldestFirst, new Set(), new Set(), 1)).toEqual(['a11', 'a10', 'a9']);
  });

  it('skips saved articles and the ones being written', () => {
    expect(quotaVictims(oldestFirst, new Set(['a11']), new Set(['a10']), 1)).toEqual(['a9', 'a8', 'a7']);
  });

  it('takes at least as many as are being written, but never more than there are', () => {
    expect(quotaVictims(oldestFirst, new Set(), new Set(), 5)).toHaveLength(5);
    expect(quotaVictims(oldestFirst, new Set(), new Set(), 50)).toHaveLength(12);
  });

  it('chooses nothing when every article is saved', () => {
    expect(quotaVictims(oldestFirst, new Set(oldestFirst), new Set(), 3)).toEqual([]);
  });
});
