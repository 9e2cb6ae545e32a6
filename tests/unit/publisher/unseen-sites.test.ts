/**
 * The publisher on markups its rules were not written from (cms-unseen.ts):
 * what a reader of the published feed gets from each.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../publisher/src/extract/extract-article';
import { sanitizeArticleHtml } from '../../../publisher/src/extract/sanitize';
import { BUILT_IN_RULES } from '../../../publisher/src/extract/site-rules';
import { buildItem, type BuildContext } from '../../../publisher/src/feed/build-item';
import type { PictureStore } from '../../../publisher/src/pictures/picture-store';
import { parseSource } from '../../../publisher/src/sources/parse-source';
import type { SourceItem } from '../../../publisher/src/sources/source-item';
import { fragmentDocument, htmlToText } from '../../../publisher/src/text/html-text';
import { FREE_PARAGRAPHS, staticSiteAtom, unseenArticlePage } from '../../fixtures/publisher/cms-unseen';
import { textSimilarity } from '../../fixtures/publisher/similarity';
import { makeStory, trueText, type Story } from '../../fixtures/publisher/stories';

const ORIGIN = 'http://bao.example';
const related = [
  { title: 'Khánh thành cầu treo qua suối Nậm La', href: '/tin/cau-treo.html' },
  { title: 'Giá lúa gạo tuần qua biến động mạnh', href: '/tin/gia-lua.html' },
];

/** Phrases only the boilerplate around each page holds. */
const BOILERPLATE = {
  portal: ['Trang chủ', 'Thủ tục hành chính', 'Ngày đăng', 'Lượt xem', 'In trang', 'Gửi email', 'Đánh giá bài viết', 'Các tin đã đưa', 'Liên kết website', 'Thống kê truy cập', 'Cơ quan chủ quản', 'Giấy phép', 'Facebook', 'Khánh thành cầu treo'],
  lazy: ['Trang chủ', 'Bởi', 'Facebook', 'Zalo', 'Twitter', 'QUẢNG CÁO', 'THẺ', 'Phóng viên thường trú', 'BÀI VIẾT LIÊN QUAN', 'Xem thêm từ tác giả', 'BÌNH LUẬN', 'Tin mới', '842', 'Giấy phép', 'Khánh thành cầu treo'],
  paywall: ['PREMIUM', 'Premium', 'hội viên', 'Đăng ký', 'Đăng nhập', 'Tin liên quan', 'Giấy phép', 'Khánh thành cầu treo'],
};

function extracted(style: 'portal' | 'lazy', n: number) {
  const story = makeStory('Lai Châu', n, new Date(Date.UTC(2025, 2, 1, 1)));
  const url = `${ORIGIN}/tin/${story.slug}.html`;
  const page = unseenArticlePage(style, story, related);
  const html = sanitizeArticleHtml(extractArticle(page, url, BUILT_IN_RULES)?.html ?? '');
  return { story, html, text: htmlToText(html) };
}

describe('pages of CMSs the publisher was not written for', () => {
  for (const style of ['portal', 'lazy'] as const) {
    it(`${style}: the article's text (similarity ≥ 0.95), starting with its first paragraph, and none of the boilerplate`, () => {
      for (const n of [0, 1, 6]) {
        const { story, text } = extracted(style, n);
        expect(textSimilarity(text, trueText(story))).toBeGreaterThanOrEqual(0.95);
        expect(text.split('\n')[0]).toBe(story.paragraphs[0]);
        for (const phrase of BOILERPLATE[style]) expect(text, `${style} #${n} still has «${phrase}»`).not.toContain(phrase);
      }
    });

    it(`${style}: every picture once, the full-size one, with its caption`, () => {
      const { story, html } = extracted(style, 1);
      const doc = fragmentDocument(html);
      const figures = Array.from(doc.querySelectorAll('figure'));
      // Before (lazy): the 768-px copies of data-src and data-lazy-src, and the <noscript> copy a second time.
      expect(figures.map((f) => f.querySelector('img')?.getAttribute('src')?.replace(/\?.*/, ''))).toEqual(story.pictures.map((p) => `${ORIGIN}${p.picture.path}`));
      expect(figures.map((f) => f.querySelector('figcaption')?.textContent)).toEqual(story.pictures.map((p) => p.picture.caption));
      expect(doc.querySelectorAll('img').length).toBe(story.pictures.length);
    });
  }
});

function context(source: BuildContext['source'], page?: string, asked: string[] = []): { context: BuildContext; log: string[] } {
  const log: string[] = [];
  return {
    log,
    context: {
      source,
      client: { get: async (url) => (page === undefined ? Promise.reject(new Error('no page wanted')) : { status: 'ok', url, body: Buffer.from(page), contentType: 'text/html; charset=utf-8' }) },
      pictures: { get: async (url: string) => (asked.push(url), [{ url: `pictures/${asked.length}-480.webp`, width: 480, height: 300 }]) } as unknown as PictureStore,
      rules: BUILT_IN_RULES,
      maxPageBytes: 1_000_000,
      now: Date.UTC(2026, 10, 30),
      log: (message) => log.push(message),
    },
  };
}

describe('a page that shows subscribers only the whole article', () => {
  it('publishes the free part without the prompt to subscribe, and says where the rest is', async () => {
    const story: Story = makeStory('Gia Lai', 3, new Date(Date.UTC(2025, 2, 1, 1)));
    const url = `${ORIGIN}/premium/${story.slug}.html`;
    const item: SourceItem = { guid: url, url, title: story.title, contentHtml: `<p>${story.sapo}</p>`, authors: [], categories: [] };
    const { context: ctx } = context({ name: 'Báo Cao Nguyên', url: `${ORIGIN}/rss`, fullText: 'auto' }, unseenArticlePage('paywall', story, related));
    const built = await buildItem('p-1', item, ctx);
    const html = built?.content_html ?? '';
    const text = htmlToText(html);
    // What a non-subscriber reads on the page: the summary, the free paragraphs and their pictures' captions.
    const free = `${story.sapo}\n${trueText({ ...story, paragraphs: story.paragraphs.slice(0, FREE_PARAGRAPHS), pictures: story.pictures.filter((p) => p.after < FREE_PARAGRAPHS) })}`;
    for (const paragraph of story.paragraphs.slice(0, FREE_PARAGRAPHS)) expect(text).toContain(paragraph);
    for (const phrase of BOILERPLATE.paywall) expect(text).not.toContain(phrase);
    // Before: «Nội dung dành cho hội viên Premium … Đăng ký ngay» ended the article as if it were its text.
    const last = fragmentDocument(html).body.lastElementChild;
    expect(last?.textContent).toBe('Bài chỉ mở phần đầu cho bạn đọc chưa đăng ký: đọc hết ở bài gốc.');
    expect(last?.querySelector('a')?.getAttribute('href')).toBe(url);
    expect(textSimilarity(text.replace(last?.textContent ?? '', ''), free)).toBeGreaterThanOrEqual(0.95);
  });
});

describe("a static site's Atom feed with xml:base and relative addresses", () => {
  it('links the articles, pictures and links where the site has them', async () => {
    const stories = [0, 1].map((n) => makeStory('Phong Thổ', n, new Date(Date.UTC(2025, 2, 1, n))));
    const feedUrl = 'https://thuvien-huyen.example/feeds/tin.atom.xml';
    const items = parseSource(staticSiteAtom(stories), feedUrl);
    const asked: string[] = [];
    const { context: ctx, log } = context({ name: 'Thư viện huyện', url: feedUrl, fullText: 'auto' }, undefined, asked);
    const built = await Promise.all(items.map((item, i) => buildItem(`a-${i}`, item, ctx)));
    // Before: https://thuvien-huyen.example/feeds/tin/2025/…, a page that does not exist, and pictures under the article's folder.
    expect(built.map((b) => b?.url)).toEqual(stories.map((s) => `https://thuvien-huyen.example/tin/2025/${s.slug}/`));
    expect([...new Set(asked)].sort()).toEqual(stories.flatMap((s) => s.pictures.map((p) => `https://thuvien-huyen.example${p.picture.path}`)).sort());
    for (const item of built) {
      const hrefs = Array.from(fragmentDocument(item?.content_html ?? '').querySelectorAll('a')).map((a) => a.getAttribute('href'));
      expect(hrefs).toEqual(['https://thuvien-huyen.example/chuyen-muc/nong-nghiep/']);
    }
    expect(log).toEqual([]);
  });
});

describe('words a paywall uses, in an article that has none', () => {
  it('are the article: kept, and the article not said to be cut', async () => {
    const story: Story = makeStory('Kon Tum', 4, new Date(Date.UTC(2025, 2, 1, 1)));
    const url = `${ORIGIN}/tin/${story.slug}.html`;
    const sentence = 'Từ mùa giải này, người xem phải đăng ký gói thuê bao để xem trọn vẹn các trận đấu của đội bóng tỉnh nhà.';
    const page = `<!doctype html><html><head><title>${story.title}</title></head><body><nav><a href="/hoi-vien" class="hoi-vien">Hội viên</a> <a href="/dang-nhap">Đăng nhập</a></nav>
      <article><h1>${story.title}</h1>${story.paragraphs.map((p, i) => `<p>${i === 1 ? sentence : p}</p>`).join('')}</article></body></html>`;
    const item: SourceItem = { guid: url, url, title: story.title, contentHtml: `<p>${story.sapo}</p>`, authors: [], categories: [] };
    const built = await buildItem('k-1', item, context({ name: 'Báo', url: `${ORIGIN}/rss`, fullText: 'auto' }, page).context);
    const text = htmlToText(built?.content_html ?? '');
    expect(text).toContain(sentence);
    expect(text).toContain(story.paragraphs.at(-1));
    expect(text).not.toContain('đọc hết ở bài gốc');
  });
});
