import { isStorageFull } from '../../shared/store/storage-full';

/**
 * Why «Lưu bài» (or taking it back) did not happen, in words that are true:
 * only a full storage is blamed on the phone's space; any other failure (a
 * database closed under the write, a disk error) is said to be a failed write.
 */
export function saveFailureMessage(error: unknown, saving: boolean): string {
  if (saving && isStorageFull(error)) {
    return 'Không lưu được bài này: bộ nhớ điện thoại đã đầy. Có thể xoá ảnh đã lưu tạm trong «Cài đặt» › «Bộ nhớ».';
  }
  return saving ? 'Không lưu được bài này do máy gặp lỗi khi ghi. Hãy thử lại.' : 'Không bỏ lưu được bài này do máy gặp lỗi khi ghi. Hãy thử lại.';
}

/** Why «Đánh dấu chưa đọc» / «đã đọc» did not happen. */
export function readMarkFailureMessage(error: unknown): string {
  return isStorageFull(error)
    ? 'Không đánh dấu được bài này: bộ nhớ điện thoại đã đầy.'
    : 'Không đánh dấu được bài này do máy gặp lỗi khi ghi. Hãy thử lại.';
}
