/**
 * What 2 Dec's third trial of the command turned up, on made-up sources served
 * on 127.0.0.1 and reached with Node's own fetch: text that CMSs and Word let
 * into feeds and pages, and a page too large by its text.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../publisher/src/config';
import { inlinePictureMeter, withoutInlinePictures } from '../../../publisher/src/extract/inline-pictures';
import { publish, type PublishSummary } from '../../../publisher/src/publish';
import { serveSite, type LocalSite } from '../../fixtures/publisher/local-server';
import { windows1258 } from '../../fixtures/publisher/windows-1258';

const TITLE = 'Hà Giang tổng kết mùa mưa lũ, đề nghị hỗ trợ gia cố điểm sạt lở';
const TEASER = 'Ủy ban nhân dân tỉnh Hà Giang tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm nay.';
const ARTICLE = [
  'Sáng nay, Ủy ban nhân dân tỉnh Hà Giang tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm nay với các sở ngành.',
  'Theo báo cáo, mưa lớn kéo dài đã làm sạt lở hơn ba mươi điểm trên các tuyến đường tỉnh, chia cắt nhiều thôn bản vùng cao.',
  'Lực lượng quân đội, công an và dân quân đã huy động hàng nghìn ngày công để khắc phục, bảo đảm giao thông thông suốt.',
  'Ông Trần Văn Hùng, Giám đốc Sở Nông nghiệp, cho biết tỉnh sẽ đề nghị Trung ương hỗ trợ gia cố các điểm xung yếu trước mùa mưa.',
];
const RSS = 'application/rss+xml; charset=utf-8';
const rss = (origin: string, items: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Báo Hà Giang</title><link>${origin}/</link>${items}</channel></rss>`;
const articlePage = (lead = '') => `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><nav><a href="/">Trang chủ</a></nav><article><h1>${TITLE}</h1>${lead}${ARTICLE.map((p) => `<p>${p}</p>`).join('')}</article><footer>© Báo Hà Giang</footer></body></html>`;

interface Feed {
  items: { title: string; url: string; content_html: string; summary?: string; image?: string }[];
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

describe('a feed whose descriptions are raw HTML', () => {
  it('is read when that HTML leaves <br> and <img> unclosed, as HTML does: the text, its line breaks and its picture', async () => {
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#a73' } }).jpeg().toBuffer();
    const item = (origin: string) => `<item><title>${TITLE}</title><link>${origin}/tin-2.html</link><description><img src="${origin}/anh/sat-lo.jpg" alt="Sạt lở"><br>${ARTICLE.join('<br>')}<br>${ARTICLE.join('<br>')}</description><pubDate>Wed, 02 Dec 2026 08:00:00 +0700</pubDate></item>`;
    site = await serveSite((path, _req, res) => {
      if (path === '/raw.rss') res.writeHead(200, { 'content-type': RSS }).end(rss(site!.origin, item(site!.origin)));
      else if (path === '/anh/sat-lo.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
      else res.writeHead(404).end();
    });
    const { log, feed } = await run([{ name: 'Báo Hà Giang', url: `${site.origin}/raw.rss` }]);
    // Before: «source skipped: … broken XML: Expected closing tag 'br' … instead of closing tag 'description'», nothing published.
    expect(log).toEqual([]);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]!.image).toMatch(/^pictures\/[0-9a-f]{16}-480\.webp$/);
    expect(feed.items[0]!.content_html).toContain(`${ARTICLE[0]}<br>${ARTICLE[1]}<br>`);
  });
});

describe('a source whose connection fails', () => {
  it('is skipped with its address and what went wrong: a body that is not the gzip it is said to be, a connection closed', async () => {
    site = await serveSite((path, req, res) => {
      // PHP sent «Content-Encoding: gzip» and then its output as it was.
      if (path === '/gzip.rss') res.writeHead(200, { 'content-type': RSS, 'content-encoding': 'gzip' }).end(rss(site!.origin, ''));
      else if (path === '/closed.rss') req.socket.destroy();
      else res.writeHead(404).end();
    });
    const { log } = await run([
      { name: 'Báo gzip', url: `${site.origin}/gzip.rss` },
      { name: 'Báo đóng', url: `${site.origin}/closed.rss` },
    ]);
    // Before: «source skipped: Báo gzip <…>: terminated» and «… fetch failed».
    expect(log).toEqual([
      `source skipped: Báo gzip <${site.origin}/gzip.rss>: ${site.origin}/gzip.rss: the body could not be read: terminated (incorrect header check)`,
      `source skipped: Báo đóng <${site.origin}/closed.rss>: ${site.origin}/closed.rss: fetch failed (other side closed)`,
    ]);
  });
});

describe('a source whose address answers a web page', () => {
  it('is skipped with the page title and the feed it names: a login page, or the home page given for its feed', async () => {
    const login = '<!doctype html><html><head><meta charset="utf-8"><title>Đăng nhập hệ thống</title></head><body><form method="post"><input name="user"><input type="password" name="pass"></form></body></html>';
    const home = '<!doctype html><html><head><meta charset="utf-8"><title>Báo Hà Giang điện tử</title><link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss/tin-moi.rss"></head><body><h1>Báo Hà Giang</h1></body></html>';
    site = await serveSite((path, _req, res) => {
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(login);
      else if (path === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(home);
      else res.writeHead(404).end();
    });
    const { log } = await run([
      { name: 'Báo đăng nhập', url: `${site.origin}/rss/home.rss` },
      { name: 'Báo trang chủ', url: `${site.origin}/` },
    ]);
    // Before: «… an HTML page, not a feed» for both.
    expect(log).toEqual([
      `source skipped: Báo đăng nhập <${site.origin}/rss/home.rss>: an HTML page («Đăng nhập hệ thống»), not a feed`,
      `source skipped: Báo trang chủ <${site.origin}/>: an HTML page («Báo Hà Giang điện tử»), not a feed; it names its feed at ${site.origin}/rss/tin-moi.rss`,
    ]);
  });
});

describe('a source that goes from 50 items to none', () => {
  it('keeps its 50 articles in the feed and says the source has no items, so the operator can look', async () => {
    let items = 50;
    site = await serveSite((path, _req, res) => {
      const whole = [...ARTICLE, ...ARTICLE].join(' ');
      const list = Array.from({ length: items }, (_, i) => `<item><title>${TITLE} (${i + 1})</title><link>${site!.origin}/tin/${i + 1}.html</link><description>${whole}</description><pubDate>Wed, 02 Dec 2026 0${Math.floor(i / 10)}:${String(i).padStart(2, '0')}:00 +0700</pubDate></item>`).join('');
      if (path === '/rss.xml') res.writeHead(200, { 'content-type': RSS }).end(rss(site!.origin, list));
      else res.writeHead(404).end();
    });
    const sources = [{ name: 'Báo Hà Giang', url: `${site.origin}/rss.xml` }];
    const first = await run(sources, { maxNewPerSource: 50 });
    expect(first.summary.newItems).toBe(50);
    items = 0;
    const second = await run(sources, { maxNewPerSource: 50 });
    expect(second.summary.keptItems).toBe(50);
    // Before: nothing in the log; the run looked like any quiet quarter-hour.
    expect(second.log).toEqual([`source has no items: Báo Hà Giang <${site.origin}/rss.xml> (its articles published before are kept)`]);
  });
});

/** Control characters: C0 but tab, line feed and carriage return, DEL, and C1, which Word's windows-1252 quotes become. */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

describe('text pasted from Word', () => {
  it('reaches the feed without control characters: its quotes and dashes as they were meant, in a UTF-8 feed and in a windows-1258 page', async () => {
    // A CMS that stored Word's windows-1252 bytes as if they were Latin-1: «“» is U+0093 in its UTF-8, or «&#147;».
    const content = `<p>Chương trình \u0093Mùa vàng\u0094 \u0096 năm nay\u0085 khai mạc\u000b tối qua\u0007, &#147;đông vui&#148;.</p>${[...ARTICLE, ...ARTICLE].map((p) => `<p>${p}</p>`).join('')}`;
    const items =
      `<item><title>Lễ hội \u0093Mùa vàng\u0094 ở Hoàng Su Phì</title><link>https://baohagiang.example/mua-vang.html</link><description>${TEASER}</description><content:encoded><![CDATA[${content}]]></content:encoded><pubDate>Wed, 02 Dec 2026 08:00:00 +0700</pubDate></item>` +
      `<item><title>${TITLE}</title><link>PAGE</link><description>${TEASER}</description><pubDate>Wed, 02 Dec 2026 07:00:00 +0700</pubDate></item>`;
    // A windows-1258 page with Word's quotes as its bytes 0x93/0x94, a form feed and a ^A.
    const page = windows1258(articlePage('<p>Lễ hội QOMùa vàngQC khai mạcFF tối qua.</p>').replace('charset="utf-8"', 'charset="windows-1258"'));
    site = await serveSite((path, _req, res) => {
      if (path === '/word.rss') res.writeHead(200, { 'content-type': RSS }).end(rss(site!.origin, items.replace('PAGE', `${site!.origin}/tin/le-hoi.html`)));
      else if (path === '/tin/le-hoi.html') {
        const html = Buffer.from(new TextDecoder('latin1').decode(page).replace('QO', '\x93').replace('QC', '\x94').replace('FF', '\x0c\x01'), 'latin1');
        res.writeHead(200, { 'content-type': 'text/html; charset=windows-1258' }).end(html);
      } else res.writeHead(404).end();
    });
    const { log, feed } = await run([{ name: 'Báo Hà Giang', url: `${site.origin}/word.rss` }]);
    expect(log).toEqual([]);
    const [fromFeed, fromPage] = feed.items;
    // Before: U+0093, U+0094, U+0096, U+0085, U+000B and U+0007 in the title and the article, shown as nothing or as boxes.
    expect(fromFeed!.title).toBe('Lễ hội “Mùa vàng” ở Hoàng Su Phì');
    // Word's line break becomes a space; an HTML reader shows two spaces as one.
    const html = (item: Feed['items'][number]) => item.content_html.replace(/ +/g, ' ');
    expect(html(fromFeed!)).toContain('<p>Chương trình “Mùa vàng” – năm nay… khai mạc tối qua, “đông vui”.</p>');
    // Before: «khai mạc\f\u0001 tối qua» in the article read from the page.
    expect(html(fromPage!)).toContain('“Mùa vàng” khai mạc tối qua.');
    for (const item of feed.items) expect(JSON.stringify(item).match(/\\u00[01][0-9a-f]/g) ?? [], item.title).toEqual([]);
    for (const item of feed.items) expect(CONTROL.test(JSON.stringify(item)), item.title).toBe(false);
  });
});

describe('an article page too large by its text', () => {
  it('is given up once its text passes maxPageBytes, not after ten times that', async () => {
    const comments = `<div class="comments">${'<p>Bình luận của bạn đọc về bài viết này.</p>'.repeat(1000)}</div>`;
    site = await serveSite((path, _req, res) => {
      if (path === '/rss.xml') res.writeHead(200, { 'content-type': RSS }).end(rss(site!.origin, `<item><title>${TITLE}</title><link>${site!.origin}/tin/binh-luan.html</link><description>${TEASER}</description><pubDate>Wed, 02 Dec 2026 08:00:00 +0700</pubDate></item>`));
      else if (path === '/tin/binh-luan.html') {
        // 9 MB of comments, streamed as a CMS writes them; the limit here is 1 MB.
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.write(articlePage().replace('</body>', ''));
        let left = 170;
        const more = () => {
          while (left > 0) {
            left--;
            if (!res.write(comments)) return void res.once('drain', more);
          }
          res.end('</body></html>');
        };
        res.on('close', () => (left = 0));
        more();
      } else res.writeHead(404).end();
    });
    const { log, feed, read } = await run([{ name: 'Báo Hà Giang', url: `${site.origin}/rss.xml` }], { maxPageBytes: 1024 * 1024 });
    expect(feed.items.map((i) => i.content_html)).toEqual([TEASER]);
    expect(log).toEqual([`article page not used, keeping the feed's text: ${site.origin}/tin/binh-luan.html: ${site.origin}/tin/binh-luan.html: body over the limit of 1048576 bytes (maxPageBytes in the config)`]);
    // Before: all 9 MB were read (up to ten times the limit is let in for pictures pasted inline) before it was refused.
    expect(read.get('/tin/binh-luan.html')).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('is counted as it arrives as it is once its pasted pictures are dropped, wherever the chunks are cut', () => {
    const pasted = `<img src="data:image/png;base64,${Buffer.alloc(3000, 7).toString('base64')}"><img src="data:image/jpeg;name=a.jpg;base64,${Buffer.alloc(500, 9).toString('base64')}\n">`;
    const page = Buffer.from(articlePage(`<p>${pasted}</p>`));
    const whole = withoutInlinePictures(page).length;
    for (let size = 1; size < 600; size += 7) {
      const count = inlinePictureMeter();
      let counted = 0;
      for (let at = 0; at < page.length; at += size) counted += count(page.subarray(at, at + size));
      // All of it but the last chunk's end, held back in case a data: URI starts there.
      expect(whole - counted, `chunks of ${size}`).toBeGreaterThanOrEqual(0);
      expect(whole - counted, `chunks of ${size}`).toBeLessThanOrEqual(256);
    }
  });
});

describe('a feed whose links are relative', () => {
  it('links each story where the feed itself was read, after its redirect, and under the xml:base it declares', async () => {
    const item = (link: string) => `<item><title>${TITLE} (${link})</title><link>${link}</link><description>${TEASER}</description><pubDate>Wed, 02 Dec 2026 08:00:00 +0700</pubDate></item>`;
    const json = { version: 'https://jsonfeed.org/version/1.1', title: 'Thư viện', items: [{ id: 'bai-3', url: 'bai-3.html', title: `${TITLE} (bai-3.html)`, content_text: TEASER, date_published: '2026-12-02T08:00:00+07:00' }] };
    site = await serveSite((path, _req, res) => {
      // The paper moved its feed; the old address, the one in the config, sends readers on.
      if (path === '/rss') res.writeHead(301, { location: '/feeds/v2/home.rss' }).end();
      else if (path === '/feeds/v2/home.rss') res.writeHead(200, { 'content-type': RSS }).end(rss(site!.origin, item('bai-1.html')));
      else if (path === '/based.rss') res.writeHead(200, { 'content-type': RSS }).end(rss(site!.origin, item('bai-2.html')).replace('<channel>', '<channel xml:base="/tin/">'));
      else if (path === '/feed.json') res.writeHead(302, { location: '/api/v1/feed.json' }).end();
      else if (path === '/api/v1/feed.json') res.writeHead(200, { 'content-type': 'application/feed+json' }).end(JSON.stringify(json));
      else if (['/feeds/v2/bai-1.html', '/tin/bai-2.html', '/api/v1/bai-3.html'].includes(path)) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage());
      else res.writeHead(404).end();
    });
    const { log, feed } = await run([
      { name: 'Báo Hà Giang', url: `${site.origin}/rss` },
      { name: 'Báo Hà Giang điện tử', url: `${site.origin}/based.rss` },
      { name: 'Thư viện tỉnh', url: `${site.origin}/feed.json` },
    ]);
    // Before: …/bai-1.html, …/bai-2.html and …/bai-3.html, against the config's address: «HTTP 404», the teaser published and linked to nothing.
    expect(log).toEqual([]);
    expect(feed.items.map((i) => i.url.replace(site!.origin, '')).sort()).toEqual(['/api/v1/bai-3.html', '/feeds/v2/bai-1.html', '/tin/bai-2.html']);
    for (const item of feed.items) expect(item.content_html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()).toBe(ARTICLE.join(' '));
  });
});

describe('a Media RSS feed that groups its media', () => {
  it('gives the story its picture from <media:group>, the one picture the item has', async () => {
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
    const whole = [...ARTICLE, ...ARTICLE].map((p) => `<p>${p}</p>`).join('');
    site = await serveSite((path, _req, res) => {
      if (path === '/media.rss') {
        const group = `<media:group><media:content url="${site!.origin}/anh/sat-lo.jpg" medium="image" width="1200" height="800"/><media:content url="${site!.origin}/anh/sat-lo-nho.jpg" medium="image" width="300" height="200"/></media:group>`;
        const item = `<item><title>${TITLE}</title><link>${site!.origin}/tin/sat-lo.html</link><description><![CDATA[${whole}]]></description>${group}<pubDate>Wed, 02 Dec 2026 08:00:00 +0700</pubDate></item>`;
        res.writeHead(200, { 'content-type': RSS }).end(rss(site!.origin, item).replace('<rss version="2.0"', '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"'));
      } else if (path.startsWith('/anh/')) res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
      else res.writeHead(404).end();
    });
    const { log, feed, read } = await run([{ name: 'Báo Hà Giang', url: `${site.origin}/media.rss` }]);
    expect(log).toEqual([]);
    // Before: no picture, the story listed without a thumbnail.
    expect(feed.items[0]!.image).toMatch(/^pictures\/[0-9a-f]{16}-480\.webp$/);
    expect([...read.keys()].filter((path) => path.startsWith('/anh/'))).toEqual(['/anh/sat-lo.jpg']);
  });
});
