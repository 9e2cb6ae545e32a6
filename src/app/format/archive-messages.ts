import type { ArchiveMore } from '../actions/archive';

/** Beside «Máy đang giữ … tin cũ nhất từ …»: whether the source has older articles still to download. */
export function archiveMessage(more: ArchiveMore): string {
  if (more === 'no') return 'Đã tải hết các bài nguồn tin còn giữ.';
  if (more === 'yes') return 'Nguồn tin còn bài cũ hơn, chưa tải về máy.';
  return 'Nguồn tin có thể còn bài cũ hơn.';
}
