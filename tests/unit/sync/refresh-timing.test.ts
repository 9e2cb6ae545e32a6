import { describe, expect, it } from 'vitest';
import { timingWith } from '../../../src/shared/sync/refresh';
import { DEFAULT_TIMING } from '../../../src/shared/sync/run-sync';

describe('timingWith', () => {
  it('is the defaults without an override', () => {
    expect(timingWith(undefined)).toEqual(DEFAULT_TIMING);
  });

  it('takes only the values the override sets', () => {
    const timing = timingWith({ stallMs: 1_500, attempts: 2 });
    expect(timing.stallMs).toBe(1_500);
    expect(timing.timeoutMs).toBe(DEFAULT_TIMING.timeoutMs);
    expect(timing.retry.attempts).toBe(2);
    expect(timing.retry.baseDelayMs).toBe(DEFAULT_TIMING.retry.baseDelayMs);
    expect(timing.retry.sleep).toBe(DEFAULT_TIMING.retry.sleep);
  });
});
