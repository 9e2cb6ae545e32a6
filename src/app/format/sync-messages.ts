import type { SyncErrorKind } from '../../shared/store/schema';

/** What went wrong, in the reader's words. */
export const SYNC_ERROR_MESSAGES: Record<SyncErrorKind, string> = {
  offline: 'Không kết nối được mạng',
  interrupted: 'Mất kết nối khi đang tải tin',
  timeout: 'Máy chủ không phản hồi',
  stalled: 'Máy chủ không phản hồi: mạng quá chậm hoặc bị ngắt',
  http: 'Máy chủ tin tức đang gặp lỗi',
  'captive-portal': 'Mạng Wi-Fi yêu cầu đăng nhập',
  'invalid-feed': 'Dữ liệu tin bị lỗi',
  quota: 'Bộ nhớ máy đã đầy',
  aborted: 'Cập nhật bị gián đoạn',
};

export const KEPT_ARTICLES_NOTE = 'Các bài đã tải vẫn đọc được.';
