import { describe, expect, it } from 'vitest';
import { headerShown } from '../../../src/app/state/chrome-visibility';

const header = 56;

describe('the header while scrolling', () => {
  it('goes while reading down and comes back on the first move up', () => {
    expect(headerShown(true, { from: 100, to: 400, headerHeight: header })).toBe(false);
    expect(headerShown(false, { from: 400, to: 390, headerHeight: header })).toBe(true);
  });

  it('ignores jitter of a few pixels either way', () => {
    expect(headerShown(false, { from: 400, to: 398, headerHeight: header })).toBe(false);
    expect(headerShown(true, { from: 400, to: 403, headerHeight: header })).toBe(true);
  });

  it('always shows at the top of the page', () => {
    expect(headerShown(false, { from: 10, to: 40, headerHeight: header })).toBe(true);
  });
});
