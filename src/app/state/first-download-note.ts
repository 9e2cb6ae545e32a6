/**
 * «Đã lưu 39 bài để đọc khi không có mạng», said once, after the first
 * download: the moment the reader learns the app works without a network.
 */
const KEY = 'bao-told-offline-count';

/** True until the note has been said on this phone; asking does not say it. */
export function firstDownloadNoteDue(storage: Pick<Storage, 'getItem'> = localStorage): boolean {
  try {
    return !storage.getItem(KEY);
  } catch {
    return false;
  }
}

/** True the first time it is asked on this phone (and then never again). */
export function takeFirstDownloadNote(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): boolean {
  try {
    if (storage.getItem(KEY)) return false;
    storage.setItem(KEY, new Date().toISOString());
    return true;
  } catch {
    return false;
  }
}
