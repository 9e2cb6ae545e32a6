import { describe, expect, it } from 'vitest';
import { failIfWorthRetrying, RETRY_TAG, scheduleRetry, worthRetryingLater } from '../../../src/shared/sync/background';
import type { SyncErrorKind } from '../../../src/shared/store/schema';

describe('worthRetryingLater', () => {
  const failed = (kind: SyncErrorKind) => ({ status: 'failed' as const, kind, at: 1 });

  it('retries what the network or a Wi-Fi login caused', () => {
    for (const kind of ['offline', 'unreachable', 'interrupted', 'timeout', 'stalled', 'http', 'captive-portal'] as const) {
      expect(worthRetryingLater(failed(kind)), kind).toBe(true);
    }
  });

  it('does not retry a broken feed, a full disk or a success', () => {
    for (const kind of ['invalid-feed', 'quota', 'aborted'] as const) expect(worthRetryingLater(failed(kind)), kind).toBe(false);
    expect(worthRetryingLater({ status: 'not-modified' })).toBe(false);
    expect(worthRetryingLater({ status: 'busy' })).toBe(false);
  });
});

describe('Background Sync', () => {
  const offline = { status: 'failed' as const, kind: 'offline' as const, at: 1 };
  const broken = { status: 'failed' as const, kind: 'invalid-feed' as const, at: 1 };

  it('registers the retry tag after a network failure only', async () => {
    const tags: string[] = [];
    const sync = { register: async (tag: string) => void tags.push(tag) };
    expect(await scheduleRetry(offline, sync)).toBe(true);
    expect(await scheduleRetry(broken, sync)).toBe(false);
    expect(await scheduleRetry({ status: 'not-modified' }, sync)).toBe(false);
    expect(tags).toEqual([RETRY_TAG]);
  });

  it('changes nothing where the browser has no Background Sync or refuses it', async () => {
    expect(await scheduleRetry(offline, undefined)).toBe(false);
    expect(await scheduleRetry(offline, { register: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) })).toBe(false);
  });

  it('fails the sync event itself so the browser backs off, but only when another try may help', () => {
    expect(() => failIfWorthRetrying(offline)).toThrow(/offline/);
    expect(() => failIfWorthRetrying(broken)).not.toThrow();
    expect(() => failIfWorthRetrying({ status: 'updated', added: 1, updated: 0, dropped: 0 })).not.toThrow();
  });
});
