import type { FeedErrorKind } from '../feed/types';
import type { SyncErrorKind } from '../store/schema';

export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** A refresh that did not complete, with the reason the reader is told. */
export class SyncFailure extends Error {
  readonly kind: SyncErrorKind;
  readonly status?: number;
  readonly feedError?: FeedErrorKind;
  /** For a page refused as too large: its validators, so the same page is not downloaded again. */
  readonly validators?: Validators;
  /** For a body cut off at the limit: the hash of its first bytes, so a repeat of it is recognised early. */
  readonly prefix?: string;
  /** How long the server asked to be left alone (Retry-After), in ms. */
  readonly retryAfterMs?: number;

  constructor(
    kind: SyncErrorKind,
    message: string,
    extra: { status?: number; feedError?: FeedErrorKind; validators?: Validators; prefix?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'SyncFailure';
    this.kind = kind;
    this.status = extra.status;
    this.feedError = extra.feedError;
    this.validators = extra.validators;
    this.prefix = extra.prefix;
    this.retryAfterMs = extra.retryAfterMs;
  }

  /** Worth another try in a moment: the network, not the feed, was at fault. */
  get transient(): boolean {
    if (this.kind === 'http') return this.status === undefined || this.status >= 500;
    // Not 'offline': the browser knows there is no network, so trying again now cannot help.
    return ['unreachable', 'interrupted', 'timeout', 'stalled', 'busy'].includes(this.kind);
  }
}
