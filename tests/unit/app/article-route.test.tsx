// @vitest-environment happy-dom
import { h } from 'preact';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { article, button, freshPage, show, textsOf, waitForText } from '../helpers/page';

/** The article screen for `id`, with the page listening to changed articles as the app does. */
async function openArticleScreen(id: string) {
  const [{ default: ArticlePage }, { watchSync }] = await Promise.all([
    import('../../../src/app/routes/article'),
    import('../../../src/app/state/sync-status'),
  ]);
  await watchSync();
  return show(h(ArticlePage, { id }));
}

const title = (root: HTMLElement) => root.querySelector('.article-title')?.textContent;

describe('the article screen (routes/article)', () => {
  it('shows the stored article and counts it as read', async () => {
    const page = await freshPage('/bai/cau');
    await page.refresh([
      article('cau', 'Cầu Rồng thêm làn cho xe đạp', {
        summary: 'Đà Nẵng dành một làn riêng cho xe đạp trên cầu Rồng.',
        contentHtml: '<p>Từ tháng sau, người đi xe đạp có làn riêng.</p>',
        authors: [{ name: 'Minh Anh' }],
        tags: ['Giao thông'],
      }),
    ]);
    const root = await openArticleScreen('cau');
    await waitForText(root, 'Cầu Rồng thêm làn cho xe đạp');
    expect(root.querySelector('.lead')?.textContent).toBe('Đà Nẵng dành một làn riêng cho xe đạp trên cầu Rồng.');
    expect(root.querySelector('.article-body')?.textContent).toBe('Từ tháng sau, người đi xe đạp có làn riêng.');
    expect(root.querySelector('.meta')?.textContent).toContain('Minh Anh');
    expect(textsOf(root, '.tags a')).toEqual(['Giao thông']);
    const { readArticleIds } = await import('../../../src/app/actions/reader-marks');
    expect([...(await readArticleIds())]).toEqual(['cau']);
  });

  it('says at the end of a body cut for length that only its start is kept, and where the rest is', async () => {
    const page = await freshPage('/bai/dai');
    const { parseFeed } = await import('../../../src/shared/feed/parse');
    const body = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      items: [
        { id: 'dai', title: 'Bài rất dài', url: 'https://tin.example.vn/dai', content_html: `<p>${'Đoạn văn dài. '.repeat(80_000)}</p>`, date_published: '2023-02-06T00:00:00Z' },
        { id: 'ngan', title: 'Bài ngắn', content_html: '<p>Ngắn thôi.</p>', date_published: '2023-02-06T00:00:00Z' },
      ],
    });
    await page.refresh(parseFeed(body, 'https://tin.example.vn/feed.json').items);
    const root = await openArticleScreen('dai');
    await waitForText(root, 'Bài quá dài nên máy chỉ giữ phần đầu: đọc hết ở bài gốc.');
    const short = await openArticleScreen('ngan');
    await waitForText(short, 'Ngắn thôi.');
    expect(short.textContent).not.toContain('Bài quá dài');
  });

  it('opens a stored article on a full disk, where its read mark cannot be written', async () => {
    const page = await freshPage('/bai/cau');
    await page.refresh([article('cau', 'Cầu Rồng thêm làn cho xe đạp', { contentHtml: '<p>Làn riêng cho xe đạp.</p>' })]);
    const reader = await import('../../../src/shared/store/reader');
    vi.doMock('../../../src/shared/store/reader', () => ({
      ...reader,
      markRead: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
    }));
    onTestFinished(() => vi.doUnmock('../../../src/shared/store/reader'));
    const root = await openArticleScreen('cau');
    await waitForText(root, 'Làn riêng cho xe đạp.');
    expect(root.textContent).not.toContain('Không tìm thấy bài viết');
  });

  it('dates «Các tin khác» as the list does: «Hôm qua, 14:30», then the full date', async () => {
    const page = await freshPage('/bai/cau');
    await page.refresh([
      article('cau', 'Cầu Rồng thêm làn cho xe đạp', { tags: ['Giao thông'], published: Date.now() }),
      article('hom-qua', 'Hầm Hải Vân đóng một chiều', { tags: ['Giao thông'], published: Date.now() - 86_400_000 }),
      article('nam-truoc', 'Sân bay Long Thành thêm đường băng', { tags: ['Giao thông'], published: Date.parse('2023-02-06T09:00:00+07:00') }),
    ]);
    const root = await openArticleScreen('cau');
    await waitForText(root, 'Các tin khác');
    expect(textsOf(root, '.related a')).toEqual(['Hầm Hải Vân đóng một chiều', 'Sân bay Long Thành thêm đường băng']);
    const dates = textsOf(root, '.related .meta');
    expect(dates[0]).toMatch(/^\(Hôm qua, \d{2}:\d{2}\)$/);
    expect(dates[1]).toBe('(Thứ Hai, 6/2/2023)');
  });

  it('puts an article back among the unread with «Đánh dấu chưa đọc»', async () => {
    const page = await freshPage('/bai/cau');
    await page.refresh([article('cau', 'Cầu Rồng thêm làn cho xe đạp')]);
    const root = await openArticleScreen('cau');
    await waitForText(root, 'Đánh dấu chưa đọc');
    button(root, 'Đánh dấu chưa đọc').click();
    await waitForText(root, 'Đánh dấu đã đọc');
    const { readArticleIds } = await import('../../../src/app/actions/reader-marks');
    await expect(readArticleIds()).resolves.toEqual(new Set());
  });

  it('says an article is not on the phone, and offers to download news', async () => {
    await freshPage('/bai/khong-co');
    const root = await openArticleScreen('khong-co');
    await waitForText(root, 'Không tìm thấy bài viết');
    expect(root.textContent).toContain('Bài này chưa được tải về máy.');
    expect(button(root, 'Tải tin mới để tìm bài này').disabled).toBe(false);
  });

  it('keeps showing the saved version after a refresh changes it, and offers the newer one', async () => {
    const page = await freshPage('/bai/cau');
    await page.refresh([article('cau', 'Cầu Rồng thêm làn cho xe đạp', { contentHtml: '<p>Bản đầu.</p>' })]);
    const first = await openArticleScreen('cau');
    await waitForText(first, 'Lưu bài');
    button(first, 'Lưu bài').click();
    await waitForText(first, 'Đã lưu');

    await page.refresh([
      article('cau', 'Cầu Rồng có làn xe đạp từ tháng 6', { contentHtml: '<p>Bản sửa.</p>', modified: Date.now() }),
    ]);
    const root = await openArticleScreen('cau');
    await waitForText(root, 'Bài đã được cập nhật.');
    expect(title(root)).toBe('Cầu Rồng thêm làn cho xe đạp');
    expect(root.querySelector('.article-body')?.textContent).toBe('Bản đầu.');

    button(root, 'Xem bản mới').click();
    await waitForText(root, 'Đây là bản mới của bài.');
    expect(title(root)).toBe('Cầu Rồng có làn xe đạp từ tháng 6');

    button(root, 'Xem bản đã lưu').click();
    await waitForText(root, 'Bạn đang đọc bản đã lưu.');
    expect(title(root)).toBe('Cầu Rồng thêm làn cho xe đạp');

    button(root, 'Xem bản mới').click();
    await waitForText(root, 'Giữ bản mới');
    button(root, 'Giữ bản mới').click();
    // The newer version is the saved one now: nothing newer to offer.
    await vi.waitFor(() => expect(root.querySelector('.newer-version')).toBeNull());
    expect(title(root)).toBe('Cầu Rồng có làn xe đạp từ tháng 6');
    const { listSavedArticles } = await import('../../../src/app/actions/saved');
    expect((await listSavedArticles()).map((row) => row.article.title)).toEqual(['Cầu Rồng có làn xe đạp từ tháng 6']);
  });

  it('links the articles before and after it in the list it was opened from', async () => {
    const page = await freshPage('/bai/b');
    await page.refresh([article('a', 'Tin thứ nhất'), article('b', 'Tin thứ hai'), article('c', 'Tin thứ ba')]);
    sessionStorage.setItem('bao-reading-order', JSON.stringify({ from: '/?chua-doc=1', ids: ['c', 'b', 'a'] }));
    const root = await openArticleScreen('b');
    await waitForText(root, 'Bài tiếp');
    expect(root.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/bai/c');
    expect(root.querySelector('a[rel="prev"] .neighbour-title')?.textContent).toBe('Tin thứ ba');
    expect(root.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/bai/a');
    expect(root.querySelector('a[rel="next"] .neighbour-title')?.textContent).toBe('Tin thứ nhất');
  });

  it('moving to the next article never shows the links of the one before, even for a moment', async () => {
    const page = await freshPage('/bai/b');
    await page.refresh([article('a', 'Tin thứ nhất'), article('b', 'Tin thứ hai'), article('c', 'Tin thứ ba')]);
    const [{ default: ArticlePage }, { render }] = await Promise.all([import('../../../src/app/routes/article'), import('preact')]);
    const root = await openArticleScreen('b');
    await waitForText(root, 'Bài tiếp');
    // Every state the screen passes through: which article, and where «Bài trước» leads.
    const seen: string[] = [];
    const observer = new MutationObserver(() =>
      seen.push(`${title(root)} ← ${root.querySelector('a[rel="prev"]')?.getAttribute('href') ?? 'none'}`),
    );
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    onTestFinished(() => observer.disconnect());
    const { LocationProvider } = await import('preact-iso');
    render(h(LocationProvider, null, h(ArticlePage, { id: 'c' })), root);
    await vi.waitFor(() => expect(root.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/bai/b'));
    expect(seen.filter((state) => state.startsWith('Tin thứ ba') && !state.endsWith('/bai/b') && !state.endsWith('none'))).toEqual([]);
  });

  it('opened by its link, follows the news newest first; the newest has no «Bài trước»', async () => {
    const page = await freshPage('/bai/a');
    await page.refresh([article('a', 'Tin mới nhất'), article('b', 'Tin sau đó')]);
    const root = await openArticleScreen('a');
    await waitForText(root, 'Bài tiếp');
    expect(root.querySelector('a[rel="prev"]')).toBeNull();
    expect(root.querySelector('a[rel="next"] .neighbour-title')?.textContent).toBe('Tin sau đó');
  });
  describe('opened by the new id a feed gave a story it had given before (shared/store/ids.ts)', () => {
    const SITE = 'https://tin.example.vn';
    const bridge = (id: string, more: Partial<Parameters<typeof article>[2]> = {}) =>
      article(id, 'Cầu mới qua sông Đà', { url: `${SITE}/thoi-su/cau-moi`, published: Date.parse('2026-11-30T08:00:00Z'), ...more });
    const rice = (id: string) => article(id, 'Giá lúa Đồng Tháp tăng', { url: `${SITE}/kinh-te/gia-lua`, published: Date.parse('2026-11-30T07:00:00Z') });

    it('shows the story as saved, in the version the reader saved, and the address names the stored story', async () => {
      const page = await freshPage('/bai/cms-1');
      await page.refresh([bridge('cms-1', { contentHtml: '<p>Bản đầu.</p>' }), rice('cms-2')]);
      const first = await openArticleScreen('cms-1');
      await waitForText(first, 'Lưu bài');
      button(first, 'Lưu bài').click();
      await waitForText(first, 'Đã lưu');

      // Another CMS: new ids, the story rewritten. A friend's link (or a notification) names the new id.
      await page.refresh([bridge('wp-101', { contentHtml: '<p>Bản sửa.</p>', modified: Date.now() }), rice('wp-102')]);
      history.replaceState(null, '', '/bai/wp-101');
      const root = await openArticleScreen('wp-101');
      await waitForText(root, 'Bài đã được cập nhật.');
      expect(root.querySelector('.article-body')?.textContent).toBe('Bản đầu.');
      expect(button(root, 'Đã lưu')).toBeTruthy();
      // Replaced by an effect, after the screen shows.
      await vi.waitFor(() => expect(location.pathname).toBe('/bai/cms-1'));
    });

    it('marks the stored story read, so the list shows it read', async () => {
      const page = await freshPage('/bai/cms-2');
      await page.refresh([bridge('cms-1'), rice('cms-2')]);
      await page.refresh([bridge('wp-101'), rice('wp-102')]);
      const root = await openArticleScreen('wp-102');
      await waitForText(root, 'Đánh dấu chưa đọc');
      const { readArticleIds } = await import('../../../src/app/actions/reader-marks');
      await vi.waitFor(async () => expect(await readArticleIds()).toEqual(new Set(['cms-2'])));
      button(root, 'Đánh dấu chưa đọc').click();
      await waitForText(root, 'Đánh dấu đã đọc');
      await expect(readArticleIds()).resolves.toEqual(new Set());
    });
  });
});
