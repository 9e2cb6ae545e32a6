import { describe, expect, it } from 'vitest';
import { buildItem, type BuildContext } from '../../../publisher/src/feed/build-item';
import type { Client } from '../../../publisher/src/net/client';
import type { PictureStore } from '../../../publisher/src/pictures/picture-store';
import { parseSource } from '../../../publisher/src/sources/parse-source';
import type { SourceItem } from '../../../publisher/src/sources/source-item';
import { escapeText } from '../../../publisher/src/text/text-html';

const TEASER = 'Nông dân Mộc Châu thu hoạch mận hậu sớm, giá bán tại vườn từ 25.000 đến 30.000 đồng mỗi kilôgam.';
const ARTICLE = [
  'Những ngày này, nông dân Mộc Châu tất bật thu hoạch mận hậu chín sớm trên các đồi mận của xã Nà Mường.',
  'Giá bán tại vườn dao động từ 25.000 đến 30.000 đồng mỗi kilôgam, cao hơn năm ngoái khoảng 5.000 đồng.',
  'Ông Lò Văn Pánh cho biết gia đình ông có hơn hai héc-ta mận, năm nay ước thu khoảng 20 tấn quả.',
  'Hợp tác xã nông nghiệp đã ký hợp đồng bao tiêu sản phẩm với doanh nghiệp trong tỉnh và ở Hà Nội.',
];
const page = (body: string) => `<!doctype html><html><head><title>Báo</title></head><body><nav><a href="/">Trang chủ</a></nav><main>${body}</main><footer>© Báo</footer></body></html>`;

async function build(html: string): Promise<{ text: string; log: string[] }> {
  const log: string[] = [];
  const client: Client = { get: async (url) => ({ status: 'ok', url, body: Buffer.from(html), contentType: 'text/html; charset=utf-8' }) };
  const context: BuildContext = {
    source: { name: 'Báo', url: 'https://bao.example/rss', fullText: 'auto' },
    client,
    pictures: { get: async () => undefined } as unknown as PictureStore,
    rules: [],
    maxPageBytes: 1_000_000,
    now: Date.UTC(2026, 10, 30),
    log: (message) => log.push(message),
  };
  const item: SourceItem = { guid: '1', url: 'https://bao.example/man-hau.html', title: 'Mộc Châu vào vụ thu hoạch mận hậu', contentHtml: `<p>${TEASER}</p>`, authors: [], categories: [] };
  const built = await buildItem('id-1', item, context);
  return { text: built!.content_html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim(), log };
}

describe('an article page that is not the article', () => {
  it('takes the article from its page when the page tells the story', async () => {
    const { text } = await build(page(`<article><h1>Mộc Châu vào vụ thu hoạch mận hậu</h1>${ARTICLE.map((p) => `<p>${p}</p>`).join('')}</article>`));
    expect(text).toContain(ARTICLE[2]);
  });

  it("keeps the feed's teaser when the page is a cookie wall or an anti-bot page", async () => {
    const wall = page(
      `<div class="consent"><h2>Chúng tôi sử dụng cookie</h2><p>Trang web này sử dụng cookie để cải thiện trải nghiệm của bạn. Vui lòng bật JavaScript và chấp nhận cookie để tiếp tục đọc bài viết. Bằng việc tiếp tục sử dụng trang, bạn đồng ý với chính sách quyền riêng tư của chúng tôi.</p><p>Nếu bạn không đồng ý, vui lòng rời khỏi trang. Chúng tôi cam kết bảo vệ dữ liệu cá nhân của bạn theo quy định của pháp luật Việt Nam và các tiêu chuẩn quốc tế hiện hành về an toàn thông tin.</p><p>Hệ thống đang kiểm tra trình duyệt của bạn, quá trình này diễn ra tự động và chỉ mất vài giây. Xin cảm ơn bạn đã kiên nhẫn chờ đợi trong lúc chúng tôi xác minh kết nối.</p></div>`,
    );
    const { text, log } = await build(wall);
    // Before: the cookie notice was published as the article.
    expect(text).toBe(TEASER);
    expect(log.join('\n')).toMatch(/does not tell the story/);
  });

  it('says in one line which page was empty or had no article, and keeps the teaser', async () => {
    const appShell = '<!doctype html><html><head><title>Báo</title></head><body><div id="app"></div><script src="/app.js"></script></body></html>';
    for (const [body, reason] of [
      ['', 'the page is empty (0 bytes)'],
      ['\n  \n', 'the page is empty (4 bytes)'],
      [appShell, `no article text on the page (${Buffer.byteLength(appShell)} bytes of HTML)`],
    ] as const) {
      const { text, log } = await build(body);
      expect(text).toBe(TEASER);
      // Before: «Cannot destructure property 'firstElementChild' of 'documentElement' as it is null» for an empty page.
      expect(log).toEqual([`article page not used, keeping the feed's text: https://bao.example/man-hau.html: ${reason}`]);
    }
  });

  it("keeps the feed's text when the page gives less of it (a paywall)", async () => {
    const { text, log } = await build(page(`<article><h1>Mộc Châu vào vụ thu hoạch mận hậu</h1><p>Nông dân Mộc Châu thu hoạch mận hậu sớm.</p><div class="premium">Đăng ký hội viên để đọc tiếp.</div></article>`));
    expect(text).toBe(TEASER);
    expect(log.join('\n')).toMatch(/less text than the feed/);
  });
});

describe('a source that escapes twice', () => {
  it('shows the title and the text, not entities and tags', async () => {
    const context: BuildContext = {
      source: { name: 'Báo', url: 'https://bao.example/rss', fullText: 'never' },
      client: { get: async () => Promise.reject(new Error('no page wanted')) },
      pictures: { get: async () => undefined } as unknown as PictureStore,
      rules: [],
      maxPageBytes: 1_000_000,
      now: Date.UTC(2026, 10, 30),
      log: () => undefined,
    };
    // What the XML parser hands over for <title><![CDATA[Ph&amp;#7889; &amp;quot;c&amp;#7893;&amp;quot;]]></title>
    // and <description>&amp;lt;p&amp;gt;Mô tả &amp;amp;amp; ảnh&amp;lt;/p&amp;gt;</description>.
    const item: SourceItem = { guid: '2', url: 'https://bao.example/2.html', title: 'Ph&amp;#7889; &amp;quot;c&amp;#7893;&amp;quot;', contentHtml: '&lt;p&gt;Mô tả &amp;amp; ảnh&lt;/p&gt;', authors: [], categories: [] };
    const built = await buildItem('id-2', item, context);
    // Before: «Ph&#7889; &quot;c&#7893;&quot;» and «<p>Mô tả &amp; ảnh</p>» shown as text.
    expect(built?.title).toBe('Phố "cổ"');
    expect(built?.content_html).toBe('<p>Mô tả &amp; ảnh</p>');
  });
});

describe('a Blogger post', () => {
  it('resizes the full pictures its small copies link to, not the copies nor the 72-px feed thumbnail', async () => {
    const [entry] = parseSource(`<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Bản Làng</title>
      <entry><id>tag:blogger.com,1999:blog-1.post-1</id><published>2026-11-30T08:00:00.000+07:00</published><title type='text'>Mùa hoa ban</title>
      <content type='html'>${escapeText(`<div class="separator" style="clear: both; text-align: center;"><a href="https://blogger.googleusercontent.com/img/b/R29v/s1600/hoa-ban.jpg" style="margin-left: 1em;"><img border="0" height="200" src="https://blogger.googleusercontent.com/img/b/R29v/s320/hoa-ban.jpg" width="320" /></a></div><div style="text-align: center;"><i>Hoa ban nở trắng bản Phiêng Luông</i></div><div>${ARTICLE.join('</div><div>')}</div>`)}</content>
      <link rel='alternate' type='text/html' href='https://banlang.blogspot.com/2026/11/hoa-ban.html'/>
      <media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="https://blogger.googleusercontent.com/img/b/R29v/s72-c/hoa-ban.jpg" height="72" width="72"/></entry></feed>`);
    const asked: string[] = [];
    const pictures = { get: async (url: string) => (asked.push(url), [{ url: 'pictures/x-480.webp', width: 480, height: 300 }]) } as unknown as PictureStore;
    const context: BuildContext = {
      source: { name: 'Bản Làng', url: 'https://banlang.blogspot.com/feeds/posts/default', fullText: 'auto' },
      client: { get: async () => Promise.reject(new Error('no page wanted')) },
      pictures,
      rules: [],
      maxPageBytes: 1_000_000,
      now: Date.UTC(2026, 10, 30),
      log: () => undefined,
    };
    const built = await buildItem('id-3', entry!, context);
    // Before: the 72-px square for the list and the 320-px copy in the article, blurred on any phone.
    expect([...new Set(asked)]).toEqual(['https://blogger.googleusercontent.com/img/b/R29v/s1600/hoa-ban.jpg']);
    expect(built?.content_html).toMatch(/^<figure><img [^>]+><figcaption>Hoa ban nở trắng bản Phiêng Luông<\/figcaption><\/figure>/);
  });
});
