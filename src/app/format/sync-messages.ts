import type { SyncErrorKind } from '../../shared/store/schema';
import type { SyncOutcome } from '../../shared/sync/events';
import { formatCount } from './count';

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
  busy: 'Máy chủ tin tức đang quá tải',
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

/** Failures that a wrong address gives: worth checking what was typed. */
const ADDRESS_SUSPECT = new Set<SyncErrorKind>(['unreachable', 'refused', 'too-large', 'http', 'invalid-feed']);

/**
 * What to do about a failure when nothing is stored yet. «khi có mạng» only
 * where the network is the trouble: a full phone needs room, not a network.
 */
export function firstDownloadAdvice(kind: SyncErrorKind): string {
  if (kind === 'quota') return 'Hãy xoá bớt ảnh, video hoặc ứng dụng không dùng để có chỗ trống, rồi bấm «Làm mới».';
  if (ADDRESS_SUSPECT.has(kind) || kind === 'busy') return 'Hãy bấm «Làm mới» để thử lại sau.';
  return 'Hãy bấm «Làm mới» khi có mạng.';
}

/**
 * Nothing stored though the source was read without fault: the source has
 * nothing to read, which no network would change. `dropped`: the items the
 * last refresh refused, all of them here (no body: a feed of headlines).
 */
export function emptySourceMessage(dropped: number): string {
  return dropped > 0
    ? `Nguồn tin gửi ${formatCount(dropped)} mục nhưng không mục nào có nội dung bài để đọc.`
    : 'Nguồn tin chưa có bài nào để đọc. Hãy bấm «Làm mới» để xem lại sau.';
}

/** What the settings say once the first refresh from a newly chosen feed address is over. */
export function newFeedMessage(outcome: SyncOutcome): string {
  switch (outcome.status) {
    case 'updated':
      return outcome.added > 0
        ? `Đã tải tin từ nguồn mới: ${formatCount(outcome.added)} bài mới.`
        : 'Đã đọc nguồn mới: không có bài nào mới.';
    case 'not-modified':
      return 'Đã đọc nguồn mới: không có bài nào mới.';
    case 'busy':
      return 'Đã lưu. Tin từ nguồn mới sẽ tải ở lần làm mới sau.';
    case 'failed':
      return `Đã lưu, nhưng chưa tải được tin từ nguồn mới: ${SYNC_ERROR_MESSAGES[outcome.kind]}. ${
        ADDRESS_SUSPECT.has(outcome.kind) ? 'Hãy kiểm tra lại địa chỉ.' : KEPT_ARTICLES_NOTE
      }`;
  }
}
