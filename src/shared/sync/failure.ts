import type { FeedErrorKind } from '../feed/types';
import type { SyncErrorKind } from '../store/schema';

/** A refresh that did not complete, with the reason the reader is told. */
export class SyncFailure extends Error {
  readonly kind: SyncErrorKind;
  readonly status?: number;
  readonly feedError?: FeedErrorKind;

  constructor(kind: SyncErrorKind, message: string, extra: { status?: number; feedError?: FeedErrorKind } = {}) {
    super(message);
    this.name = 'SyncFailure';
    this.kind = kind;
    this.status = extra.status;
    this.feedError = extra.feedError;
  }

  /** Worth another try in a moment: the network, not the feed, was at fault. */
  get transient(): boolean {
    if (this.kind === 'http') return this.status === undefined || this.status >= 500 || this.status === 429;
        // Not 'offline': the browser knows there is no network, so trying again now cannot help.
    return ['unreachable', 'interrupted', 'timeout', 'stalled'].includes(this.kind);
  }
}
