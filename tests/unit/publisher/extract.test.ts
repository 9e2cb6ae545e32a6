import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../publisher/src/extract/extract-article';
import { sanitizeArticleHtml } from '../../../publisher/src/extract/sanitize';
import { BUILT_IN_RULES } from '../../../publisher/src/extract/site-rules';
import { fragmentDocument, htmlToText } from '../../../publisher/src/text/html-text';
import { articlePage, VIDEO_CAPTION, type CmsStyle } from '../../fixtures/publisher/cms-markup';
import { textSimilarity } from '../../fixtures/publisher/similarity';
import { makeStory, trueText } from '../../fixtures/publisher/stories';

const related = [
  { title: 'Khánh thành cầu treo qua suối Nậm La', href: '/tin/cau-treo.html' },
  { title: 'Giá lúa gạo tuần qua biến động mạnh', href: '/tin/gia-lua.html' },
];

/** Words that only the boilerplate around the fixture articles contains. */
const BOILERPLATE = [
  'Khánh thành cầu treo', // related links
  'Giá lúa gạo tuần qua',
  'Chia sẻ', // share bars
  'Facebook',
  'Vay tiêu dùng', // ads
  'Quảng cáo',
  'QC:',
  'Mong các địa phương', // comments
  'Cảm ơn tác giả',
  'Rất vui khi thấy',
  'Ý kiến',
  'Bình luận',
  'Giấy phép', // footers
  'Trang chủ', // menus
  'Từ khóa',
  'In bài',
];

function extractText(style: CmsStyle, n: number) {
  const story = makeStory('Điện Biên', n, new Date(Date.UTC(2025, 2, 1)));
  const url = `http://bao.example/tin/${story.slug}.html`;
  const page = articlePage(style, story, related).replaceAll('="/images/', '="http://bao.example/images/');
  const extracted = extractArticle(page, url, BUILT_IN_RULES);
  const html = sanitizeArticleHtml(extracted?.html ?? '');
  return { story, url, html, text: htmlToText(html) };
}

describe('article extraction from news CMS pages', () => {
  for (const style of ['vne', 'tt', 'tinh'] as const) {
    it(`${style}: keeps the article's text (similarity ≥ 0.95) and none of the boilerplate`, () => {
      for (const n of [0, 1, 5]) {
        const { story, text } = extractText(style, n);
        expect(textSimilarity(text, trueText(story))).toBeGreaterThanOrEqual(0.95);
        for (const phrase of BOILERPLATE) expect(text, `${style} #${n} still has «${phrase}»`).not.toContain(phrase);
      }
    });

    it(`${style}: keeps every picture of the article with its caption, and no other picture`, () => {
      const { story, html } = extractText(style, 1);
      const doc = fragmentDocument(html);
      const figures = Array.from(doc.querySelectorAll('figure'));
      expect(figures.map((f) => f.querySelector('img')?.getAttribute('src'))).toEqual(
        story.pictures.map((p) => `http://bao.example${p.picture.path}`),
      );
      expect(figures.map((f) => f.querySelector('figcaption')?.textContent)).toEqual(story.pictures.map((p) => p.picture.caption));
      expect(doc.querySelectorAll('img').length).toBe(story.pictures.length);
    });
  }

  it("tt: the clip its script would play stands as the app's note, linking the article's page, above its caption", () => {
    const { html, url } = extractText('tt', 2);
    const last = Array.from(fragmentDocument(html).body.children).slice(-2).map((el) => el.outerHTML);
    // Before: only the caption, under nothing.
    expect(last).toEqual([`<p><a href="${url}">Xem video ở bài gốc</a></p>`, `<p>${VIDEO_CAPTION}</p>`]);
  });

  it('works on markup it was not written for: a WordPress-style blog page', () => {
    const paragraphs = [
      'Sáng nay, thư viện huyện đã mở cửa phòng đọc mới dành cho thiếu nhi với hơn ba nghìn đầu sách được quyên góp từ khắp nơi.',
      'Phòng đọc được trang bị bàn ghế thấp, ánh sáng tự nhiên và một góc kể chuyện vào mỗi sáng thứ Bảy hằng tuần.',
      'Bà Điêu Thị Mai, giám đốc thư viện, cho biết thư viện sẽ mang sách tới các điểm trường ở bản xa bằng xe lưu động mỗi tháng một lần.',
      'Bạn đọc có thể mượn tối đa ba cuốn sách trong hai tuần, hoàn toàn miễn phí, chỉ cần đăng ký bằng căn cước công dân của phụ huynh.',
    ];
    const page = `<!doctype html><html><head><title>Thư viện</title></head><body class="post-template-default single single-post">
      <div id="masthead" class="site-header"><a href="/">Thư viện huyện</a><ul class="menu"><li><a href="/gioi-thieu">Giới thiệu</a></li></ul></div>
      <div id="primary" class="content-area"><main id="main" class="site-main"><article class="post type-post hentry">
        <h1 class="entry-title">Mở phòng đọc cho thiếu nhi</h1><div class="entry-meta">Đăng ngày 1/3/2025 bởi quản trị</div>
        <div class="entry-content">${paragraphs.map((p) => `<p>${p}</p>`).join('')}
          <div class="wp-block-image"><figure class="aligncenter size-large"><img src="/wp-content/uploads/phong-doc.jpg" srcset="/wp-content/uploads/phong-doc-300.jpg 300w, /wp-content/uploads/phong-doc.jpg 1024w" alt="Phòng đọc"><figcaption class="wp-element-caption">Phòng đọc thiếu nhi ngày khai trương.</figcaption></figure></div>
          <div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Chia sẻ:</h3><ul><li><a href="https://facebook.com/x">Facebook</a></li></ul></div>
          <div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">Bài viết liên quan</h3><a href="/a">Ngày hội đọc sách năm ngoái</a></div>
        </div></article>
        <div id="comments" class="comments-area"><h2 class="comments-title">2 bình luận</h2><ol class="comment-list"><li>Thật tuyệt vời cho các cháu!</li></ol></div>
      </main></div><div id="secondary" class="widget-area"><section class="widget"><h2>Bài mới</h2><ul><li><a href="/b">Lịch mở cửa dịp Tết</a></li></ul></section></div>
      <footer id="colophon" class="site-footer">Bản quyền thuộc thư viện huyện</footer></body></html>`;
    const html = sanitizeArticleHtml(extractArticle(page, 'https://thuvien.example/2025/03/phong-doc/', BUILT_IN_RULES)?.html ?? '');
    const text = htmlToText(html);
    expect(textSimilarity(text, [...paragraphs, 'Phòng đọc thiếu nhi ngày khai trương.'].join('\n'))).toBeGreaterThanOrEqual(0.95);
    for (const phrase of ['Chia sẻ', 'Ngày hội đọc sách', 'Thật tuyệt vời', 'Lịch mở cửa', 'Bản quyền', 'Giới thiệu']) expect(text).not.toContain(phrase);
    expect(fragmentDocument(html).querySelector('figure img')?.getAttribute('src')).toBe('https://thuvien.example/wp-content/uploads/phong-doc.jpg');
  });

  it('follows a site rule kept as data: its selector picks the body and its removals apply', () => {
    const page = `<html><body><div class="noi-dung"><p>${'Đoạn văn chính của bài báo. '.repeat(20)}</p><div class="hop-qc">Mua ngay giảm giá</div></div><div class="khac"><p>${'Một bài khác dài hơn nhiều. '.repeat(60)}</p></div></body></html>`;
    const rules = [{ host: 'baomoi.example', content: '.noi-dung', remove: ['.hop-qc'] }];
    const text = htmlToText(extractArticle(page, 'https://www.baomoi.example/a.html', rules)?.html ?? '');
    expect(text).toContain('Đoạn văn chính');
    expect(text).not.toContain('Mua ngay');
    expect(text).not.toContain('Một bài khác');
  });
});

describe('sanitising article HTML', () => {
  it('drops scripts, handlers, frames, styles and javascript: links but keeps the text and safe pictures', () => {
    const html = sanitizeArticleHtml(
      `<h1>Tiêu đề</h1><p style="position:fixed" onclick="steal()">Chữ <b>đậm</b></p><script>alert(1)</script><img src="https://a.example/p.jpg" onerror="alert(2)" width="10"><a href="javascript:alert(3)">bấm</a><iframe src="https://evil.example/"></iframe><img src="data:image/png;base64,AAAA">`,
    );
    expect(html).toBe('<h2>Tiêu đề</h2><p>Chữ <b>đậm</b></p><img src="https://a.example/p.jpg" width="10" /><a>bấm</a>');
  });
});
