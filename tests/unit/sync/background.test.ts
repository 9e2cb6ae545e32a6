import { describe, expect, it } from 'vitest';
import { worthRetryingLater } from '../../../src/shared/sync/background';
import type { SyncErrorKind } from '../../../src/shared/store/schema';

describe('worthRetryingLater', () => {
  const failed = (kind: SyncErrorKind) => ({ status: 'failed' as const, kind, at: 1 });

  it('retries what the network or a Wi-Fi login caused', () => {
    for (const kind of ['offline', 'interrupted', 'timeout', 'stalled', 'http', 'captive-portal'] as const) {
      expect(worthRetryingLater(failed(kind)), kind).toBe(true);
    }
  });

  it('does not retry a broken feed, a full disk or a success', () => {
    for (const kind of ['invalid-feed', 'quota', 'aborted'] as const) expect(worthRetryingLater(failed(kind)), kind).toBe(false);
    expect(worthRetryingLater({ status: 'not-modified' })).toBe(false);
    expect(worthRetryingLater({ status: 'busy' })).toBe(false);
  });
});
