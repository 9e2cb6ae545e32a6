import { describe, expect, it } from 'vitest';
import { backoffDelay, withRetry, type RetryPolicy } from '../../../src/shared/sync/retry';

function policy(random = 0.5): RetryPolicy & { slept: number[] } {
  const slept: number[] = [];
  return {
    attempts: 4,
    baseDelayMs: 1000,
    maxDelayMs: 3000,
    random: () => random,
    sleep: async (ms) => {
      slept.push(ms);
    },
    slept,
  };
}

describe('backoff', () => {
  it('doubles up to the ceiling, with jitter in the upper half', () => {
    const low = policy(0);
    const high = policy(0.999);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, low))).toEqual([500, 1000, 1500, 1500]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, high))).toEqual([1000, 1999, 2999, 2999]);
  });
});

describe('withRetry', () => {
  it('tries again after transient errors and returns the first success', async () => {
    const p = policy();
    let calls = 0;
    const result = await withRetry(
      async () => {
        if (++calls < 3) throw new Error('flaky');
        return 'ok';
      },
      p,
      () => true,
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(p.slept).toEqual([750, 1500]);
  });

  it('stops at the bound and rethrows the last error', async () => {
    const p = policy();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          throw new Error(`fail ${++calls}`);
        },
        p,
        () => true,
      ),
    ).rejects.toThrow('fail 4');
    expect(p.slept).toHaveLength(3);
  });

  it('does not retry what retrying cannot fix', async () => {
    const p = policy();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('bad feed');
        },
        p,
        () => false,
      ),
    ).rejects.toThrow('bad feed');
    expect(calls).toBe(1);
  });

  it('waits at least as long as the error asks (a server\'s Retry-After)', async () => {
    const p = policy();
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls < 3) throw new Error(calls === 1 ? 'wait 20 s' : 'no time given');
        return 'ok';
      },
      p,
      () => true,
      undefined,
      (error) => ((error as Error).message === 'wait 20 s' ? 20_000 : undefined),
    );
    expect(p.slept).toEqual([20_000, 1500]);
  });
});
