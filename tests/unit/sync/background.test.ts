import { describe, expect, it } from 'vitest';
import { failIfWorthRetrying, RETRY_TAG, retryTooSoon, retryVerdict, scheduleRetry, worthRetryingLater } from '../../../src/shared/sync/background';
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

// Chromium fires a registered sync at once on a line it counts as up: the refresh's tries were repeated by themselves.
describe('retryTooSoon', () => {
  const NOW = 1_000_000;
  const meta = (kind: SyncErrorKind, ago: number, lastSuccess?: number) => ({ lastError: { kind, at: NOW - ago }, lastSuccess });

  it('holds a Background Sync retry for a minute after a failure on a working line', () => {
    for (const kind of ['interrupted', 'stalled', 'timeout', 'http', 'unreachable', 'captive-portal'] as const) {
      expect(retryTooSoon(meta(kind, 1_000), NOW), kind).toBe(true);
      expect(retryTooSoon(meta(kind, 60_000), NOW), kind).toBe(false);
    }
  });

  it('never holds it after «no network», after a later success, or with no failure', () => {
    expect(retryTooSoon(meta('offline', 1_000), NOW)).toBe(false);
    expect(retryTooSoon(meta('interrupted', 1_000, NOW), NOW)).toBe(false);
    expect(retryTooSoon({}, NOW)).toBe(false);
    expect(retryTooSoon(undefined, NOW)).toBe(false);
  });
});

// Chromium tries a sync three times within 20 minutes, then gives up: an hour's Retry-After refused them all.
describe('a server that asks to be left alone longer than Background Sync tries', () => {
  const NOW = 1_000_000_000;
  const busy = (retryAfterMs: number) => ({ status: 'failed' as const, kind: 'http' as const, at: NOW, retryAfterMs });
  const meta = (retryAfterMs: number, ago = 0) => ({ lastError: { kind: 'http' as const, at: NOW - ago, retryAfterMs } });

  it('is not handed to Background Sync, whose tries would all come too soon', async () => {
    const tags: string[] = [];
    const sync = { register: async (tag: string) => void tags.push(tag) };
    expect(await scheduleRetry(busy(3_600_000), sync)).toBe(false);
    expect(() => failIfWorthRetrying(busy(3_600_000))).not.toThrow();
    expect(tags).toEqual([]);
    // Ten minutes is within the browser's tries: its last one, 20 minutes on, comes after it.
    expect(await scheduleRetry(busy(600_000), sync)).toBe(true);
    expect(() => failIfWorthRetrying(busy(600_000))).toThrow();
  });

  it('ends a sync event that comes during such a wait, rather than fail it for the browser to come back for nothing', () => {
    expect(retryVerdict(meta(3_600_000), NOW)).toBe('leave');
    expect(retryVerdict(meta(3_600_000, 3_000_000), NOW)).toBe('later');
    expect(retryVerdict(meta(3_600_000, 3_600_000), NOW)).toBe('refresh');
    expect(retryVerdict(meta(600_000), NOW)).toBe('later');
    expect(retryVerdict(undefined, NOW)).toBe('refresh');
  });
});
