import type { SyncErrorKind } from '../../shared/store/schema';

/** What went wrong, in the reader's words. */
export const SYNC_ERROR_MESSAGES: Record<SyncErrorKind, string> = {
  offline: 'Điện thoại đang không có mạng',
  unreachable: 'Không kết nối được tới nguồn tin',
  refused: 'Nguồn tin không cho phép ứng dụng đọc',
  'too-large': 'Nguồn tin quá lớn để tải về điện thoại',
  interrupted: 'Mất kết nối khi đang tải tin',
  timeout: 'Máy chủ không phản hồi',
  stalled: 'Máy chủ không phản hồi: mạng quá chậm hoặc bị ngắt',
  http: 'Máy chủ tin tức đang gặp lỗi',
  'captive-portal': 'Mạng yêu cầu đăng nhập hoặc đã hết dung lượng',
  'invalid-feed': 'Dữ liệu tin bị lỗi',
  quota: 'Bộ nhớ điện thoại đã đầy, không lưu thêm được tin mới',
  aborted: 'Cập nhật bị gián đoạn',
};

export const KEPT_ARTICLES_NOTE = 'Các bài đã tải vẫn đọc được.';

/** A retry in progress: `retry` counts retries from 1, out of the `retries` the refresh may make. */
export function retryMessage(retry: number, retries: number): string {
  return `Đang thử lại (${retry}/${retries})…`;
}
