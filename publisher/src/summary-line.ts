/** The one line a run prints, for logs and cron mail. */
import type { PublishSummary } from './publish';

export function summaryLine(s: PublishSummary): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return (
    `publish-feed: sources ${s.sourcesOk} ok, ${s.sourcesFailed} failed; ${s.newItems} new articles, ${s.completedItems} completed, ${s.keptItems} kept; ` +
    `pictures ${s.pictures.downloaded} downloaded (${kb(s.pictures.originalBytes)} → ${kb(s.pictures.resizedBytes)}), ${s.pictures.failed} failed; ` +
    `${kb(s.bytesWritten)} written${s.headChanged ? '' : ', head unchanged'}; ${(s.ms / 1000).toFixed(1)} s`
  );
}
