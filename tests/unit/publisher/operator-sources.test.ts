/**
 * What a new operator's trial of the command turned up on 2 Dec, over the
 * made-up sources of operator-sites.ts served on 127.0.0.1 and reached with
 * Node's own fetch: what readers of the published feed get from each.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../publisher/src/config';
import { pageDate } from '../../../publisher/src/extract/page-date';
import { siteTrouble } from '../../../publisher/src/extract/site-trouble';
import type { FeedItem } from '../../../publisher/src/feed/feed-item';
import { publish, type PublishSummary } from '../../../publisher/src/publish';
import { htmlToText } from '../../../publisher/src/text/html-text';
import { startOperatorSites, type OperatorSiteName, type OperatorSites } from '../../fixtures/publisher/operator-sites';
import { textSimilarity } from '../../fixtures/publisher/similarity';
import { trueText } from '../../fixtures/publisher/stories';

let sites: OperatorSites;
beforeAll(async () => {
  sites = await startOperatorSites({ storiesPerSite: 6 });
});
afterAll(async () => {
  await sites.stop();
});

/** Runs of the command over one site into one output folder, as cron makes them (a run is 3 December, 06:00 UTC). */
async function runs(site: OperatorSiteName, count: number, beforeRun: (run: number) => void = () => undefined): Promise<{ summaries: PublishSummary[]; log: string[]; items: FeedItem[] }> {
  const out = await mkdtemp(join(tmpdir(), 'bao-operator-'));
  const log: string[] = [];
  const summaries: PublishSummary[] = [];
  try {
    const config = parseConfig({ title: 'Thử', hostIntervalMs: 0, sources: [{ name: site, url: sites.feedUrl(site) }] });
    for (let i = 0; i < count; i++) {
      beforeRun(i);
      summaries.push(
        await publish(config, out, {
          fetch: (url, init) => fetch(url, init),
          clock: { now: () => Date.UTC(2026, 11, 3, 6), sleep: async () => undefined },
          log: (message) => log.push(message),
        }),
      );
    }
    const { items } = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: FeedItem[] };
    return { summaries, log, items };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

describe('a source whose links carry a session or campaign new on every visit', { timeout: 60_000 }, () => {
  for (const site of ['huyen', 'tintuc'] as const) {
    it(`${site}: publishes each story once, linked without the session or campaign, and the next run brings nothing new`, async () => {
      const { summaries, items } = await runs(site, 2);
      const stories = sites.stories(site);
      // Before (huyen, short titles): 6 new items again on the second run, each story twice in the feed.
      expect(summaries.map((s) => s.newItems)).toEqual([stories.length, 0]);
      expect(summaries[1]).toMatchObject({ headChanged: false, bytesWritten: 0 });
      // Before: links such as /(S(…))/tin-tuc/chi-tiet.aspx?ItemID=1200&rss=1, or ?utm_campaign=…&PHPSESSID=…
      expect(items.map((i) => i.url).sort()).toEqual(stories.map((s) => sites.articleUrl(site, s)).sort());
      expect(items.map((i) => i.id).sort()).toEqual(stories.map((s) => sites.articleUrl(site, s)).sort());
      // Stories under one short title stay apart: «Lịch tiếp công dân» is a new one every week.
      expect(items.map((i) => i.title).sort()).toEqual(stories.map((s) => s.title).sort());
      for (const story of stories) expect(textSimilarity(htmlToText(items.find((i) => i.url === sites.articleUrl(site, story))!.content_html), trueText(story))).toBeGreaterThanOrEqual(0.9);
    });
  }
});

describe('a feed whose items have no date', { timeout: 60_000 }, () => {
  it("dates each story as its page says (article:published_time, JSON-LD, or only the date line under the title), newest first", async () => {
    const { items } = await runs('khongngay', 1);
    const stories = sites.stories('khongngay');
    // Before: every story dated 3 December 06:00, the run's time, whatever its page said.
    expect(items.map((i) => [i.url, i.date_published])).toEqual(stories.map((s) => [sites.articleUrl('khongngay', s), s.published.toISOString()]));
  });

  it("does not take today's date a site prints in its header for the story's", () => {
    const page = (line: string) =>
      parseHTML(`<html><body><header><span class="date">Thứ Tư, 02/12/2026</span></header><div class="detail">${line}<p>Bà con xã Bản Vược thu hoạch chuối.</p></div><aside><span class="date">01/12/2026</span></aside></body></html>`).document as unknown as Document;
    expect(pageDate(page(''))).toBeUndefined();
    expect(pageDate(page('<div class="post-date">Cập nhật: 28/11/2026 08:15</div>'))).toBe(Date.UTC(2026, 10, 28, 1, 15));
  });
});

describe("a WordPress feed whose content:encoded stops at the «more» tag, over 600 characters in", { timeout: 60_000 }, () => {
  it('publishes the whole article from its page, pictures and captions included, with the excerpt as summary', async () => {
    const { items, log } = await runs('wp', 1);
    const stories = sites.stories('wp');
    expect(log).toEqual([]);
    for (const story of stories) {
      const item = items.find((i) => i.url === sites.articleUrl('wp', story))!;
      // Before: the four paragraphs above «more», «Đọc tiếp» and Yoast's «Bài viết … xuất hiện đầu tiên tại …», no picture.
      expect(textSimilarity(htmlToText(item.content_html), trueText(story))).toBeGreaterThanOrEqual(0.9);
      expect(item.content_html.match(/<figure/g)).toHaveLength(story.pictures.length);
      expect(item.content_html).not.toMatch(/Đọc tiếp|xuất hiện đầu tiên/);
      expect(item.summary).toBe(story.sapo);
    }
  });
});

describe('a site whose article pages answer 200 with its maintenance notice or a database error', { timeout: 60_000 }, () => {
  it('publishes the teasers at once, then the whole articles on the next run, once the pages are back', async () => {
    const { summaries, log, items } = await runs('baotri', 2, (run) => sites.setTrouble(run === 0));
    const stories = sites.stories('baotri');
    // Before: the teasers stayed for good, the notice counted as a page without the article ([6, 0] new, 0 completed).
    expect(summaries.map((s) => [s.newItems, s.completedItems])).toEqual([
      [stories.length, 0],
      [0, stories.length],
    ]);
    // The operator is told what the site answered, and that the page will be asked for again.
    const notices = log.filter((line) => / the page is the site's notice «.+», not the article: asked for again on the next runs$/.test(line));
    expect(notices.filter((line) => line.includes('«Thông báo bảo trì hệ thống»'))).toHaveLength(stories.filter((s) => s.id % 2 === 0).length);
    expect(notices.filter((line) => line.includes('«Warning: mysqli_connect(): (HY000/1040): Too many connections'))).toHaveLength(stories.filter((s) => s.id % 2 === 1).length);
    for (const story of stories) {
      const item = items.find((i) => i.url === sites.articleUrl('baotri', story))!;
      expect(textSimilarity(htmlToText(item.content_html), trueText(story))).toBeGreaterThanOrEqual(0.9);
      expect(item.date_modified).toBeDefined();
    }
  });

  it('leaves alone a page whose story is about maintenance', () => {
    const story = sites.stories('baotri')[0]!;
    const page = `<html><head><title>Tạm ngừng cấp điện để bảo trì trạm biến áp</title></head><body><article><h1>Tạm ngừng cấp điện để bảo trì trạm biến áp</h1>${story.paragraphs.map((p) => `<p>${p}</p>`).join('')}<p>Điện lực đề nghị bà con vui lòng quay lại sau 17 giờ để làm thủ tục.</p></article></body></html>`;
    expect(siteTrouble(page)).toBeUndefined();
    expect(siteTrouble('<html><head><title>Bảo trì</title></head><body><h1>Website đang bảo trì</h1></body></html>')).toBe('Bảo trì');
  });
});
