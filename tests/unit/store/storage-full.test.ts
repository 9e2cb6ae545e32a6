import { describe, expect, it } from 'vitest';
import { isStorageFull } from '../../../src/shared/store/storage-full';

const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isStorageFull', () => {
  it('recognises every form Chromium reports a full store in', () => {
    expect(isStorageFull(quota)).toBe(true);
    // A request or tx.done rejected as aborted, the transaction itself failing for quota.
    expect(isStorageFull(new DOMException('The transaction was aborted.', 'AbortError'), { error: quota })).toBe(true);
    // The backing store on a disk with no space left.
    expect(isStorageFull(new DOMException('Internal error committing transaction.', 'UnknownError'))).toBe(true);
    expect(isStorageFull(new DOMException('quota', 'NS_ERROR_DOM_QUOTA_REACHED'))).toBe(true);
  });

  it('does not take other failures for a full disk', () => {
    expect(isStorageFull(new DOMException('The transaction was aborted.', 'AbortError'))).toBe(false);
    expect(isStorageFull(new DOMException('aborted', 'AbortError'), { error: null })).toBe(false);
    expect(isStorageFull(new DOMException('Failed to clone', 'DataCloneError'))).toBe(false);
    expect(isStorageFull(new TypeError('x'))).toBe(false);
    expect(isStorageFull('QuotaExceededError')).toBe(false);
  });
});
