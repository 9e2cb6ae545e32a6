import { describe, expect, it } from 'vitest';
import { automaticRefreshDue, automaticRefreshHeldUntil, FULL_DISK_WAIT_MS, isFresh } from '../../../src/shared/sync/freshness';

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

// Before, opening the app (and the browser waking it) asked again a server that had said «come back in an hour».
describe('whether a refresh nobody asked for may ask a server that gave a Retry-After', () => {
  const busy = (minutesAgo: number, retryAfterMinutes: number) => ({
    lastSuccess: NOW - (minutesAgo + 60) * MINUTE,
    lastError: { kind: 'http' as const, at: NOW - minutesAgo * MINUTE, retryAfterMs: retryAfterMinutes * MINUTE },
  });

  it('waits until the time the server gave, then asks', () => {
    expect(automaticRefreshDue(busy(5, 60), NOW)).toBe(false);
    expect(automaticRefreshDue(busy(59, 60), NOW)).toBe(false);
    expect(automaticRefreshDue(busy(60, 60), NOW)).toBe(true);
  });

  it('asks as before when the failure gave no time, or a refresh has succeeded since', () => {
    expect(automaticRefreshDue({ lastSuccess: NOW - 60 * MINUTE, lastError: { kind: 'http', at: NOW - MINUTE } }, NOW)).toBe(true);
    expect(automaticRefreshDue({ ...busy(30, 60), lastSuccess: NOW - 20 * MINUTE }, NOW)).toBe(true);
    expect(automaticRefreshDue(undefined, NOW)).toBe(true);
  });

  it('waits no more than a day, however long the server asked, nor after a clock put back', () => {
    expect(automaticRefreshDue(busy(23 * 60, 365 * 24 * 60), NOW)).toBe(false);
    expect(automaticRefreshDue(busy(24 * 60, 365 * 24 * 60), NOW)).toBe(true);
    // Dated a year ahead: how much of its hour is left cannot be told.
    expect(automaticRefreshDue(busy(-365 * 24 * 60, 60), NOW)).toBe(true);
  });

  it('still does not refresh fresh articles', () => {
    expect(automaticRefreshDue({ lastSuccess: NOW - MINUTE }, NOW)).toBe(false);
  });
});

// Before, every opening (and the network coming back) after a refresh that failed on a full phone downloaded the whole
// feed again on the reader's paid data, to fail the same way.
describe('whether a refresh nobody asked for runs after one failed on a full disk', () => {
  const full = (minutesAgo: number) => ({
    lastSuccess: NOW - 2 * 24 * 60 * MINUTE,
    lastError: { kind: 'quota' as const, at: NOW - minutesAgo * MINUTE },
  });

  it('waits six hours, then asks again', () => {
    expect(automaticRefreshDue(full(5), NOW)).toBe(false);
    expect(automaticRefreshHeldUntil(full(5), NOW)).toBe(NOW - 5 * MINUTE + FULL_DISK_WAIT_MS);
    expect(automaticRefreshDue(full(6 * 60 - 1), NOW)).toBe(false);
    expect(automaticRefreshDue(full(6 * 60), NOW)).toBe(true);
    expect(automaticRefreshHeldUntil(full(6 * 60), NOW)).toBeUndefined();
  });

  it('does not wait when a refresh has succeeded since, after other failures, or after a clock put back', () => {
    expect(automaticRefreshDue({ ...full(30), lastSuccess: NOW - 10 * MINUTE - 1 }, NOW)).toBe(true);
    expect(automaticRefreshDue({ lastSuccess: NOW - 60 * MINUTE, lastError: { kind: 'offline', at: NOW - 5 * MINUTE } }, NOW)).toBe(true);
    expect(automaticRefreshDue(full(-365 * 24 * 60), NOW)).toBe(true);
  });

  it('waits for the later of a full disk and a server\'s Retry-After', () => {
    const both = { lastError: { kind: 'quota' as const, at: NOW - MINUTE, retryAfterMs: 12 * 60 * MINUTE } };
    expect(automaticRefreshHeldUntil(both, NOW)).toBe(NOW - MINUTE + 12 * 60 * MINUTE);
  });
});
