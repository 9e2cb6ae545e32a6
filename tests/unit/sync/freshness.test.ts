import { describe, expect, it } from 'vitest';
import { isFresh } from '../../../src/shared/sync/freshness';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 11, 2, 6, 0);

describe('whether opening the app downloads the news again', () => {
  it('does not within ten minutes of the last refresh that succeeded, and does after', () => {
    expect(isFresh(NOW - 9 * MINUTE, NOW)).toBe(true);
    expect(isFresh(NOW - 11 * MINUTE, NOW)).toBe(false);
  });

  it('does when nothing was ever downloaded', () => {
    expect(isFresh(undefined, NOW)).toBe(false);
  });

  // The page's refresh worker (a reload before the service worker took over) and the page itself decide alike.
  it('does when the last refresh is dated ahead by a clock since put back', () => {
    expect(isFresh(NOW + 365 * 24 * 60 * MINUTE, NOW)).toBe(false);
    expect(isFresh(NOW + MINUTE, NOW)).toBe(true);
  });
});
