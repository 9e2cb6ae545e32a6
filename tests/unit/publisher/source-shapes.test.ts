/**
 * Shapes of real sources that the fixture sites do not have: each case is what
 * a new publisher met pointing the command at made-up sources on 127.0.0.1.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildItem, type BuildContext } from '../../../publisher/src/feed/build-item';
import { parseConfig } from '../../../publisher/src/config';
import type { FeedItem } from '../../../publisher/src/feed/feed-item';
import { publish, type PublishSummary } from '../../../publisher/src/publish';
import { createClient, type Client } from '../../../publisher/src/net/client';
import type { GetResult } from '../../../publisher/src/net/http';
import { PictureStore } from '../../../publisher/src/pictures/picture-store';
import { decodeBody } from '../../../publisher/src/sources/decode';
import { parseSource } from '../../../publisher/src/sources/parse-source';
import type { SourceItem } from '../../../publisher/src/sources/source-item';
import { escapeText } from '../../../publisher/src/text/text-html';
import { windows1258 } from '../../fixtures/publisher/windows-1258';

const TITLE = 'Xã Mường Lói làm xong đường liên thôn trước mùa mưa';
const TEASER = 'Người dân xã Mường Lói, huyện Điện Biên, đã làm xong con đường liên thôn dài ba cây số.';
const ARTICLE = [
  'Người dân xã Mường Lói, huyện Điện Biên, đã làm xong con đường liên thôn dài ba cây số trước mùa mưa.',
  'Chính quyền xã hỗ trợ 120 tấn xi măng, bà con các bản góp hơn hai nghìn ngày công trong hai tháng.',
  'Ông Lò Văn Hặc, trưởng bản Na Sang, cho biết xe chở nông sản nay vào tận bản, không phải gùi ra đường lớn.',
  'Năm tới, xã dự kiến làm thêm bốn cây số đường nội đồng theo cách Nhà nước và nhân dân cùng làm.',
];
const articlePage = (extra = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><nav><a href="/">Trang chủ</a></nav><article><h1>${TITLE}</h1>${ARTICLE.map((p) => `<p>${p}</p>`).join('')}${extra}</article><footer>© Báo Điện Biên</footer></body></html>`;

type Page = Omit<Extract<GetResult, { status: 'ok' }>, 'status' | 'url'>;

interface Built {
  html: string;
  text: string;
  log: string[];
  pictures: string[];
  image?: string;
}

/** A build that takes the feed's text as it is: no page, no picture is asked for. */
const feedOnly = (url: string): BuildContext => ({
  source: { name: 'Thư viện', url, fullText: 'never' },
  client: { get: async () => Promise.reject(new Error('no page wanted')) },
  pictures: { get: async () => undefined } as unknown as PictureStore,
  rules: [],
  maxPageBytes: 1_000_000,
  now: Date.UTC(2026, 11, 1),
  log: () => undefined,
});

/** A build that completes teasers from their pages, with real pictures; what it logs goes to `log`. */
const fromPages = (source: { name: string; url: string }, client: Client, pictures: PictureStore, log: string[]): BuildContext => ({
  source: { ...source, fullText: 'auto' },
  client,
  pictures,
  rules: [],
  maxPageBytes: 1_000_000,
  now: Date.UTC(2026, 11, 1),
  log: (message) => log.push(message),
});

/**
 * The text built for a Báo Điện Biên story at `url` whose pages are `served`
 * (any other address: 404), pictures left out; the addresses asked and what was logged.
 */
async function buildFromServedPages(url: string, served: Record<string, string>): Promise<{ text: string; asked: string[]; log: string[] }> {
  const asked: string[] = [];
  const log: string[] = [];
  const client: Client = {
    get: async (at) => {
      asked.push(at);
      if (served[at] === undefined) throw new Error(`${at}: HTTP 404`);
      return { status: 'ok', url: at, body: Buffer.from(served[at]), contentType: 'text/html; charset=utf-8' };
    },
  };
  const pictures = { get: async () => undefined } as unknown as PictureStore;
  const built = await buildItem('id-1', { guid: '1', url, title: TITLE, contentHtml: `<p>${TEASER}</p>`, authors: [], categories: [] }, fromPages({ name: 'Báo Điện Biên', url: 'https://baodienbien.example/rss/home.rss' }, client, pictures, log));
  return { text: (built?.content_html ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim(), asked, log };
}

/** A picture store writing into a fresh folder, removed after `use`; what it logs goes to `log`. */
async function withPictureStore(client: Client, use: (pictures: PictureStore, log: string[]) => Promise<void>): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'bao-shapes-'));
  const log: string[] = [];
  try {
    const pictures = new PictureStore({
      client,
      outDir: out,
      known: {},
      maxBytes: 1_000_000,
      write: async (path, data) => {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, data);
      },
      log: (message) => log.push(message),
    });
    await use(pictures, log);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Builds one teaser item whose article page (and nothing else) the fake client serves. */
async function buildFromPage(page: Page, item: Partial<SourceItem> = {}): Promise<Built> {
  const log: string[] = [];
  const pictures: string[] = [];
  const client: Client = { get: async (url) => ({ status: 'ok', url, ...page }) };
  const context: BuildContext = {
    source: { name: 'Báo Điện Biên', url: 'https://baodienbien.example/rss/home.rss', fullText: 'auto' },
    client,
    pictures: { get: async (url: string) => (pictures.push(url), [{ url: `pictures/${pictures.length}-480.webp`, width: 480, height: 320 }]) } as unknown as PictureStore,
    rules: [],
    maxPageBytes: 1_000_000,
    now: Date.UTC(2026, 11, 1),
    log: (message) => log.push(message),
  };
  const source: SourceItem = { guid: '1', url: 'https://baodienbien.example/xa-hoi/duong-lien-thon.html', title: TITLE, contentHtml: `<p>${TEASER}</p>`, authors: [], categories: [], ...item };
  const built = await buildItem('id-1', source, context);
  const html = built?.content_html ?? '';
  const result: Built = { html, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim(), log, pictures: [...new Set(pictures)] };
  if (built?.image) result.image = built.image;
  return result;
}

describe('a UTF-8 article page with a stray byte', () => {
  it('is read as UTF-8, as a browser shows it: the whole article, no mojibake', async () => {
    // A copyright sign left in windows-1252 by an old footer include: one byte 0xA9 in a UTF-8 page.
    const html = articlePage();
    const [head, tail] = [html.slice(0, html.indexOf('<footer>')), html.slice(html.indexOf('<footer>'))];
    const body = Buffer.concat([Buffer.from(head), Buffer.from([0x3c, 0x21, 0x2d, 0x2d, 0x20, 0xa9, 0x20, 0x2d, 0x2d, 0x3e]), Buffer.from(tail)]);
    const { text, log } = await buildFromPage({ body, contentType: 'text/html; charset=utf-8' });
    // Before: read as windows-1258, «NgÆ°á»i dÃ¢n…»; the page no longer told the story and only the teaser was published.
    expect(log).toEqual([]);
    expect(text).toBe(ARTICLE.join(' '));
  });

  it('leaves a windows-1258 page with one UTF-8 sign in it windows-1258', () => {
    // «Hà Nội mưa lớn» in windows-1258, then «©» in UTF-8 (0xC2 0xA9) from a shared footer.
    const legacy = Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0xf2, 0x69, 0x20, 0x6d, 0xfd, 0x61, 0x20, 0x6c, 0xf5, 0xec, 0x6e, 0x20, 0xc2, 0xa9]);
    expect(decodeBody(legacy, 'text/html').startsWith('Hà Nội mưa lớn')).toBe(true);
  });
});

describe('a site whose robots.txt asks for a crawl delay', () => {
  it('gets every page, each in its turn: waiting for the turn is not the server being slow', async () => {
    const asked: { url: string; at: number }[] = [];
    const started = Date.now();
    const fetch = async (url: string, init: RequestInit) => {
      // As the real fetch does: an aborted request is not sent.
      init.signal?.throwIfAborted();
      asked.push({ url, at: Date.now() - started });
      return url.endsWith('/robots.txt') ? new Response('User-agent: *\nCrawl-delay: 0.15\n') : new Response(articlePage());
    };
    const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
    // A time-out longer than one turn, shorter than the wait of the fourth page in the queue (as 20 s is to 4 × 10 s).
    const client = createClient({ fetch, clock, userAgent: 'TestBot/1', hostIntervalMs: 0, timeoutMs: 250, maxRedirects: 2 });
    const pages = ['1', '2', '3', '4'].map((n) => client.get(`https://baodienbien.example/bai-${n}.html`, { maxBytes: 100_000 }));
    const results = await Promise.allSettled(pages);
    // Before: «no answer within 250 ms» for the third and fourth pages, which were never even asked for.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    const times = asked.filter((a) => !a.url.endsWith('/robots.txt')).map((a) => a.at);
    // Still in turns 150 ms apart, as the site asked (the first turn's start may lag on a busy machine).
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(300);
  });
});

describe("a WordPress feed's tracking pixels and emoji", () => {
  it('are neither the lead picture nor figures; the emoji stays as its character', async () => {
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 90, g: 140, b: 60 } } }).jpeg().toBuffer();
    const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    const served: Record<string, Buffer> = {
      'https://thuvien.example/wp-content/uploads/2026/12/sach.jpg': photo,
      'https://pixel.wp.com/b.gif?host=thuvien.example&blog=1&post=2&feed=1': pixel,
      'https://feeds.example/~r/thuvien/~4/abc': pixel,
      'https://s.w.org/images/core/emoji/15.0.3/svg/1f4da.svg': Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="36" height="36"><rect width="36" height="36" fill="#c33"/></svg>'),
    };
    const asked: string[] = [];
    const client: Client = {
      get: async (url) => {
        asked.push(url);
        return { status: 'ok', url, body: served[url]!, contentType: url.endsWith('.jpg') ? 'image/jpeg' : url.endsWith('.svg') ? 'image/svg+xml' : 'image/gif' };
      },
    };
    await withPictureStore(client, async (pictures, log) => {
      const trackers =
        '<p>Mời bà con đến đọc <img draggable="false" role="img" class="emoji" alt="📚" src="https://s.w.org/images/core/emoji/15.0.3/svg/1f4da.svg"></p>' +
        // WordPress.com's stats pixel, declared 1 × 1; a Feedburner pixel that declares nothing.
        '<img alt="" border="0" src="https://pixel.wp.com/b.gif?host=thuvien.example&amp;blog=1&amp;post=2&amp;feed=1" width="1" height="1" />' +
        '<img src="https://feeds.example/~r/thuvien/~4/abc" alt="">';
      const photoHtml = '<p><img src="https://thuvien.example/wp-content/uploads/2026/12/sach.jpg" alt="Tủ sách mới"></p>';
      const context = fromPages({ name: 'Thư viện', url: 'https://thuvien.example/feed/' }, client, pictures, log);
      const post = (guid: string, contentHtml: string) =>
        buildItem(guid, { guid, url: `https://thuvien.example/2026/12/${guid}/`, title: 'Tủ sách mới ở thư viện xã', contentHtml, authors: [], categories: [] }, context);
      const withoutPhoto = await post('tu-sach', ARTICLE.map((p) => `<p>${p}</p>`).join('') + trackers);
      // Before: the emoji was the post's picture in the list and a 36-px figure; two 1-px figures ended the article.
      expect(withoutPhoto?._bao_offline).toBeUndefined();
      expect(withoutPhoto?.content_html).not.toContain('<figure>');
      expect(withoutPhoto?.content_html).toContain('<p>Mời bà con đến đọc 📚</p>');
      const withPhoto = await post('tu-sach-2', ARTICLE.map((p) => `<p>${p}</p>`).join('') + photoHtml + trackers);
      expect(withPhoto?._bao_offline?.thumbnail?.width).toBe(128);
      expect(withPhoto?.content_html.match(/<figure>/g)).toHaveLength(1);
      // The pixel that says what it is is not even asked for; nor the emoji's drawing.
      expect(asked).not.toContain('https://pixel.wp.com/b.gif?host=thuvien.example&blog=1&post=2&feed=1');
      expect(asked.some((url) => url.includes('s.w.org'))).toBe(false);
    });
  });
});

describe('an RSS item whose address is only its permalink guid', () => {
  it('links to that address and is completed from its page', async () => {
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo Điện Biên</title>
      <item><title>${TITLE}</title><guid isPermaLink="true">https://baodienbien.example/xa-hoi/duong-lien-thon.html</guid><description>${TEASER}</description></item>
      <item><title>Tin vắn</title><guid>https://baodienbien.example/tin-van.html</guid><description>Tin vắn trong ngày.</description></item>
      <item><title>Tin nội bộ</title><guid isPermaLink="false">https://baodienbien.example/noi-bo/42</guid><description>Không phải địa chỉ bài.</description></item>
    </channel></rss>`;
    const [item, implicit, notAddress] = parseSource(rss);
    // RSS 2.0: isPermaLink is true when not given.
    expect(implicit?.url).toBe('https://baodienbien.example/tin-van.html');
    expect(notAddress?.url).toBeUndefined();
    const { text, log } = await buildFromPage({ body: Buffer.from(articlePage()), contentType: 'text/html; charset=utf-8' }, { ...item!, url: item!.url! });
    // Before: no url, so only the teaser was published, with no link to the article.
    expect(item?.url).toBe('https://baodienbien.example/xa-hoi/duong-lien-thon.html');
    expect(log).toEqual([]);
    expect(text).toBe(ARTICLE.join(' '));
  });
});

describe('pictures a page writes in ways the fixtures do not', () => {
  it('keeps an AMP page\'s pictures and a picture whose srcset addresses hold commas, each with its caption', async () => {
    const figures =
      '<figure><amp-img src="/anh/duong-moi.jpg" width="1200" height="800" layout="responsive" alt="Đường mới"><amp-img fallback src="/anh/duong-moi-cu.jpg" width="1200" height="800" layout="fill"></amp-img></amp-img><figcaption>Con đường mới vào bản Na Sang</figcaption></figure>' +
      '<figure><img src="https://res.example/image/upload/w_400,h_300,c_fill/xi-mang.jpg" srcset="https://res.example/image/upload/w_400,h_300,c_fill/xi-mang.jpg 400w, https://res.example/image/upload/w_1200,h_900,c_fill/xi-mang.jpg 1200w" alt=""><figcaption>Xi măng hỗ trợ về tới xã</figcaption></figure>';
    const amp = `<!doctype html><html amp lang="vi"><head><meta charset="utf-8"><script async src="https://cdn.ampproject.org/v0.js"></script><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1><p>${ARTICLE[0]}</p>${figures}${ARTICLE.slice(1).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const { html, text, pictures } = await buildFromPage({ body: Buffer.from(amp), contentType: 'text/html; charset=utf-8' }, { url: 'https://baodienbien.example/amp/xa-hoi/duong-lien-thon.html' });
    // Before: the AMP picture and its caption were gone, and the other picture was looked for at
    // «https://baodienbien.example/amp/xa-hoi/h_900», which does not exist.
    expect(pictures).toEqual(['https://baodienbien.example/anh/duong-moi.jpg', 'https://res.example/image/upload/w_1200,h_900,c_fill/xi-mang.jpg']);
    expect(html.match(/<figure><img [^>]+><figcaption>[^<]+<\/figcaption><\/figure>/g)).toHaveLength(2);
    expect(text).toBe([ARTICLE[0], 'Con đường mới vào bản Na Sang', 'Xi măng hỗ trợ về tới xã', ...ARTICLE.slice(1)].join(' '));
  });
});

describe('a <picture> with a copy for phones', () => {
  it('publishes the full picture, resized here, not the copy cut for narrow screens', async () => {
    const picture = (sources: string, img: string) => `<figure><picture>${sources}${img}</picture><figcaption>Con đường mới vào bản Na Sang</figcaption></figure>`;
    const build = async (figure: string) =>
      (await buildFromPage({ body: Buffer.from(articlePage().replace('</h1>', `</h1>${figure}`)), contentType: 'text/html; charset=utf-8' })).pictures;
    // Before: the 480-px phone copy, which the publisher cannot make sharp at 960 px.
    expect(await build(picture('<source media="(max-width: 767px)" srcset="/anh/duong-480.jpg">', '<img src="/anh/duong-1600.jpg" alt="">'))).toEqual(['https://baodienbien.example/anh/duong-1600.jpg']);
    // Written the other way round (phone first), the copy for wide screens is the full one.
    expect(await build(picture('<source media="(min-width: 768px)" srcset="/anh/duong-1600.jpg">', '<img src="/anh/duong-480.jpg" alt="">'))).toEqual(['https://baodienbien.example/anh/duong-1600.jpg']);
    // With nothing else to go by, the phone's copy is better than no picture.
    expect(await build(picture('<source media="(max-width: 767px)" srcset="/anh/duong-480.jpg">', '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">'))).toEqual(['https://baodienbien.example/anh/duong-480.jpg']);
  });
});

describe('a lead picture named without a type', () => {
  it('is the picture of the item when its file name says it is one; a recording is not', () => {
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Báo</title>
      <item><title>Một</title><link>https://bao.example/1.html</link><enclosure url="https://bao.example/anh/1.jpg" length="0" /></item>
      <item><title>Hai</title><link>https://bao.example/2.html</link><media:content url="https://cdn.example/anh/2.JPEG?w=1200" /></item>
      <item><title>Ba</title><link>https://bao.example/3.html</link><enclosure url="https://bao.example/podcast/3.mp3" length="123" /></item>
      <item><title>Bốn</title><link>https://bao.example/4.html</link><enclosure url="https://bao.example/anh/4.jpg" length="0" type="image/jpeg" /></item>
    </channel></rss>`;
    // Before: undefined for the first two, whose list rows then had no picture when the feed carried the whole text.
    expect(parseSource(rss).map((item) => item.image)).toEqual(['https://bao.example/anh/1.jpg', 'https://cdn.example/anh/2.JPEG?w=1200', undefined, 'https://bao.example/anh/4.jpg']);
  });
});

describe('Vietnamese written decomposed in entities or JSON escapes', () => {
  it('comes out composed (NFC) in the title, the text and the summary, as the app and other readers expect', async () => {
    const escape = (text: string, how: (code: number) => string) => [...text.normalize('NFD')].map((c) => (c.charCodeAt(0) > 127 ? how(c.charCodeAt(0)) : c)).join('');
    const json = `{"version":"https://jsonfeed.org/version/1.1","title":"Thư viện","items":[{"id":"1","url":"https://thuvien.example/1","title":"${escape(TITLE, (code) => `\\u${code.toString(16).padStart(4, '0')}`)}","content_html":"<p>${escape(TEASER, (code) => `&#${code};`)}</p>"}]}`;
    const [item] = parseSource(decodeBody(Buffer.from(json), 'application/feed+json'));
    const built = await buildItem('1', item!, {
      source: { name: 'Thư viện', url: 'https://thuvien.example/feed.json', fullText: 'always' },
      client: { get: async (url) => ({ status: 'ok', url, body: Buffer.from(articlePage()), contentType: 'text/html' }) },
      pictures: { get: async () => undefined } as unknown as PictureStore,
      rules: [],
      maxPageBytes: 1_000_000,
      now: Date.UTC(2026, 11, 1),
      log: () => undefined,
    });
    // Before: «Xã» and every toned letter of the title and summary stayed two characters (letter + mark).
    expect(built?.title).toBe(TITLE);
    expect(built?.summary).toBe(TEASER);
    expect(built?.content_html).toContain(ARTICLE[0]);
    const fromFeed = await buildItem('2', { ...item!, url: undefined }, feedOnly('https://thuvien.example/feed.json'));
    expect(fromFeed?.content_html).toBe(`<p>${TEASER}</p>`);
  });
});

describe('an article page that redirects to the home page or its section', () => {
  const headlines = (count: number) =>
    `<!doctype html><html><head><title>Báo Điện Biên</title></head><body><header>Báo Điện Biên</header><main>${Array.from(
      { length: count },
      (_, i) => `<div class="story"><h3><a href="/tin-${i}.html">${i === 3 ? TITLE : `Tin số ${i}: xã thứ ${i} hoàn thành công trình giao thông nông thôn trước mùa mưa`}</a></h3><p>${i === 3 ? TEASER : 'Bà con góp công, Nhà nước hỗ trợ vật liệu, công trình xong sớm hơn dự kiến hai tuần.'}</p></div>`,
    ).join('')}</main><footer>©</footer></body></html>`;
  const build = async (answeredFrom: string) => {
    const log: string[] = [];
    const built = await buildItem('id-1', { guid: '1', url: 'https://baodienbien.example/xa-hoi/duong-lien-thon.html', title: TITLE, contentHtml: `<p>${TEASER}</p>`, authors: [], categories: [] }, {
      source: { name: 'Báo Điện Biên', url: 'https://baodienbien.example/rss/home.rss', fullText: 'auto' },
      client: { get: async () => ({ status: 'ok', url: answeredFrom, body: Buffer.from(answeredFrom.endsWith('.html') ? articlePage() : headlines(20)), contentType: 'text/html; charset=utf-8' }) },
      pictures: { get: async () => undefined } as unknown as PictureStore,
      rules: [],
      maxPageBytes: 1_000_000,
      now: Date.UTC(2026, 11, 1),
      log: (message) => log.push(message),
    });
    return { html: built?.content_html ?? '', log };
  };

  it("keeps the feed's teaser (a withdrawn article), instead of the page's list of headlines", async () => {
    for (const landing of ['https://baodienbien.example/', 'https://www.baodienbien.example/xa-hoi']) {
      const { html, log } = await build(landing);
      // Before: twenty headlines, links and teasers of other stories, published as the article.
      expect(html).toBe(`<p>${TEASER}</p>`);
      expect(log).toEqual([`article page not used, keeping the feed's text: https://baodienbien.example/xa-hoi/duong-lien-thon.html: the page moved to ${landing}, a section or the home page (the article withdrawn?)`]);
    }
  });

  it('follows the redirects that only move the article: to https, www, or another address of its own', async () => {
    for (const landing of ['https://www.baodienbien.example/xa-hoi/duong-lien-thon.html', 'https://baodienbien.example/2026/12/duong-lien-thon.html']) {
      const { html, log } = await build(landing);
      expect(log).toEqual([]);
      expect(html).toContain(ARTICLE[3]);
    }
  });
});

describe('an RSS description written as raw XHTML elements', () => {
  it('is read as its markup, paragraphs in order, and the item published from the feed alone', async () => {
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="0.91"><channel><title>Thư viện</title><description>Tin thư viện</description>
      <item><title>${TITLE}</title><link>https://thuvien.example/1.html</link><description><p>${ARTICLE[0]}</p><p>Đoạn có <b>chữ đậm</b> &amp; ký hiệu.</p><p>${ARTICLE[1]}</p></description></item>
      <item><title>Tin trống</title><link>https://thuvien.example/0.html</link><description /></item>
      <item><title>Tin thường</title><link>https://thuvien.example/2.html</link><description>&lt;p&gt;Mô tả &lt;b&gt;thoát&lt;/b&gt;&lt;/p&gt;</description></item>
    </channel></rss>`;
    const [raw, empty, escaped] = parseSource(rss);
    expect(empty?.contentHtml).toBe('');
    // Before: '' (the parser took the <p> elements apart), and the item was skipped for having no text.
    expect(raw?.contentHtml).toBe(`<p>${ARTICLE[0]}</p><p>Đoạn có <b>chữ đậm</b> &amp; ký hiệu.</p><p>${ARTICLE[1]}</p>`);
    expect(escaped?.contentHtml).toBe('<p>Mô tả <b>thoát</b></p>');
    const built = await buildItem('1', raw!, feedOnly('https://thuvien.example/rss'));
    expect(built?.content_html).toBe(`<p>${ARTICLE[0]}</p><p>Đoạn có <b>chữ đậm</b> &amp; ký hiệu.</p><p>${ARTICLE[1]}</p>`);
  });
});

describe('pictures served without a picture type', () => {
  it('are resized when their bytes are a picture (cloud storage answers binary/octet-stream), refused when they are a page', async () => {
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer();
    const served: Record<string, [Buffer, string]> = {
      'https://s3.example/bao/anh-1.jpg': [photo, 'binary/octet-stream'],
      'https://cdn.example/anh-2.jpg': [photo, 'application/octet-stream'],
      'https://cdn.example/het-han.jpg': [Buffer.from('<html><body>Liên kết đã hết hạn</body></html>'), 'application/octet-stream'],
    };
    await withPictureStore({ get: async (url) => ({ status: 'ok', url, body: served[url]![0], contentType: served[url]![1] }) }, async (store, log) => {
      // Before: «not a picture (binary/octet-stream)», and the article lost the picture.
      expect((await store.get('https://s3.example/bao/anh-1.jpg', 'article'))?.map((f) => f.width)).toEqual([480, 960]);
      expect((await store.get('https://cdn.example/anh-2.jpg', 'article'))?.map((f) => f.width)).toEqual([480, 960]);
      expect(await store.get('https://cdn.example/het-han.jpg', 'article')).toBeUndefined();
      expect(log).toHaveLength(1);
      expect(log[0]).toMatch(/^picture skipped: https:\/\/cdn.example\/het-han.jpg: /);
    });
  });
});

describe("a site that refuses its pictures to requests that do not come from its pages", () => {
  it('gets them, asking as the article page would (Referer), and the article keeps its pictures', async () => {
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 90, b: 160 } } }).jpeg().toBuffer();
    const pageUrl = 'https://baodienbien.example/xa-hoi/duong-lien-thon.html';
    const asked: { url: string; referer?: string }[] = [];
    const fetch = async (url: string, init: RequestInit) => {
      const referer = (init.headers as Record<string, string>).referer;
      asked.push({ url, ...(referer ? { referer } : {}) });
      if (url.endsWith('/robots.txt')) return new Response('', { status: 404 });
      if (url === pageUrl) return new Response(articlePage('<figure><img src="https://img.baodienbien.example/2026/12/duong.jpg" alt=""><figcaption>Đường mới</figcaption></figure>'), { headers: { 'content-type': 'text/html; charset=utf-8' } });
      // Hotlink protection: a picture only for the paper's own pages.
      if (!referer?.startsWith('https://baodienbien.example/')) return new Response('Forbidden', { status: 403 });
      return new Response(photo, { headers: { 'content-type': 'image/jpeg' } });
    };
    const client = createClient({ fetch, clock: { now: () => 0, sleep: async () => undefined }, userAgent: 'TestBot/1', hostIntervalMs: 0, timeoutMs: 5000, maxRedirects: 2 });
    await withPictureStore(client, async (pictures, log) => {
      const built = await buildItem('id-1', { guid: '1', url: pageUrl, title: TITLE, contentHtml: `<p>${TEASER}</p>`, authors: [], categories: [] }, fromPages({ name: 'Báo Điện Biên', url: 'https://baodienbien.example/rss/home.rss' }, client, pictures, log));
      // Before: «picture skipped: …: HTTP 403», no list picture and no picture in the article.
      expect(log).toEqual([]);
      expect(built?._bao_offline?.thumbnail?.width).toBe(128);
      expect(built?.content_html).toMatch(/<figure><img [^>]+><figcaption>Đường mới<\/figcaption><\/figure>$/);
      expect(asked.filter((a) => a.url.endsWith('.jpg')).map((a) => a.referer)).toEqual([pageUrl]);
      // Only pictures say where they are shown.
      expect(asked.find((a) => a.url === pageUrl)?.referer).toBeUndefined();
    });
  });
});

describe('an article split over several pages', () => {
  const FIRST = 'https://baodienbien.example/xa-hoi/duong-lien-thon.html';
  const pageOf = (paragraphs: string[], next?: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title>${next ? `<link rel="next" href="${next}">` : ''}</head><body><nav><a href="/">Trang chủ</a></nav><article><h1>${TITLE}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}${next ? `<div class="pagination">Trang <b>1</b> <a rel="next" href="${next}">Trang sau »</a></div>` : ''}</article><footer>© Báo Điện Biên</footer></body></html>`;
  const build = (pages: Record<string, string>) => buildFromServedPages(FIRST, pages);

  it('publishes every page of it, in order, without the pager', async () => {
    const { text, log } = await build({
      [FIRST]: pageOf(ARTICLE.slice(0, 2), '?trang=2'),
      [`${FIRST}?trang=2`]: pageOf(ARTICLE.slice(2, 3), 'duong-lien-thon-3.html'),
      'https://baodienbien.example/xa-hoi/duong-lien-thon-3.html': pageOf(ARTICLE.slice(3)),
    });
    // Before: the first two paragraphs, and the article stopped there.
    expect(log).toEqual([]);
    expect(text).toBe(ARTICLE.join(' '));
  });

  it('does not follow a «next» that is another story, and ends with the pages it could have', async () => {
    const other = await build({ [FIRST]: pageOf(ARTICLE, 'https://baodienbien.example/xa-hoi/cau-treo-moi.html'), 'https://baodienbien.example/xa-hoi/cau-treo-moi.html': pageOf(['Một câu chuyện khác về cây cầu treo mới ở bản Huổi Só.']) });
    expect(other.asked).toEqual([FIRST]);
    expect(other.text).toBe(ARTICLE.join(' '));
    // Numbered stories: «/tin/123.html» is not page 2 of «/tin/12.html».
    const numbered = await build({ [FIRST]: pageOf(ARTICLE, 'https://baodienbien.example/xa-hoi/duong-lien-thon1.html') });
    expect(numbered.asked).toEqual([FIRST]);
    const missing = await build({ [FIRST]: pageOf(ARTICLE, '?trang=2') });
    expect(missing.text).toBe(ARTICLE.join(' '));
    expect(missing.log).toEqual([`article page 2 not had, the article ends with page 1: ${FIRST}?trang=2: ${FIRST}?trang=2: HTTP 404`]);
  });
});

describe('an article page that is busy for a while (429, 503)', () => {
  const FEED = 'https://baodienbien.example/rss/home.rss';
  const PAGE = 'https://baodienbien.example/xa-hoi/duong-lien-thon.html';
  const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo Điện Biên</title>
    <item><title>${TITLE}</title><link>${PAGE}</link><guid>${PAGE}</guid><description>${TEASER}</description><pubDate>Mon, 30 Nov 2026 08:00:00 +0700</pubDate></item>
  </channel></rss>`;

  /** Runs the publisher `count` times, an hour apart, over a feed that answers 304 once read and a page that answers `page(n)` to its n-th request. */
  async function runs(count: number, page: (n: number) => Response) {
    let asked = 0;
    const fetch = async (url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      if (url === FEED) return headers['if-none-match'] === '"v1"' ? new Response(null, { status: 304 }) : new Response(rss, { headers: { etag: '"v1"', 'content-type': 'application/rss+xml' } });
      if (url === PAGE) return page(++asked);
      return new Response('', { status: 404 });
    };
    const config = parseConfig({ title: 'Tin Điện Biên', hostIntervalMs: 0, sources: [{ name: 'Báo Điện Biên', url: FEED }] });
    const out = await mkdtemp(join(tmpdir(), 'bao-busy-'));
    const items: FeedItem[][] = [];
    const summaries: PublishSummary[] = [];
    const pageAsked: number[] = [];
    try {
      for (let run = 0; run < count; run++) {
        const clock = { now: () => Date.UTC(2026, 11, 1, run), sleep: async () => undefined };
        summaries.push(await publish(config, out, { fetch, clock, log: () => undefined }));
        items.push((JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: FeedItem[] }).items);
        pageAsked.push(asked);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
    return { items, summaries, pageAsked };
  }
  const textOf = (item: FeedItem | undefined) => item?.content_html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  const article = () => new Response(articlePage(), { headers: { 'content-type': 'text/html; charset=utf-8' } });

  it('publishes the teaser at once, then the whole article once the page answers, as a newer version of the same item', async () => {
    const { items, summaries, pageAsked } = await runs(3, (n) => (n === 1 ? new Response('Quá tải', { status: 503 }) : article()));
    // Before: the teaser stayed for good, the page never asked for again.
    expect(textOf(items[0]![0])).toBe(TEASER);
    expect(items[0]![0]!.date_modified).toBeUndefined();
    expect(items[1]).toHaveLength(1);
    expect(items[1]![0]!.id).toBe(items[0]![0]!.id);
    expect(textOf(items[1]![0])).toBe(ARTICLE.join(' '));
    expect(items[1]![0]!.date_published).toBe(items[0]![0]!.date_published);
    expect(items[1]![0]!.date_modified).toBe(new Date(Date.UTC(2026, 11, 1, 1)).toISOString());
    expect(summaries.map((s) => s.completedItems)).toEqual([0, 1, 0]);
    // Whole now: not asked for again.
    expect(pageAsked).toEqual([1, 2, 2]);
  });

  it('asks a page that stays busy on three runs in all, keeping the teaser published throughout', async () => {
    const { items, pageAsked } = await runs(5, (n) => new Response('Quá tải', { status: n % 2 ? 503 : 429 }));
    expect(items.map((run) => run.map(textOf))).toEqual(Array(5).fill([TEASER]));
    expect(pageAsked).toEqual([1, 2, 3, 3, 3]);
  });

  it('does not ask again for a page that is gone (404), which is no «not now»', async () => {
    const { items, pageAsked } = await runs(3, () => new Response('Không tìm thấy', { status: 404 }));
    expect(items.map((run) => run.map(textOf))).toEqual(Array(3).fill([TEASER]));
    expect(pageAsked).toEqual([1, 1, 1]);
  });
});

describe('a windows-1258 page whose server says ISO-8859-1', () => {
  it('is read as its <meta> says, windows-1258: the article in readable Vietnamese, composed (NFC)', async () => {
    // Apache's default label on a page its CMS wrote in the Vietnamese code page.
    const body = windows1258(articlePage().replace('charset="utf-8"', 'charset="windows-1258"'));
    const { text, log } = await buildFromPage({ body, contentType: 'text/html; charset=ISO-8859-1' });
    // Before: read as the header says, «ngýõÌi dân … ðaÞ làm xong», and that was published as the article.
    expect(log).toEqual([]);
    expect(text).toBe(ARTICLE.join(' '));
  });

  it('is still read as ISO-8859-1 when that is what the page is, whatever its <meta> claims', () => {
    // «Café Điện Biên» is not Vietnamese in windows-1252, but the header is right and the meta wrong: ties go to the header.
    const latin = Buffer.from('<meta charset="windows-1258"><p>Crème brûlée, façade, ñandú: 0xE0 à, 0xEC ì, 0xF2 ò</p>', 'latin1');
    expect(decodeBody(latin, 'text/html; charset=ISO-8859-1')).toContain('Crème brûlée, façade, ñandú: 0xE0 à, 0xEC ì, 0xF2 ò');
  });

  it('leaves a page in another script in the charset it names: only Latin letters are weighed', () => {
    // Four Chinese characters in GBK whose bytes read in windows-1258 as «ĐÂÀÊÀĂÀÉ», letters Vietnamese has.
    expect(decodeBody(Buffer.from([0xd0, 0xc2, 0xc0, 0xca, 0xc0, 0xc3, 0xc0, 0xc9]), 'text/html; charset=gbk')).toBe('新朗烂郎');
  });

  it('is read as windows-1258 when nothing names a charset but a wrong ISO-8859-1, as the bytes read only so', () => {
    const body = windows1258(`<p>${TEASER}</p>`);
    expect(decodeBody(body, 'text/html; charset=iso-8859-1')).toBe(`<p>${TEASER}</p>`);
  });
});

describe('a page typed for a VNI-Windows or TCVN3 font, served as windows-1252 or ISO-8859-1', () => {
  // ARTICLE as the old fonts' typing tools wrote it: VNI a vowel then a byte for its marks, TCVN3 one byte a letter.
  const VNI = [
    'Ngöôøi daân xaõ Möôøng Loùi, huyeän Ñieän Bieân, ñaõ laøm xong con ñöôøng lieân thoân daøi ba caây soá tröôùc muøa möa.',
    'Chính quyeàn xaõ hoã trôï 120 taán xi maêng, baø con caùc baûn goùp hôn hai nghìn ngaøy coâng trong hai thaùng.',
    'OÂng Loø Vaên Haëc, tröôûng baûn Na Sang, cho bieát xe chôû noâng saûn nay vaøo taän baûn, khoâng phaûi guøi ra ñöôøng lôùn.',
    'Naêm tôùi, xaõ döï kieán laøm theâm boán caây soá ñöôøng noäi ñoàng theo caùch Nhaø nöôùc vaø nhaân daân cuøng laøm.',
  ];
  const TCVN3 = [
    'Ng\u00ad\u00eai d\u00a9n x\u00b7 M\u00ad\u00eang L\u00e3i, huy\u00d6n \u00a7i\u00d6n Bi\u00aan, \u00ae\u00b7 l\u00b5m xong con \u00ae\u00ad\u00eang li\u00aan th\u00abn d\u00b5i ba c\u00a9y s\u00e8 tr\u00ad\u00edc m\u00efa m\u00ada.',
    'Ch\u00ddnh quy\u00d2n x\u00b7 h\u00e7 tr\u00ee 120 t\u00can xi m\u00a8ng, b\u00b5 con c\u00b8c b\u00b6n g\u00e3p h\u00acn hai ngh\u00d7n ng\u00b5y c\u00abng trong hai th\u00b8ng.',
    '\u00a4ng L\u00df V\u00a8n H\u00c6c, tr\u00ad\u00ebng b\u00b6n Na Sang, cho bi\u00d5t xe ch\u00eb n\u00abng s\u00b6n nay v\u00b5o t\u00cbn b\u00b6n, kh\u00abng ph\u00b6i g\u00efi ra \u00ae\u00ad\u00eang l\u00edn.',
    'N\u00a8m t\u00edi, x\u00b7 d\u00f9 ki\u00d5n l\u00b5m th\u00aam b\u00e8n c\u00a9y s\u00e8 \u00ae\u00ad\u00eang n\u00e9i \u00ae\u00e5ng theo c\u00b8ch Nh\u00b5 n\u00ad\u00edc v\u00b5 nh\u00a9n d\u00a9n c\u00efng l\u00b5m.',
  ];
  const legacyPage = (paragraphs: string[], font: string) =>
    Buffer.from(`<!doctype html><html><head><meta charset="windows-1252"><title>Tin</title></head><body><article><h1>Tin</h1>${paragraphs.map((p) => `<p><font face="${font}">${p}</font></p>`).join('')}</article></body></html>`, 'latin1');

  it('is published in Unicode, as the font showed it', async () => {
    // Before: published as read, «Ngöôøi daân xaõ…» and «Ng­êi d©n x· M­êng…».
    for (const [body, contentType] of [
      [legacyPage(VNI, 'VNI-Times'), 'text/html; charset=windows-1252'],
      [legacyPage(TCVN3, '.VnTime'), 'text/html; charset=ISO-8859-1'],
    ] as const) {
      const { text } = await buildFromPage({ body, contentType });
      expect(text).toBe(ARTICLE.join(' '));
    }
  });

  it('leaves text that is windows-1252 as it is', () => {
    const french = Buffer.from('<p>Crème brûlée, façade, ñandú, pâté, Noël, garçon, où, à côté, déjà vu, naïve</p>', 'latin1');
    expect(decodeBody(french, 'text/html; charset=windows-1252')).toBe('<p>Crème brûlée, façade, ñandú, pâté, Noël, garçon, où, à côté, déjà vu, naïve</p>');
  });
});

describe('a teaser completed after newer stories pushed it off the head page', () => {
  it('comes back on the head page as the whole article, so readers who stop at the head get it', async () => {
    const FEED = 'https://baodienbien.example/rss/home.rss';
    const PAGE = 'https://baodienbien.example/xa-hoi/duong-lien-thon.html';
    const whole = ARTICLE.map((p) => `<p>${p}</p>`).join('');
    // A busy hour: 45 stories carried whole by the feed, all newer than the teaser whose page is busy.
    const others = Array.from({ length: 45 }, (_, i) =>
      `<item><title>Tin số ${i} về đường giao thông nông thôn ở xã thứ ${i}</title><link>https://baodienbien.example/tin-${i}.html</link><description>${escapeText(whole + whole)}</description><pubDate>Mon, 30 Nov 2026 ${String(9 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00 +0700</pubDate></item>`,
    ).join('');
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo Điện Biên</title>
      <item><title>${TITLE}</title><link>${PAGE}</link><description>${TEASER}</description><pubDate>Mon, 30 Nov 2026 08:00:00 +0700</pubDate></item>${others}
    </channel></rss>`;
    let pageAsked = 0;
    const fetch = async (url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      if (url === FEED) return headers['if-none-match'] === '"v1"' ? new Response(null, { status: 304 }) : new Response(rss, { headers: { etag: '"v1"', 'content-type': 'application/rss+xml' } });
      if (url === PAGE) return ++pageAsked === 1 ? new Response('Quá tải', { status: 503 }) : new Response(articlePage(), { headers: { 'content-type': 'text/html; charset=utf-8' } });
      return new Response('', { status: 404 });
    };
    const config = parseConfig({ title: 'Tin Điện Biên', hostIntervalMs: 0, sources: [{ name: 'Báo Điện Biên', url: FEED }], maxNewPerSource: 50 });
    const out = await mkdtemp(join(tmpdir(), 'bao-completed-'));
    const pages = async () => {
      const read: { items: FeedItem[]; next_url?: string }[] = [];
      for (let name: string | undefined = 'feed.json'; name; name = read.at(-1)!.next_url) read.push(JSON.parse(await readFile(join(out, name), 'utf8')) as { items: FeedItem[]; next_url?: string });
      return read;
    };
    try {
      for (const hour of [0, 1]) await publish(config, out, { fetch, clock: { now: () => Date.UTC(2026, 11, 1, hour), sleep: async () => undefined }, log: () => undefined });
      const [head, ...archive] = await pages();
      const completed = head!.items.find((item) => item.url === PAGE);
      // Before: completed on its archive page, which a reader who has the head's other 25 stories never asks for.
      expect(completed?.content_html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()).toBe(ARTICLE.join(' '));
      expect(completed?.date_modified).toBe(new Date(Date.UTC(2026, 11, 1, 1)).toISOString());
      // Once in the whole chain, every story still there.
      const ids = [head!, ...archive].flatMap((page) => page.items.map((item) => item.id));
      expect(ids.filter((id) => id === PAGE)).toHaveLength(1);
      expect(new Set(ids).size).toBe(46);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('an article page that sends the reader on with <meta http-equiv="refresh">', () => {
  const PAGE = 'https://baodienbien.example/xa-hoi/duong-lien-thon.html';
  const moved = (content: string, body = '<p>Bài viết đã chuyển sang địa chỉ mới. <a href="/moi/duong-lien-thon.html">Bấm vào đây</a> nếu trình duyệt không tự chuyển.</p>') =>
    `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Refresh" content="${content}"><title>Đang chuyển trang</title></head><body>${body}</body></html>`;
  const build = (served: Record<string, string>) => buildFromServedPages(PAGE, served);

  it('is followed to the article, as a browser would, without running any script', async () => {
    const { text, asked, log } = await build({
      [PAGE]: moved("0; URL='/moi/duong-lien-thon.html?a=1&amp;b=2'"),
      'https://baodienbien.example/moi/duong-lien-thon.html?a=1&b=2': articlePage(),
    });
    // Before: «the page has less text than the feed», and the teaser was published for good.
    expect(log).toEqual([]);
    expect(asked).toEqual([PAGE, 'https://baodienbien.example/moi/duong-lien-thon.html?a=1&b=2']);
    expect(text).toBe(ARTICLE.join(' '));
  });

  it('is not followed when it only reloads the page, sends an idle reader home after minutes, or is for browsers without script', async () => {
    const refreshes = ['300', '1800; url=/', `600;url=${PAGE}`].map((content) => `<meta http-equiv="refresh" content="${content}">`);
    // Sites that need script send browsers without it to a page saying so; the article is in the page all the same.
    refreshes.push('<noscript><meta http-equiv="refresh" content="0; url=/khong-ho-tro.html"></noscript>');
    for (const refresh of refreshes) {
      const { text, asked } = await build({ [PAGE]: articlePage().replace('<title>', `${refresh}<title>`), 'https://baodienbien.example/': '<p>Trang chủ</p>', 'https://baodienbien.example/khong-ho-tro.html': '<p>Trình duyệt của bạn cần bật JavaScript.</p>' });
      expect(asked).toEqual([PAGE]);
      expect(text).toBe(ARTICLE.join(' '));
    }
  });

  it('keeps the teaser when it sends to the home page (a withdrawn article), saying so', async () => {
    const { text, log } = await build({ [PAGE]: moved('0;url=https://baodienbien.example/'), 'https://baodienbien.example/': '<p>Trang chủ</p>' });
    expect(text).toBe(TEASER);
    expect(log).toEqual([`article page not used, keeping the feed's text: ${PAGE}: the page moved to https://baodienbien.example/, a section or the home page (the article withdrawn?)`]);
  });
});

describe('a Feedburner feed', () => {
  it("links each story to the paper's own address (feedburner:origLink), not to Feedburner's redirect", async () => {
    const ns = 'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"';
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" ${ns}><channel><title>Báo Điện Biên</title>
      <item><title>${TITLE}</title><link>https://feedproxy.google.com/~r/baodienbien/~3/AbC123/duong-lien-thon.html</link><guid isPermaLink="false">baodienbien-1001</guid><description>${TEASER}</description><feedburner:origLink>https://baodienbien.example/xa-hoi/duong-lien-thon.html</feedburner:origLink></item>
      <item><title>Tin không có địa chỉ gốc</title><link>https://baodienbien.example/tin-2.html</link><feedburner:origLink>javascript:alert(1)</feedburner:origLink></item>
    </channel></rss>`;
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" ${ns}><title>Báo</title><id>urn:bao</id>
      <entry><title>${TITLE}</title><id>tag:baodienbien.example,2026:1001</id><link rel="alternate" href="https://feedproxy.google.com/~r/baodienbien/~3/AbC123/"/><summary>${TEASER}</summary><feedburner:origLink>https://baodienbien.example/xa-hoi/duong-lien-thon.html</feedburner:origLink></entry>
    </feed>`;
    const [item, notWeb] = parseSource(rss);
    // Before: the feedproxy address, a redirect through Google with utm_ parameters, was the story's link and id;
    // the same story in the paper's own feed had another address.
    expect(item?.url).toBe('https://baodienbien.example/xa-hoi/duong-lien-thon.html');
    expect(parseSource(atom)[0]?.url).toBe('https://baodienbien.example/xa-hoi/duong-lien-thon.html');
    expect(notWeb?.url).toBe('https://baodienbien.example/tin-2.html');
  });
});

describe('RSS dates a Vietnamese CMS writes in words, or with an English month and no zone', () => {
  it('are read as Vietnam time, not as the run time or the server zone', () => {
    const dates = [
      'Thứ hai, ngày 30 tháng 11 năm 2026, 08:00',
      'Thứ Hai, 30 Tháng 11, 2026 - 08:00',
      '08:00 ngày 30 tháng 11 năm 2026',
      'Nov 30, 2026 8:00:00 AM',
      'November 30, 2026 08:00',
      'Monday, November 30, 2026 8:00 AM',
    ];
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo</title>${dates.map((date, i) => `<item><title>Tin ${i}</title><link>https://bao.example/${i}.html</link><pubDate>${date}</pubDate></item>`).join('')}</channel></rss>`;
    // Before: the first three had no date (the item took the run's time); the others were read as 08:00 UTC, 7 hours late.
    expect(parseSource(rss).map((item) => item.published && new Date(item.published).toISOString())).toEqual(Array(dates.length).fill('2026-11-30T01:00:00.000Z'));
  });

  it('still read a zone when one is given, and refuse a day that does not exist', () => {
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo</title>
      <item><title>Một</title><link>https://bao.example/1.html</link><pubDate>Nov 30, 2026 8:00:00 AM GMT</pubDate></item>
      <item><title>Hai</title><link>https://bao.example/2.html</link><pubDate>Mon, 30 Nov 2026 08:00:00 EST</pubDate></item>
      <item><title>Ba</title><link>https://bao.example/3.html</link><pubDate>ngày 31 tháng 2 năm 2026</pubDate></item>
    </channel></rss>`;
    expect(parseSource(rss).map((item) => item.published && new Date(item.published).toISOString())).toEqual(['2026-11-30T08:00:00.000Z', '2026-11-30T13:00:00.000Z', undefined]);
  });
});

describe('a feed that keeps years of stories (2,000 items)', () => {
  it('gives its stories up to retention.maxAgeDays older than its newest, then nothing more: not ever older ones run after run', async () => {
    const FEED = 'https://thuvien.example/feed/';
    const DAY = 24 * 3600 * 1000;
    const now = Date.UTC(2026, 11, 1);
    // One story every seven hours for 580 days, each carried whole by the feed; 18 of them within five days of the newest.
    const items = Array.from({ length: 2000 }, (_, i) =>
      `<item><title>Bản tin thư viện số ${i}: sách mới về nông nghiệp vùng cao</title><link>https://thuvien.example/tin-${i}.html</link><pubDate>${new Date(now - i * 7 * 3600_000).toUTCString()}</pubDate><description>${escapeText(ARTICLE.map((p) => `<p>${p}</p>`).join('').repeat(2))}</description></item>`,
    ).join('');
    // A date typed wrong, years ahead, is not the feed's newest: the others would all have been too old next to it.
    const typo = `<item><title>Lịch trực thư viện dịp Tết năm tới</title><link>https://thuvien.example/lich-truc.html</link><pubDate>Mon, 01 Dec 2031 08:00:00 +0700</pubDate><description>Thư viện mở cửa cả dịp Tết.</description></item>`;
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Thư viện</title>${typo}${items}</channel></rss>`;
    const fetch = async (url: string) => (url === FEED ? new Response(rss, { headers: { 'content-type': 'application/rss+xml' } }) : new Response('', { status: 404 }));
    const config = parseConfig({ title: 'Thư viện', hostIntervalMs: 0, sources: [{ name: 'Thư viện', url: FEED }], maxNewPerSource: 30, retention: { maxItems: 1000, maxAgeDays: 5 } });
    const out = await mkdtemp(join(tmpdir(), 'bao-years-'));
    try {
      const summaries: PublishSummary[] = [];
      for (let run = 0; run < 3; run++) summaries.push(await publish(config, out, { fetch, clock: { now: () => now + run * 60_000, sleep: async () => undefined }, log: () => undefined }));
      const state = JSON.parse(await readFile(join(out, '.publisher', 'state.json'), 'utf8')) as { items: { published: number }[] };
      // Before: 30 a run, back to stories 26 days old by the third run, each put at the top of the head page.
      expect(summaries.map((s) => s.newItems)).toEqual([19, 0, 0]);
      expect(Math.min(...state.items.map((item) => item.published))).toBeGreaterThanOrEqual(now - 5 * DAY);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
