import type { SyncErrorKind } from '../store/schema';

/** Channel on which whoever runs a refresh (service worker or page) reports it. */
export const SYNC_CHANNEL = 'bao-sync';

/** Counts for the status bar; which articles changed is announced on the articles channel (store/changes.ts). */
export type SyncOutcome =
  | { status: 'updated'; added: number; updated: number; dropped: number }
  | { status: 'not-modified' }
  /** `retryAfterMs`: how long the server asked to be left alone (Retry-After), where it said. */
  | { status: 'failed'; kind: SyncErrorKind; at: number; retryAfterMs?: number }
  /** Another refresh was already running; its own events tell how it went. */
  | { status: 'busy' };

export type SyncEvent =
  | { type: 'start' }
  | { type: 'progress'; page: number; received: number; total?: number }
  /** `retry` counts from 1 up to `retries`, the most this refresh will make. */
  | { type: 'retry'; retry: number; retries: number; delayMs: number }
  | { type: 'done'; outcome: SyncOutcome };

/** Messages the page sends to the service worker (SKIP_WAITING is workbox-window's own). */
/** `archive`: the reader asked for older articles («Tải thêm bài cũ»), even on a metered line. */
export type PageToWorkerMessage = { type: 'sync'; archive?: boolean } | { type: 'SKIP_WAITING' };

/**
 * What the page asks of its own refresh worker (src/refresh-worker), and its answer: the outcome, none if nothing ran.
 * `unlessFresh`: nothing runs if the articles are fresh (freshness.ts).
 */
export type RefreshWorkerRequest = { archive?: boolean; unlessFresh?: boolean };
export type RefreshWorkerReply = { outcome?: SyncOutcome };
