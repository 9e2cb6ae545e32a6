/**
 * Source shapes met trying the command as a new operator on sites served over
 * HTTP on 127.0.0.1, reached with Node's own fetch (so encodings are undone as
 * on a real run): what each did before, and what a reader gets now.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../publisher/src/config';
import { publish, type PublishSummary } from '../../../publisher/src/publish';
import { serveSite, type LocalSite } from '../../fixtures/publisher/local-server';

const TITLE = 'Lào Cai tổng kết mùa mưa lũ, đề nghị hỗ trợ gia cố điểm sạt lở';
const TEASER = 'Ủy ban nhân dân tỉnh Lào Cai tổ chức hội nghị tổng kết công tác phòng chống mưa lũ năm nay.';
const ARTICLE = [
  'Sáng nay, Ủy ban nhân dân tỉnh Lào Cai tổ chức hội nghị tổng kết công tác phòng chống mưa lũ năm nay với các sở ngành.',
  'Theo báo cáo, mưa lớn kéo dài đã làm sạt lở hơn bốn mươi điểm trên các tuyến đường tỉnh, chia cắt nhiều thôn bản vùng cao.',
  'Lực lượng quân đội, công an và dân quân đã huy động hàng nghìn ngày công để khắc phục, bảo đảm giao thông thông suốt.',
  'Ông Nguyễn Văn Bình, Giám đốc Sở Giao thông vận tải, cho biết tỉnh sẽ đề nghị Trung ương hỗ trợ gia cố các điểm xung yếu.',
];

/** A VnExpress-style RSS: the teaser as CDATA HTML after a linked picture. */
function teaserRss(origin: string, paths: string[]): string {
  const items = paths
    .map((path, i) => `<item><title><![CDATA[${TITLE}${paths.length > 1 ? ` (${i + 1})` : ''}]]></title><link>${origin}${path}</link><description><![CDATA[<a href="${origin}${path}"></a></br>${TEASER}]]></description><pubDate>Tue, 01 Dec 2026 0${i + 1}:00:00 +0700</pubDate></item>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Lào Cai</title><link>${origin}/</link>${items}</channel></rss>`;
}

let site: LocalSite | undefined;
let out: string | undefined;
afterEach(async () => {
  await site?.stop();
  if (out) await rm(out, { recursive: true, force: true });
  site = out = undefined;
});

/** One run of the command over the given sources, as `npm run publish-feed` runs it (real fetch, real clock). */
async function run(sources: { name: string; url: string }[]): Promise<{ summary: PublishSummary; log: string[]; feed: { items: { id: string; title: string; url: string; content_html: string; image?: string }[] } }> {
  out ??= await mkdtemp(join(tmpdir(), 'bao-served-'));
  const log: string[] = [];
  const config = parseConfig({ title: 'Thử', hostIntervalMs: 0, sources });
  const summary = await publish(config, out, {
    fetch: (url, init) => fetch(url, init),
    clock: { now: () => Date.UTC(2026, 11, 1, 6), sleep: async () => undefined },
    log: (message) => log.push(message),
  });
  const feed = summary.sourcesOk > 0 ? (JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as Awaited<ReturnType<typeof run>>['feed']) : { items: [] };
  return { summary, log, feed };
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('a feed whose body is still compressed when it arrives', () => {
  it('is read: gzipped twice (PHP over a gzipping server), a .gz file served as application/x-gzip, brotli served as octet-stream', async () => {
    const whole = ARTICLE.map((p) => `<p>${p}</p>`).join('').repeat(2);
    const rss = (n: number) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo ${n}</title><item><title>${TITLE} (${n})</title><link>https://baolaocai.example/tin-${n}.html</link><description><![CDATA[${whole}]]></description><pubDate>Tue, 01 Dec 2026 0${n}:00:00 +0700</pubDate></item></channel></rss>`;
    site = await serveSite((path, _req, res) => {
      if (path === '/gzip-twice.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-encoding': 'gzip' }).end(gzipSync(gzipSync(rss(1))));
      else if (path === '/feed.rss.gz') res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(gzipSync(rss(2)));
      else if (path === '/feed.rss.br') res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(brotliCompressSync(rss(3)));
      else if (path === '/encoded-br.rss') res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'br' }).end(brotliCompressSync(rss(4)));
      else res.writeHead(404).end();
    });
    const paths = ['/gzip-twice.rss', '/feed.rss.gz', '/feed.rss.br', '/encoded-br.rss'];
    const { summary, log, feed } = await run(paths.map((path, i) => ({ name: `Báo ${i + 1}`, url: `${site!.origin}${path}` })));
    // Before: the first three skipped, «neither XML nor JSON» (only a body the server marked as brotli was read).
    expect(log).toEqual([]);
    expect(summary.sourcesOk).toBe(4);
    expect(feed.items.map((item) => item.title).sort()).toEqual([1, 2, 3, 4].map((n) => `${TITLE} (${n})`));
    for (const item of feed.items) expect(text(item.content_html)).toBe([...ARTICLE, ...ARTICLE].join(' '));
  });

  it('is read when it is an article page gzipped twice: the whole article, not the teaser', async () => {
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><nav><a href="/">Trang chủ</a></nav><article><h1>${TITLE}</h1>${ARTICLE.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    site = await serveSite((path, _req, res) => {
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(teaserRss(site!.origin, ['/tin/mua-lu.html']));
      else if (path === '/tin/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(gzipSync(gzipSync(page)));
      else res.writeHead(404).end();
    });
    const { log, feed } = await run([{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }]);
    // Before: «article page not used, keeping the feed's text: …: no article text on the page (… bytes of HTML)».
    expect(log).toEqual([]);
    expect(text(feed.items[0]!.content_html)).toBe(ARTICLE.join(' '));
  });

  it('is held to maxFeedBytes once uncompressed, named as for any feed too large', async () => {
    // 10 MB of spaces gzip to about 10 KB.
    const bomb = gzipSync(Buffer.concat([Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel>'), Buffer.alloc(10 * 1024 * 1024, 0x20), Buffer.from('</channel></rss>')]));
    site = await serveSite((_path, _req, res) => res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(bomb));
    const { summary, log } = await run([{ name: 'Báo', url: `${site.origin}/feed.rss.gz` }]);
    expect(summary.sourcesFailed).toBe(1);
    expect(log).toEqual([`source skipped: Báo <${site.origin}/feed.rss.gz>: ${site.origin}/feed.rss.gz: body over the limit of 5242880 bytes once uncompressed (maxFeedBytes in the config)`]);
  });
});

/** A photo-like JPEG, made once. */
const photo = sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 90, b: 140 }, noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg().toBuffer();

describe('an article page that a script fills in, with its AMP copy named by <link rel="amphtml">', () => {
  it('is read from the AMP copy: the whole article with its picture and caption, still linking the page the feed names', async () => {
    const shell = (path: string) =>
      `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title><link rel="amphtml" href="/amp${path}"><script src="/static/app.js" defer></script></head><body><div id="app"></div><noscript>Bật JavaScript để đọc báo.</noscript></body></html>`;
    const amp = `<!doctype html><html amp lang="vi"><head><meta charset="utf-8"><title>${TITLE}</title><link rel="canonical" href="/tin/mua-lu.html"></head><body><header><a href="/">Báo Lào Cai</a></header><article><h1>${TITLE}</h1><p>${ARTICLE[0]}</p><p>${ARTICLE[1]}</p><figure><amp-img src="/anh/sat-lo.jpg" width="1200" height="800" layout="responsive" alt=""></amp-img><figcaption>Sạt lở trên tỉnh lộ 152 ở Bát Xát</figcaption></figure><p>${ARTICLE[2]}</p><p>${ARTICLE[3]}</p></article><footer>© Báo Lào Cai</footer></body></html>`;
    const picture = await photo;
    site = await serveSite((path, _req, res) => {
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(teaserRss(site!.origin, ['/tin/mua-lu.html']));
      else if (path === '/tin/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shell(path));
      else if (path === '/amp/tin/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(amp);
      else if (path === '/anh/sat-lo.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(picture);
      else res.writeHead(404).end();
    });
    const { log, feed } = await run([{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }]);
    const item = feed.items[0]!;
    // Before: «no article text on the page (… bytes of HTML)», and the one-line teaser was published.
    expect(log).toEqual([]);
    expect(text(item.content_html)).toBe([ARTICLE[0], ARTICLE[1], 'Sạt lở trên tỉnh lộ 152 ở Bát Xát', ARTICLE[2], ARTICLE[3]].join(' '));
    expect(item.content_html).toMatch(/<figure><img src="pictures\/[0-9a-f]{16}-480\.webp"/);
    expect(item.url).toBe(`${site.origin}/tin/mua-lu.html`);
  });

  it('is read from the AMP copy when the page gives only a placeholder longer than the teaser', async () => {
    // The shell's server-drawn part: the lead cut short and a loading line, a little more text than the feed's teaser.
    const shell = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title><link rel="amphtml" href="/amp/tin/mua-lu.html"></head><body><div id="app"><h1>${TITLE}</h1><p>${TEASER} ${ARTICLE[0]!.slice(0, 40)}…</p><p>Đang tải nội dung…</p></div></body></html>`;
    const amp = `<!doctype html><html amp lang="vi"><head><meta charset="utf-8"><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1>${ARTICLE.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    site = await serveSite((path, _req, res) => {
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(teaserRss(site!.origin, ['/tin/mua-lu.html']));
      else if (path === '/tin/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shell);
      else if (path === '/amp/tin/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(amp);
      else res.writeHead(404).end();
    });
    const { log, feed } = await run([{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }]);
    // Before: «… Đang tải nội dung…» was published as the article.
    expect(log).toEqual([]);
    expect(text(feed.items[0]!.content_html)).toBe(ARTICLE.join(' '));
  });

  it('is not read from the AMP copy when the page itself gives the article: one request, not two', async () => {
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title><link rel="amphtml" href="/amp/tin/mua-lu.html"></head><body><article><h1>${TITLE}</h1>${ARTICLE.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    site = await serveSite((path, _req, res) => {
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(teaserRss(site!.origin, ['/tin/mua-lu.html']));
      else if (path === '/tin/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      else res.writeHead(404).end();
    });
    const { feed } = await run([{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }]);
    expect(text(feed.items[0]!.content_html)).toBe(ARTICLE.join(' '));
    expect(site.requests.map((r) => r.path)).toEqual(['/robots.txt', '/rss/home.rss', '/tin/mua-lu.html']);
  });
});

describe('pictures an article page draws as CSS backgrounds', () => {
  it('are published as pictures with their captions, inline style or a lazy loader\'s data-bg, in their place in the text', async () => {
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><nav><a href="/">Trang chủ</a></nav><article class="detail"><h1>${TITLE}</h1>
      <p>${ARTICLE[0]}</p>
      <div class="photo"><div class="photo__img" style="background-image: url('/anh/sat-lo.jpg'); height: 420px; background-size: cover"></div><p class="photo__caption">Sạt lở trên tỉnh lộ 152 ở Bát Xát</p></div>
      <p>${ARTICLE[1]}</p><div class="note" style="background: #f6f1e4 url('/anh/nen-giay.png') repeat"><p>${ARTICLE[2]}</p></div>
      <div class="photo"><div class="photo__img lazyload" data-bg="/anh/khac-phuc.jpg" style="background-image: url(data:image/gif;base64,R0lGODlhAQABAAAAACw=)"></div><p class="photo__caption">Dân quân khắc phục đoạn đường bị sạt</p></div>
      <p>${ARTICLE[3]}</p></article><footer>© Báo Lào Cai</footer></body></html>`;
    const picture = await photo;
    site = await serveSite((path, _req, res) => {
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(teaserRss(site!.origin, ['/tin/mua-lu.html']));
      else if (path === '/tin/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      else if (path.startsWith('/anh/')) res.writeHead(200, { 'content-type': 'image/jpeg' }).end(picture);
      else res.writeHead(404).end();
    });
    const { log, feed } = await run([{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }]);
    const html = feed.items[0]!.content_html;
    expect(log).toEqual([]);
    // Before: no picture at all, each caption left as a line of text under nothing.
    expect(html.match(/<figure><img src="pictures\/[0-9a-f]{16}-480\.webp"[^>]*><figcaption>[^<]+<\/figcaption><\/figure>/g)?.map(text)).toEqual(['Sạt lở trên tỉnh lộ 152 ở Bát Xát', 'Dân quân khắc phục đoạn đường bị sạt']);
    expect(text(html)).toBe([ARTICLE[0], 'Sạt lở trên tỉnh lộ 152 ở Bát Xát', ARTICLE[1], ARTICLE[2], 'Dân quân khắc phục đoạn đường bị sạt', ARTICLE[3]].join(' '));
    // A box drawn on paper-like background is not a picture: its background is never asked for.
    expect(site.requests.filter((r) => r.path.startsWith('/anh/')).map((r) => r.path)).toEqual(['/anh/sat-lo.jpg', '/anh/khac-phuc.jpg']);
  });
});

/** What Cloudflare answers a client that runs no script: a page that runs one, then lets a browser through. */
const CHALLENGE = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="refresh" content="390"></head><body><div class="main-wrapper"><h1>127.0.0.1</h1><p>Checking if the site connection is secure</p><noscript>Enable JavaScript and cookies to continue</noscript></div><script>(function(){window._cf_chl_opt={cvId:'3',cZone:'baolaocai.example',cType:'managed'};var a=document.createElement('script');a.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8f2c';document.getElementsByTagName('head')[0].appendChild(a);}());</script></body></html>`;

describe('a site behind a bot shield that answers with a challenge page', () => {
  it('is said to be so, naming the shield, and a challenged article page is not asked for again run after run as a busy one is', async () => {
    site = await serveSite((path, _req, res) => {
      const challenge = { 'content-type': 'text/html; charset=UTF-8', server: 'cloudflare', 'cf-mitigated': 'challenge', 'cache-control': 'private, max-age=0, no-store' };
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(teaserRss(site!.origin, ['/tin/mua-lu.html', '/tin/bao-tri.html']));
      else if (path === '/tin/mua-lu.html') res.writeHead(503, challenge).end(CHALLENGE);
      else if (path === '/tin/bao-tri.html') res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '120' }).end('<html><body><h1>Hệ thống đang bảo trì, vui lòng quay lại sau.</h1></body></html>');
      else if (path === '/rss/thoi-su.rss') res.writeHead(403, challenge).end(CHALLENGE);
      else res.writeHead(404).end();
    });
    const sources = [
      { name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` },
      { name: 'Thời sự', url: `${site.origin}/rss/thoi-su.rss` },
    ];
    const first = await run(sources);
    const shield = "a bot shield's challenge page (Cloudflare), which lets browsers through once a script has run: ask the site to let this publisher's User-Agent through";
    // Before: «HTTP 403» and «HTTP 503» alone, which read as a wrong address and a server having a bad hour.
    expect(first.log.sort()).toEqual([
      `article page not used, keeping the feed's text: ${site.origin}/tin/bao-tri.html: ${site.origin}/tin/bao-tri.html: HTTP 503`,
      `article page not used, keeping the feed's text: ${site.origin}/tin/mua-lu.html: ${site.origin}/tin/mua-lu.html: HTTP 503, ${shield}`,
      `source skipped: Thời sự <${site.origin}/rss/thoi-su.rss>: ${site.origin}/rss/thoi-su.rss: HTTP 403, ${shield}`,
    ]);
    expect(first.feed.items.map((item) => text(item.content_html))).toEqual([TEASER, TEASER]);
    await run(sources);
    await run(sources);
    // A challenge answers the same a quarter of an hour later: before, taken for «busy», that page was asked on three runs.
    // A server's own 503 still is «busy», asked again on the next two runs.
    const asked = (path: string) => site!.requests.filter((r) => r.path === path).length;
    expect([asked('/tin/mua-lu.html'), asked('/tin/bao-tri.html')]).toEqual([1, 3]);
  });
});

describe('a site that answers 403 to a User-Agent it does not know', () => {
  it('is said to refuse, with what the operator can do, not «HTTP 403» alone', async () => {
    site = await serveSite((path, req, res) => {
      if (!/Mozilla/.test(req.headers['user-agent'] ?? '')) res.writeHead(403, { 'content-type': 'text/html' }).end('<html><body><h1>403 Forbidden</h1></body></html>');
      else res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(teaserRss(site!.origin, ['/tin/mua-lu.html']));
    });
    const { log } = await run([{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }]);
    // Before: «…/rss/home.rss: HTTP 403», which reads as a wrong address.
    expect(log).toEqual([
      `source skipped: Báo Lào Cai <${site.origin}/rss/home.rss>: ${site.origin}/rss/home.rss: HTTP 403, refused: a site that lets browsers in may refuse this publisher's User-Agent (ask the site to let it through, or set userAgent in the config)`,
    ]);
  });
});

describe('an article page that carries only its og:image and og:description (a script draws the rest)', () => {
  it('gives the story its picture, and its text when the feed has none, instead of a story with no picture or none at all', async () => {
    const DESCRIPTION = 'Mưa lớn làm sạt lở hơn bốn mươi điểm trên các tuyến đường tỉnh; tỉnh đề nghị Trung ương hỗ trợ gia cố.';
    const shell = (picture: string, title: string, description = DESCRIPTION) =>
      `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><meta property="og:title" content="${title}"><meta property="og:description" content="${description}"><meta property="og:image" content="/anh/${picture}.jpg"><script src="/static/app.js" defer></script></head><body><div id="root"></div></body></html>`;
    const rss = (origin: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Lào Cai</title>` +
      `<item><title>${TITLE}</title><link>${origin}/tin/mua-lu.html</link><description><![CDATA[<a href="${origin}/tin/mua-lu.html"></a>]]></description><pubDate>Tue, 01 Dec 2026 01:00:00 +0700</pubDate></item>` +
      `<item><title>Bát Xát thông tuyến tỉnh lộ 152</title><link>${origin}/tin/thong-tuyen.html</link><description>${TEASER}</description><pubDate>Tue, 01 Dec 2026 02:00:00 +0700</pubDate></item>` +
      `<item><title>Sa Pa đón đoàn khách quốc tế đầu tiên của mùa đông</title><link>${origin}/tin/sa-pa.html</link><description>${TEASER}</description><pubDate>Tue, 01 Dec 2026 03:00:00 +0700</pubDate></item>` +
      `</channel></rss>`;
    const picture = await photo;
    site = await serveSite((path, _req, res) => {
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss(site!.origin));
      else if (path === '/tin/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shell('sat-lo', `${TITLE} - Báo Lào Cai`));
      else if (path === '/tin/thong-tuyen.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shell('thong-tuyen', 'Bát Xát thông tuyến tỉnh lộ 152'));
      // A shell whose sharing tags are the site's own, the same on every page: its logo is no picture of the story.
      else if (path === '/tin/sa-pa.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shell('logo', 'Báo Lào Cai - Tin tức, thời sự', 'Báo Lào Cai điện tử, cơ quan của Đảng bộ tỉnh Lào Cai.'));
      else if (path.startsWith('/anh/')) res.writeHead(200, { 'content-type': 'image/jpeg' }).end(picture);
      else res.writeHead(404).end();
    });
    const { feed } = await run([{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }]);
    const byTitle = new Map(feed.items.map((item) => [item.title, item]));
    // Before: the first story was skipped («item skipped, no text»), the second published with no picture.
    expect(text(byTitle.get(TITLE)?.content_html ?? '')).toBe(DESCRIPTION);
    expect(byTitle.get(TITLE)?.image).toMatch(/^pictures\/[0-9a-f]{16}-480\.webp$/);
    expect(text(byTitle.get('Bát Xát thông tuyến tỉnh lộ 152')!.content_html)).toBe(TEASER);
    expect(byTitle.get('Bát Xát thông tuyến tỉnh lộ 152')!.image).toMatch(/^pictures\/[0-9a-f]{16}-480\.webp$/);
    expect(text(byTitle.get('Sa Pa đón đoàn khách quốc tế đầu tiên của mùa đông')!.content_html)).toBe(TEASER);
    expect(byTitle.get('Sa Pa đón đoàn khách quốc tế đầu tiên của mùa đông')!.image).toBeUndefined();
    expect(site.requests.filter((r) => r.path.startsWith('/anh/')).map((r) => r.path).sort()).toEqual(['/anh/sat-lo.jpg', '/anh/thong-tuyen.jpg']);
  });
});

describe('a story whose address in the feed is a page sending the reader on with <meta http-equiv="refresh">', () => {
  it('links to the address the article is at now, keeps its id, and is not published again on the next run', async () => {
    const article = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1>${ARTICLE.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    site = await serveSite((path, _req, res) => {
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(teaserRss(site!.origin, ['/tin/mua-lu.html']));
      else if (path === '/tin/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><meta http-equiv="refresh" content="0; url=/thoi-su/2026/12/mua-lu-28461.html"></head><body>Bài viết đã chuyển.</body></html>');
      else if (path === '/thoi-su/2026/12/mua-lu-28461.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article);
      else res.writeHead(404).end();
    });
    const sources = [{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }];
    const first = await run(sources);
    const item = first.feed.items[0]!;
    expect(text(item.content_html)).toBe(ARTICLE.join(' '));
    // Before: the old address, whose page shows «Bài viết đã chuyển.» and sends the reader on (one more page to load on a slow phone).
    expect(item.url).toBe(`${site.origin}/thoi-su/2026/12/mua-lu-28461.html`);
    expect(item.id).toBe(`${site.origin}/tin/mua-lu.html`);
    expect((await run(sources)).summary.newItems).toBe(0);
  });

  it('links to the page it sent to, not to that page\'s AMP copy the article was read from', async () => {
    const shell = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title><link rel="amphtml" href="/amp/thoi-su/mua-lu.html"></head><body><div id="app"></div></body></html>`;
    const amp = `<!doctype html><html amp><head><meta charset="utf-8"><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1>${ARTICLE.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    site = await serveSite((path, _req, res) => {
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(teaserRss(site!.origin, ['/tin/mua-lu.html']));
      else if (path === '/tin/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><meta http-equiv="refresh" content="0; url=/thoi-su/mua-lu.html"></head><body>Bài viết đã chuyển.</body></html>');
      else if (path === '/thoi-su/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shell);
      else if (path === '/amp/thoi-su/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(amp);
      else res.writeHead(404).end();
    });
    const item = (await run([{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }])).feed.items[0]!;
    expect(text(item.content_html)).toBe(ARTICLE.join(' '));
    expect(item.url).toBe(`${site.origin}/thoi-su/mua-lu.html`);
  });
});

describe('a site whose bot shield challenges everything but its feed', () => {
  it('is read when its robots.txt is the challenge (403): a robots.txt refused allows all, as before shields were told apart', async () => {
    const whole = ARTICLE.map((p) => `<p>${p}</p>`).join('').repeat(2);
    site = await serveSite((path, _req, res) => {
      if (path === '/robots.txt') res.writeHead(403, { 'content-type': 'text/html; charset=UTF-8', 'cf-mitigated': 'challenge' }).end(CHALLENGE);
      else if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo</title><item><title>${TITLE}</title><link>https://baolaocai.example/tin-1.html</link><description><![CDATA[${whole}]]></description></item></channel></rss>`);
      else res.writeHead(404).end();
    });
    const { summary, log } = await run([{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }]);
    expect(log).toEqual([]);
    expect(summary.newItems).toBe(1);
  });
});

describe('a feed that is XML but for what its CMS let slip', () => {
  it('is read: a bare «&» in a title or link, a PHP warning or notice before the XML, a timing comment and a script after it; a cut feed is still refused', async () => {
    const whole = ARTICLE.map((p) => `<p>${p}</p>`).join('').repeat(2);
    const rss = (title: string, link: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Văn hóa & Giải trí</title><item><title>${title}</title><link>${link}</link><description><![CDATA[${whole} <a href="/tim-kiem?q=lu&trang=2">Xem thêm</a>]]></description><pubDate>Tue, 01 Dec 2026 01:00:00 +0700</pubDate></item></channel></rss>`;
    const bodies: Record<string, string> = {
      '/ampersand.rss': rss('Giá vàng & USD cùng tăng', 'https://baolaocai.example/tin.aspx?id=1&cat=2'),
      '/warning.rss': `<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent by (output started at /var/www/wp-content/plugins/seo/seo.php:12) in <b>/var/www/wp-includes/feed-rss2.php</b> on line <b>8</b><br />\n${rss('Lào Cai khắc phục sạt lở', '<![CDATA[https://baolaocai.example/tin.aspx?id=2&cat=2]]>')}`,
      '/trailer.rss': `${rss('Bát Xát thông tuyến', 'https://baolaocai.example/tin-3.html')}\n<!-- Trang được tạo trong 0.0412 giây --><script type="text/javascript">var _gaq = _gaq || [];</script>`,
      // PHP with html_errors off prints its notice as plain text.
      '/notice.rss': `\nNotice: Undefined index: cat in /var/www/html/rss.php on line 12\n${rss('Phố cổ Sa Pa đón khách', 'https://baolaocai.example/tin-5.html')}`,
      '/cut.rss': rss('Tin bị cắt', 'https://baolaocai.example/tin-4.html').slice(0, 200),
    };
    site = await serveSite((path, _req, res) => {
      if (bodies[path]) res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(bodies[path]);
      else res.writeHead(404).end();
    });
    const { log, feed } = await run(Object.keys(bodies).map((path) => ({ name: path, url: `${site!.origin}${path}` })));
    // Before: each skipped as «broken XML: char '&' is not expected», «Extra text at the end», «Multiple possible root nodes found»,
    // «neither XML nor JSON».
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^source skipped: \/cut\.rss <[^>]+>: broken XML: /);
    expect(feed.items.map((item) => [item.title, item.url]).sort()).toEqual([
      ['Bát Xát thông tuyến', 'https://baolaocai.example/tin-3.html'],
      ['Giá vàng & USD cùng tăng', 'https://baolaocai.example/tin.aspx?id=1&cat=2'],
      ['Lào Cai khắc phục sạt lở', 'https://baolaocai.example/tin.aspx?id=2&cat=2'],
      ['Phố cổ Sa Pa đón khách', 'https://baolaocai.example/tin-5.html'],
    ]);
    for (const item of feed.items) expect(item.content_html).toContain('/tim-kiem?q=lu&trang=2"');
  });

});

describe('an article page served without saying it is HTML', () => {
  it('is read when its bytes are a page (no Content-Type, octet-stream, a .gz served as application/x-gzip); a PDF is still no page', async () => {
    const page = `<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1>${ARTICLE.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const paths = ['/tin/khong-kieu.html', '/tin/octet.html', '/tin/nen.html.gz', '/tin/ban-in.pdf'];
    site = await serveSite((path, _req, res) => {
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(teaserRss(site!.origin, paths));
      else if (path === paths[0]) {
        // Node adds no Content-Type of its own: the header is simply absent, as from some old servers.
        res.writeHead(200).end(page);
      } else if (path === paths[1]) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(page);
      else if (path === paths[2]) res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(gzipSync(page));
      else if (path === paths[3]) res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4\n%âãÏÓ\n1 0 obj <</Type /Catalog>> endobj');
      else res.writeHead(404).end();
    });
    const { log, feed } = await run([{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }]);
    // Before: «not a web page ()», «not a web page (application/octet-stream)», «… (application/x-gzip)», and the teaser for each.
    expect(log).toEqual([`article page not used, keeping the feed's text: ${site.origin}/tin/ban-in.pdf: not a web page (application/pdf)`]);
    expect(feed.items.map((item) => text(item.content_html))).toEqual([TEASER, ARTICLE.join(' '), ARTICLE.join(' '), ARTICLE.join(' ')]);
  });
});

describe('a 20 MB article page', () => {
  it('is read when its weight is pictures pasted inline as data: URIs (never published): the whole article, not the teaser', async () => {
    // A portal editor pasted three screenshots into the article: ~6.7 MB of base64 each, text between and after them.
    const pasted = (seed: number) => `<p><img src="data:image/png;base64,${Buffer.alloc(5 * 1024 * 1024, seed).toString('base64')}" width="1280" height="720"></p>`;
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1><p>${ARTICLE[0]}</p>${pasted(1)}<p>${ARTICLE[1]}</p>${pasted(2)}<p>${ARTICLE[2]}</p>${pasted(3)}<p>${ARTICLE[3]}</p></article></body></html>`;
    const comments = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1>${ARTICLE.map((p) => `<p>${p}</p>`).join('')}</article><div class="comments">${'<p>Bình luận của bạn đọc về bài viết này.</p>'.repeat(400_000)}</div></body></html>`;
    site = await serveSite((path, _req, res) => {
      if (path === '/rss/home.rss') res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(teaserRss(site!.origin, ['/tin/anh-dan.html', '/tin/binh-luan.html']));
      else if (path === '/tin/anh-dan.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      else if (path === '/tin/binh-luan.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(comments);
      else res.writeHead(404).end();
    });
    expect(Buffer.byteLength(page)).toBeGreaterThan(20 * 1024 * 1024);
    const { log, feed } = await run([{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }]);
    const byUrl = new Map(feed.items.map((item) => [item.url.replace(site!.origin, ''), text(item.content_html)]));
    // Before: «body over the limit of 3145728 bytes», and the teaser was published.
    expect(byUrl.get('/tin/anh-dan.html')).toBe(ARTICLE.join(' '));
    // A page whose weight is text is still refused at the limit, which the line names.
    expect(byUrl.get('/tin/binh-luan.html')).toBe(TEASER);
    expect(log).toEqual([`article page not used, keeping the feed's text: ${site.origin}/tin/binh-luan.html: ${site.origin}/tin/binh-luan.html: body over the limit of 3145728 bytes (maxPageBytes in the config)`]);
  });
});

describe('a second run over sources that did not change', () => {
  it('writes nothing at all: the summary says 0.0 KB, and no file in the output is touched', async () => {
    const article = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1>${ARTICLE.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const rss = teaserRss('http://placeholder', ['/tin/mua-lu.html']);
    site = await serveSite((path, req, res) => {
      const body = rss.replaceAll('http://placeholder', site!.origin);
      if (path === '/rss/home.rss') {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
        else res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' }).end(body);
      } else if (path === '/tin/mua-lu.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article);
      else res.writeHead(404).end();
    });
    const sources = [{ name: 'Báo Lào Cai', url: `${site.origin}/rss/home.rss` }];
    await run(sources);
    const files = async () => {
      const names = ['feed.json', 'feed.json.gz', 'feed.json.br', join('.publisher', 'state.json')];
      return Promise.all(names.map(async (name) => `${name} ${(await stat(join(out!, name))).mtimeMs}`));
    };
    const before = await files();
    const second = await run(sources);
    // Before: «45.5 KB written, head unchanged» in the operator's trial, all of it the state file, rewritten every run.
    expect(second.summary.bytesWritten).toBe(0);
    expect(await files()).toEqual(before);
    expect(site.requests.filter((r) => r.path === '/rss/home.rss').map((r) => r.ifNoneMatch)).toEqual([undefined, '"v1"']);
  });
});
