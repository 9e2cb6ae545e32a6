/**
 * What 2 Dec's third trial of the command turned up, on made-up sources served
 * on 127.0.0.1 and reached with Node's own fetch: text that CMSs and Word let
 * into feeds and pages, and a page too large by its text.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../publisher/src/config';
import { publish, type PublishSummary } from '../../../publisher/src/publish';
import { serveSite, type LocalSite } from '../../fixtures/publisher/local-server';

const ARTICLE = [
  'Sáng nay, Ủy ban nhân dân tỉnh Hà Giang tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm nay với các sở ngành.',
  'Theo báo cáo, mưa lớn kéo dài đã làm sạt lở hơn ba mươi điểm trên các tuyến đường tỉnh, chia cắt nhiều thôn bản vùng cao.',
  'Lực lượng quân đội, công an và dân quân đã huy động hàng nghìn ngày công để khắc phục, bảo đảm giao thông thông suốt.',
  'Ông Trần Văn Hùng, Giám đốc Sở Nông nghiệp, cho biết tỉnh sẽ đề nghị Trung ương hỗ trợ gia cố các điểm xung yếu trước mùa mưa.',
];
const RSS = 'application/rss+xml; charset=utf-8';
const rss = (origin: string, items: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Báo Hà Giang</title><link>${origin}/</link>${items}</channel></rss>`;

interface Feed {
  items: { title: string; url: string; content_html: string; summary?: string }[];
}

let site: LocalSite | undefined;
let out: string | undefined;
afterEach(async () => {
  await site?.stop();
  if (out) await rm(out, { recursive: true, force: true });
  site = out = undefined;
});

/** One run as `npm run publish-feed` makes it; `read` counts the bytes of each answer the publisher took in, by path. */
async function run(sources: { name: string; url: string }[], settings: Record<string, unknown> = {}): Promise<{ summary: PublishSummary; log: string[]; feed: Feed; read: Map<string, number> }> {
  out ??= await mkdtemp(join(tmpdir(), 'bao-rough-'));
  const log: string[] = [];
  const read = new Map<string, number>();
  const counting = async (url: string, init: RequestInit): Promise<Response> => {
    const response = await fetch(url, init);
    if (!response.body) return response;
    const path = new URL(url).pathname;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read.set(path, (read.get(path) ?? 0) + chunk.byteLength);
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), { status: response.status, headers: response.headers });
  };
  const config = parseConfig({ title: 'Thử', hostIntervalMs: 0, sources, ...settings });
  const summary = await publish(config, out, {
    fetch: counting,
    clock: { now: () => Date.UTC(2026, 11, 2, 6), sleep: async () => undefined },
    log: (message) => log.push(message),
  });
  const feed = summary.sourcesOk > 0 ? (JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as Feed) : { items: [] };
  return { summary, log, feed, read };
}

describe('a feed with a bare «<» in its text', () => {
  it('is read, as a bare «&» is: «giá < 5 triệu» in a title, «<5», «<=» in a description; a feed cut short is still refused', async () => {
    const item = `<item><title>Điện thoại giá < 5 triệu bán chạy dịp cuối năm</title><link>https://baohagiang.example/tin-1.html</link><description>Máy giá <5 triệu, màn hình <= 6,5 inch và pin 5000 mAh. ${ARTICLE.join(' ')} ${ARTICLE.join(' ')}</description><pubDate>Wed, 02 Dec 2026 08:00:00 +0700</pubDate></item>`;
    site = await serveSite((path, _req, res) => {
      if (path === '/lt.rss') res.writeHead(200, { 'content-type': RSS }).end(rss(site!.origin, item));
      else if (path === '/cut.rss') res.writeHead(200, { 'content-type': RSS }).end(rss(site!.origin, item).slice(0, 300));
      else res.writeHead(404).end();
    });
    const { log, feed } = await run([
      { name: 'Báo Hà Giang', url: `${site.origin}/lt.rss` },
      { name: 'Báo cắt', url: `${site.origin}/cut.rss` },
    ]);
    // Before: «source skipped: … broken XML: Invalid space after '<'. (line 1)», and nothing was published.
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^source skipped: Báo cắt <[^>]+>: broken XML: /);
    expect(feed.items.map((i) => i.title)).toEqual(['Điện thoại giá < 5 triệu bán chạy dịp cuối năm']);
    expect(feed.items[0]!.content_html).toContain('Máy giá &lt;5 triệu, màn hình &lt;= 6,5 inch');
  });
});
