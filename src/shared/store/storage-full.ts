/** Error names with which browsers say a write did not fit. */
const FULL_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

function nameOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string'
    ? (error as { name: string }).name
    : undefined;
}

function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null ? String((error as { message?: unknown }).message ?? '') : '';
}

/**
 * Whether a failed write means the device's storage is full, in every form
 * Chromium raises it: a QuotaExceededError from the request or the commit; an
 * AbortError from a request or `tx.done` whose transaction's own error is the
 * quota (pass the transaction); an UnknownError "Internal error…" from the
 * backing store when the disk itself is full.
 */
export function isStorageFull(error: unknown, tx?: { error: DOMException | null }): boolean {
  const name = nameOf(error);
  if (name !== undefined && FULL_NAMES.has(name)) return true;
  if (name === 'UnknownError' && /internal error/i.test(messageOf(error))) return true;
  if (name === 'AbortError' && tx) {
    try {
      return tx.error !== null && tx.error !== error && isStorageFull(tx.error);
    } catch {
      // Reading `error` of a transaction still running throws: it did not end for space.
      return false;
    }
  }
  return false;
}

/** The one error a write reports when storage is full, whichever form it came in. */
export function storageFullError(cause: unknown): DOMException {
  const error = new DOMException('Storage is full', 'QuotaExceededError');
  Object.defineProperty(error, 'cause', { value: cause });
  return error;
}
