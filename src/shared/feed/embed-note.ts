/**
 * What a reader is told where an article had a video, a recording or an
 * embedded page that cannot play offline. One wording for the app (which
 * replaces players when it shows an article) and the publisher (which
 * replaces them when it writes the feed).
 */
export type EmbedKind = 'video' | 'audio' | 'other';

const VIDEO_HOST = /youtube\.com|youtu\.be|vimeo\.com|dailymotion\.com|tiktok\.com|facebook\.com\/plugins\/video|\/video|\.mp4|\.webm|\.m3u8/i;

export const EMBED_WHAT = { video: 'Video', audio: 'Bản ghi âm thanh', other: 'Phần nhúng của bài gốc' } as const;
/** Labels of the note's link, to the article's page. */
export const EMBED_LINK = { video: 'Xem video ở bài gốc', audio: 'Nghe âm thanh ở bài gốc', other: 'Xem phần này ở bài gốc' } as const;
/** The same, to the media itself when there is no article page. */
export const EMBED_OWN_LINK = { video: 'Mở video', audio: 'Mở bản ghi âm thanh', other: 'Mở phần nhúng này' } as const;

/** A player's kind from its tag (lower case) and where it takes its media from. */
export function embedKind(tag: string, src: string | undefined): EmbedKind {
  if (tag === 'audio') return 'audio';
  return tag === 'video' || VIDEO_HOST.test(src ?? '') ? 'video' : 'other';
}

/** The note without a link, when neither the article's page nor the media has a web address. */
export function embedUnavailable(kind: EmbedKind): string {
  return `${EMBED_WHAT[kind]} ở đây không xem được trong ứng dụng.`;
}
