export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** 0 ≤ random() < 1; injected so tests are deterministic. */
  random: () => number;
}

/** Exponential backoff with full jitter, so many phones do not retry in step. */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

export async function withRetry<T>(
  task: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  shouldRetry: (error: unknown) => boolean,
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void,
  /** The least wait an error asks for (a server's Retry-After): the next try comes no sooner. */
  leastDelay?: (error: unknown) => number | undefined,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt >= policy.attempts || !shouldRetry(error)) throw error;
      const delay = Math.max(backoffDelay(attempt, policy), leastDelay?.(error) ?? 0);
      onRetry?.(attempt, delay, error);
      await policy.sleep(delay);
    }
  }
}
