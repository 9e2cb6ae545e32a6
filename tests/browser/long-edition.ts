import { readFileSync } from 'node:fs';

/** How many long articles (about 50 KB each) an edition puts on top of the bundled first page. */
export const LONG_COUNT = 20;

/**
 * The bundled first page with `LONG_COUNT` long articles on top: about 1 MB.
 * Two versions of one edition differ only in the letter of their titles, at
 * the same offsets: the head of one joined to the tail of the other would
 * still be a valid feed, with titles of both.
 */
export function longEdition(ids: string, version: 'A' | 'B', hoursAgo: number): { body: string; titles: string[] } {
  const sample = JSON.parse(readFileSync('public/sample/feed.json', 'utf8')) as { items: unknown[] };
  const paragraph = (i: number, j: number) =>
    `<p>Đoạn ${j} của bài ${i}: bà con bản Sáng góp công làm đường liên thôn, giữ rừng đầu nguồn và đưa trẻ tới trường đúng giờ.</p>`;
  const items = Array.from({ length: LONG_COUNT }, (_, i) => ({
    id: `${ids}-${i}`,
    title: `Bài dài số ${String(i + 1).padStart(2, '0')} loạt ${ids} (bản ${version})`,
    content_html: Array.from({ length: 300 }, (_, j) => paragraph(i, j)).join(''),
    // In the past: a date ahead of the clock would be taken for the time it arrived.
    date_published: new Date(Date.now() - hoursAgo * 3_600_000 - (LONG_COUNT - i) * 1000).toISOString(),
  }));
  // Newest first, as the list shows them.
  const titles = items.map((item) => item.title).reverse();
  return { body: JSON.stringify({ ...sample, items: [...items, ...sample.items] }), titles };
}
