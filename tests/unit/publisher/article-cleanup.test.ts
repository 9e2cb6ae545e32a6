import { describe, expect, it } from 'vitest';
import { buildItem, type BuildContext } from '../../../publisher/src/feed/build-item';
import type { Client } from '../../../publisher/src/net/client';
import type { PictureStore } from '../../../publisher/src/pictures/picture-store';
import { parseSource } from '../../../publisher/src/sources/parse-source';
import type { SourceItem } from '../../../publisher/src/sources/source-item';
import { fragmentDocument, htmlToText } from '../../../publisher/src/text/html-text';

const URL_OF_ITEM = 'https://thuvien.example/2025/03/phong-doc/';
const TITLE = 'Thư viện huyện mở phòng đọc cho thiếu nhi';
const TEASER = 'Thư viện huyện vừa mở phòng đọc mới cho thiếu nhi với hơn ba nghìn đầu sách được quyên góp.';
const PARAGRAPHS = [
  'Sáng 1/3, thư viện huyện mở cửa phòng đọc mới.',
  'Phòng đọc thiếu nhi có hơn ba nghìn đầu sách được quyên góp từ khắp nơi, bàn ghế thấp, ánh sáng tự nhiên và một góc kể chuyện vào mỗi sáng thứ Bảy.',
  'Bà Điêu Thị Mai, giám đốc thư viện, cho biết thư viện sẽ mang sách tới các điểm trường ở bản xa bằng xe lưu động mỗi tháng một lần.',
  'Bạn đọc có thể mượn tối đa ba cuốn sách trong hai tuần, hoàn toàn miễn phí, chỉ cần đăng ký bằng căn cước công dân của phụ huynh.',
];
const body = PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n');

interface Published {
  html: string;
  text: string;
  log: string[];
}

/** What the feed carries for one item: from its page when `page` is given, else from the feed's own HTML. */
async function publish(options: { page?: string; contentHtml?: string; url?: string | null }): Promise<Published> {
  const log: string[] = [];
  const client: Client = {
    get: async (url) =>
      options.page === undefined ? Promise.reject(new Error('no page wanted')) : { status: 'ok', url, body: Buffer.from(options.page), contentType: 'text/html; charset=utf-8' },
  };
  const context: BuildContext = {
    source: { name: 'Thư viện', url: 'https://thuvien.example/feed/', fullText: options.page === undefined ? 'never' : 'always' },
    client,
    pictures: { get: async () => undefined } as unknown as PictureStore,
    rules: [],
    maxPageBytes: 1_000_000,
    now: Date.UTC(2026, 10, 30),
    log: (message) => log.push(message),
  };
  const item: SourceItem = { guid: '1', title: TITLE, contentHtml: options.contentHtml ?? `<p>${TEASER}</p>`, authors: [], categories: [] };
  if (options.url !== null) item.url = options.url ?? URL_OF_ITEM;
  const built = await buildItem('id-1', item, context);
  const html = built?.content_html ?? '';
  return { html, text: htmlToText(html), log };
}

const page = (article: string) =>
  `<!doctype html><html><head><title>${TITLE}</title><meta property="og:title" content="${TITLE}"></head><body><div class="top"><a href="/">Trang chủ</a></div><div id="main">${article}</div><div class="bottom">© Thư viện huyện</div></body></html>`;

/** The paragraphs of an article as a reader sees them, one per line. */
const lines = (html: string) => Array.from(fragmentDocument(html).body.children).map((el) => el.outerHTML);

describe('a video, a recording or an embedded page in an article', () => {
  it("stands as the app's note, linking to the article's page, where it was, with its caption under it (from the page)", async () => {
    const { html } = await publish({
      page: page(`<article><h1>${TITLE}</h1><p>${PARAGRAPHS[0]}</p>
        <div class="video-wrap"><iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" allowfullscreen></iframe></div>
        <p style="text-align:center"><em>Các em nhỏ trong buổi khai trương phòng đọc.</em></p>
        <p>${PARAGRAPHS[1]}</p>
        <figure class="wp-block-audio"><audio controls src="/wp-content/uploads/ban-tin.mp3">Trình duyệt không hỗ trợ âm thanh.</audio><figcaption>Bản tin phát thanh của huyện.</figcaption></figure>
        ${PARAGRAPHS.slice(2).map((p) => `<p>${p}</p>`).join('')}
        <div class="VCSortableInPreviewMode" type="VideoStream" data-vid="vod/2025/phong-doc.mp4"><div class="VideoCMS_Caption"><p>Góc kể chuyện sáng thứ Bảy.</p></div></div>
        <iframe src="https://googleads.g.doubleclick.net/pagead/ads?x=1" width="300" height="250"></iframe>
        <iframe src="https://www.facebook.com/plugins/like.php?href=x" width="90" height="20"></iframe></article>`),
    });
    // Before: the players vanished and their captions stood under nothing.
    expect(lines(html)).toEqual([
      `<p>${PARAGRAPHS[0]}</p>`,
      `<p><a href="${URL_OF_ITEM}">Xem video ở bài gốc</a></p>`,
      '<p><em>Các em nhỏ trong buổi khai trương phòng đọc.</em></p>',
      `<p>${PARAGRAPHS[1]}</p>`,
      `<p><a href="${URL_OF_ITEM}">Nghe âm thanh ở bài gốc</a></p>`,
      '<p><em>Bản tin phát thanh của huyện.</em></p>',
      ...PARAGRAPHS.slice(2).map((p) => `<p>${p}</p>`),
      `<p><a href="${URL_OF_ITEM}">Xem video ở bài gốc</a></p>`,
      '<p>Góc kể chuyện sáng thứ Bảy.</p>',
    ]);
    expect(html).not.toMatch(/<(iframe|video|audio|script|object|embed)\b|Trình duyệt không hỗ trợ/);
  });

  it("does the same in a feed's own text; without an article page the note links the media, or says it cannot be seen", async () => {
    const contentHtml =
      `${body}<p>Mời xem: <iframe src="https://player.vimeo.com/video/42"></iframe></p><object data="https://maps.example/ban-do.html"></object><video><source src="blob:x"></video>` +
      // WordPress writes an embed block into its feed as the bare address.
      '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=abc123\n</div><figcaption class="wp-element-caption">Các em nhỏ đọc thơ.</figcaption></figure>';
    const withPage = await publish({ contentHtml });
    expect(lines(withPage.html).slice(PARAGRAPHS.length)).toEqual([
      '<p>Mời xem: </p>',
      `<p><a href="${URL_OF_ITEM}">Xem video ở bài gốc</a></p>`,
      `<p><a href="${URL_OF_ITEM}">Xem phần này ở bài gốc</a></p>`,
      `<p><a href="${URL_OF_ITEM}">Xem video ở bài gốc</a></p>`,
      `<p><a href="${URL_OF_ITEM}">Xem video ở bài gốc</a></p>`,
      '<p><em>Các em nhỏ đọc thơ.</em></p>',
    ]);
    const withoutPage = await publish({ contentHtml, url: null });
    expect(lines(withoutPage.html).slice(PARAGRAPHS.length)).toEqual([
      '<p>Mời xem: </p>',
      '<p><a href="https://player.vimeo.com/video/42">Mở video</a></p>',
      '<p><a href="https://maps.example/ban-do.html">Mở phần nhúng này</a></p>',
      '<p>Video ở đây không xem được trong ứng dụng.</p>',
      '<p><a href="https://www.youtube.com/watch?v=abc123">Mở video</a></p>',
      '<p><em>Các em nhỏ đọc thơ.</em></p>',
    ]);
  });
});

describe('the date and byline line above an article, on sites without a rule', () => {
  const markups: Record<string, string> = {
    'WordPress entry-meta': `<article class="post"><h1 class="entry-title">${TITLE}</h1><div class="entry-meta"><span class="posted-on">Đăng ngày <time datetime="2025-03-01T08:00:00+07:00">01/03/2025</time></span> <span class="byline">bởi <a href="/author/admin">quản trị</a></span></div><div class="entry-content">${body}</div></article>`,
    'government portal, date and views': `<div class="news-detail"><h1>${TITLE}</h1><p class="date">Ngày đăng: 01/03/2025 | Lượt xem: 1.234</p>${body}</div>`,
    'day name, time and zone in a span': `<div class="detail"><h1>${TITLE}</h1><div class="time-post"><span>Thứ Bảy, 01/03/2025 08:00 (GMT+7)</span></div><div class="detail-body">${body}</div></div>`,
    'author and date inside the text': `<div class="content-detail"><p><strong>Minh Anh</strong> - 01/03/2025 08:00</p>${body}</div>`,
    'English theme': `<div class="single-post"><h1>${TITLE}</h1><div class="post-info">Posted by admin on March 1, 2025</div>${body}</div>`,
    'italic «Cập nhật» line': `<div class="noidung"><p style="text-align:right"><em>Cập nhật lúc 08:00 ngày 1/3/2025</em></p>${body}</div>`,
  };
  for (const [name, article] of Object.entries(markups)) {
    it(`${name}: the article starts with its first paragraph, which is kept`, async () => {
      const { text } = await publish({ page: page(article) });
      const paragraphs = text.split('\n').filter((line) => line !== TITLE);
      expect(paragraphs).toEqual(PARAGRAPHS);
    });
  }

  it('keeps short first paragraphs that speak of a date, and lines that only mention one', async () => {
    const first = ['Ngày 1/3 tới, thư viện mở cửa cả ngày.', 'Hà Nội, sáng nay trời rét đậm.', 'Theo Sở Văn hóa, năm nay có 12 thư viện mới.'];
    for (const line of first) {
      const { text } = await publish({ page: page(`<article><h1>${TITLE}</h1><p>${line}</p>${body}</article>`) });
      expect(text.split('\n').filter((l) => l !== TITLE)).toEqual([line, ...PARAGRAPHS]);
    }
  });
});

describe("WordPress share, like and related-post blocks in a feed's content:encoded", () => {
  it('are gone from the published text, which keeps every paragraph', async () => {
    const encoded = `${body}
      <div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Chia sẻ:</h3><div class="sd-content"><ul><li class="share-facebook"><a class="share-facebook sd-button" href="https://thuvien.example/?share=facebook"><span>Facebook</span></a></li><li class="share-twitter"><a href="https://thuvien.example/?share=twitter"><span>X</span></a></li></ul></div></div></div>
      <div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper" id="like-post-wrapper"><h3 class="sd-title">Thích điều này:</h3><div class="likes-widget-placeholder post-likes-widget-placeholder"><span class="loading">Đang tải...</span></div></div>
      <div class="addtoany_share_save_container addtoany_content addtoany_content_bottom"><div class="a2a_kit a2a_kit_size_32 addtoany_list"><a class="a2a_button_facebook" href="https://www.addtoany.com/add_to/facebook?linkurl=x">Facebook</a><a class="a2a_button_zalo" href="https://www.addtoany.com/add_to/zalo">Zalo</a><a class="a2a_dd addtoany_share_save" href="https://www.addtoany.com/share">Share</a></div></div>
      <ul class="social-share-list"><li><a href="https://facebook.com/sharer/sharer.php?u=x">Chia sẻ lên Facebook</a></li><li><a href="https://zalo.me/share?u=x">Gửi qua Zalo</a></li></ul>
      <div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Có liên quan</em></h3><div class="jp-relatedposts-items"><p class="jp-relatedposts-post"><a href="https://thuvien.example/ngay-hoi-doc-sach/">Ngày hội đọc sách năm ngoái</a></p></div></div>
      <div class="yarpp yarpp-related yarpp-related-rss"><h3>Bài viết cùng chủ đề:</h3><ol><li><a href="https://thuvien.example/lich-tet/">Lịch mở cửa dịp Tết</a></li></ol></div>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Thư viện</title><link>https://thuvien.example</link>
      <item><title>${TITLE}</title><link>${URL_OF_ITEM}</link><pubDate>Sat, 01 Mar 2025 01:00:00 +0000</pubDate><description><![CDATA[${TEASER}]]></description><content:encoded><![CDATA[${encoded}]]></content:encoded></item></channel></rss>`;
    const [item] = parseSource(xml);
    const { text } = await publish({ contentHtml: item!.contentHtml });
    // Before: «Chia sẻ: Facebook X», «Thích điều này: Đang tải...», the AddToAny buttons and both related lists.
    expect(text.split('\n')).toEqual(PARAGRAPHS);
  });
  it("are gone with Yoast's «Bài viết … xuất hiện đầu tiên tại …» line and a «Đọc tiếp» link, when the feed's text is all there is", async () => {
    const ends = [
      `<p><a href="${URL_OF_ITEM}#more-12" class="more-link">Đọc tiếp <span class="screen-reader-text">«${TITLE}»</span></a></p>`,
      `<p>Bài viết <a href="${URL_OF_ITEM}">${TITLE}</a> xuất hiện đầu tiên tại <a href="https://thuvien.example">Thư viện huyện</a>.</p>`,
      `<p>The post <a href="${URL_OF_ITEM}">${TITLE}</a> appeared first on <a href="https://thuvien.example">Thư viện huyện</a>.</p>`,
    ];
    const { text } = await publish({ contentHtml: `${body}${ends.join('')}` });
    // Before: the three lines ended the article.
    expect(text.split('\n')).toEqual(PARAGRAPHS);
    const news = '<p>Bài viết của em Lò Thị Hoa xuất hiện đầu tiên trên tờ báo tường của trường.</p>';
    expect((await publish({ contentHtml: `${body}${news}` })).text.split('\n')).toEqual([...PARAGRAPHS, 'Bài viết của em Lò Thị Hoa xuất hiện đầu tiên trên tờ báo tường của trường.']);
  });
});

describe("a paper's «follow us» lines at the end of an article", () => {
  const promos = [
    '<p><em>Theo dõi Báo Lai Châu trên <a href="https://news.google.com/publications/x">Google News</a></em></p>',
    '<p>Mời bạn đọc theo dõi fanpage của báo tại <a href="https://facebook.com/baolaichau">đây</a>.</p>',
    '<p><strong>Tham gia kênh Zalo của báo để nhận tin nhanh nhất.</strong></p>',
  ].join('');
  it('are gone, from the page and from the feed, and the article ends with its last paragraph', async () => {
    const fromPage = await publish({ page: page(`<article><h1>${TITLE}</h1>${body}${promos}</article>`) });
    const fromFeed = await publish({ contentHtml: `${body}${promos}` });
    // Before: three lines of the paper's promotion ended every article.
    for (const { text } of [fromPage, fromFeed]) expect(text.split('\n').filter((line) => line !== TITLE)).toEqual(PARAGRAPHS);
  });

  it('leave alone an article paragraph about following the news', async () => {
    const news = [
      'Người dân theo dõi thông tin về bão số 3 trên Zalo của xã và loa phát thanh của bản suốt đêm qua.',
      'Theo dõi diễn biến của bão trên trang Facebook của Ban chỉ huy phòng chống thiên tai huyện.',
    ];
    const { text } = await publish({ contentHtml: `${body}${news.map((p) => `<p>${p}</p>`).join('')}` });
    expect(text.split('\n')).toEqual([...PARAGRAPHS, ...news]);
  });
});

describe('a page that a script fills in', () => {
  const shell = (data: object) =>
    `<!doctype html><html><head><title>${TITLE}</title><script type="application/ld+json">${JSON.stringify(data)}</script></head><body><div id="root"><div class="loading">Đang tải…</div></div><script src="/static/app.js"></script></body></html>`;

  it("publishes the text its schema.org data carries, paragraph by paragraph", async () => {
    const data = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', name: 'Trang' }, { '@type': 'NewsArticle', headline: TITLE, articleBody: PARAGRAPHS.join('\n') }] };
    const { text, log } = await publish({ page: shell(data) });
    // Before: nothing found on the page, and the teaser published.
    expect(text.split('\n')).toEqual(PARAGRAPHS);
    expect(log).toEqual([]);
  });

  it('publishes the article a Next.js page carries in its __NEXT_DATA__', async () => {
    const data = { props: { pageProps: { article: { title: TITLE, sapo: TEASER, content: PARAGRAPHS.map((p) => `<p>${p}</p>`).join('') } } }, page: '/[slug]' };
    const next = `<!doctype html><html><head><title>${TITLE}</title></head><body><div id="__next"><div class="loading">Đang tải…</div></div><script id="__NEXT_DATA__" type="application/json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script></body></html>`;
    const { text, log } = await publish({ page: next });
    // Before: «no article text on the page», and the teaser published.
    expect(log).toEqual([]);
    expect(text.split('\n')).toEqual(PARAGRAPHS);
  });

  it('keeps the teaser when that data marks the article as paid', async () => {
    const { text, log } = await publish({ page: shell({ '@type': 'NewsArticle', isAccessibleForFree: 'False', articleBody: PARAGRAPHS.join('\n') }) });
    expect(text).toBe(TEASER);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^article page not used, keeping the feed.s text: https:\/\/thuvien\.example\/2025\/03\/phong-doc\/: /);
  });
});
