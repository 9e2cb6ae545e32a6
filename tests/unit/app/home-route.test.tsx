// @vitest-environment happy-dom
import { h, render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../src/shared/feed/types';
import { SYNC_CHANNEL, type SyncEvent } from '../../../src/shared/sync/events';
import { article, button, freshPage, show, textsOf, waitForText } from '../helpers/page';

/** The list (the news, or the section `tag`), with the page listening to refreshes as the app does. */
async function openList(tag?: string) {
  const [{ Home }, { watchSync }] = await Promise.all([
    import('../../../src/app/routes/home'),
    import('../../../src/app/state/sync-status'),
  ]);
  await watchSync();
  return show(h(Home, { tag }));
}

/** Opens an article as a reader does, which marks it read. */
async function readArticle(id: string): Promise<void> {
  const { openArticle } = await import('../../../src/app/actions/open-article');
  await openArticle(id, 0);
}

interface ListSetup {
  /** The page's address: the news by default. */
  path?: string;
  /** The section `path` names, if it names one. */
  tag?: string;
  /** Articles the reader opened before the list is shown. */
  read?: readonly string[];
}

/** A fresh page whose store holds `stored` (from one refresh), with the list open on it. */
async function listOf(stored: readonly Article[], { path = '/', tag, read = [] }: ListSetup = {}) {
  const page = await freshPage(path);
  if (stored.length > 0) await page.refresh(stored);
  for (const id of read) await readArticle(id);
  return { page, root: await openList(tag) };
}

/** What a refresh running elsewhere (the service worker) tells every page. */
function refreshSays(event: SyncEvent): void {
  const channel = new BroadcastChannel(SYNC_CHANNEL);
  channel.postMessage(event);
  channel.close();
}

const titles = (root: HTMLElement) => textsOf(root, '.card-title');

describe('the news list (routes/home)', () => {
  it('lists the stored articles newest first and says how many the phone keeps', async () => {
    const page = await freshPage('/');
    await page.refresh([
      article('moi', 'Hà Nội mở thêm tuyến buýt điện', { tags: ['Xã hội'] }),
      article('cu', 'Giá lúa tăng ở Đồng Tháp', { tags: ['Kinh tế'] }),
    ]);
    await page.refresh([article('cu-nhat', 'Mưa lớn ở miền Trung', { tags: ['Xã hội'] })]);
    const root = await openList();
    await waitForText(root, 'Hà Nội mở thêm tuyến buýt điện');
    expect(titles(root)).toEqual(['Hà Nội mở thêm tuyến buýt điện', 'Giá lúa tăng ở Đồng Tháp', 'Mưa lớn ở miền Trung']);
    expect(root.querySelector('.list-end')?.textContent).toMatch(/^Máy đang giữ 3 bài, tin cũ nhất từ .+\. Đọc được cả khi không có mạng\.$/);
    // The section row offers the most common sections first (read apart: the cards do not wait for it).
    await vi.waitFor(() => expect(textsOf(root, '.section-row a')).toEqual(['Chưa đọc', 'Tất cả', 'Xã hội', 'Kinh tế']), { timeout: 3_000 });
  });

  it('shows one section’s articles under its name', async () => {
    const { root } = await listOf(
      [
        article('buyt', 'Hà Nội mở thêm tuyến buýt điện', { tags: ['Xã hội'] }),
        article('lua', 'Giá lúa tăng ở Đồng Tháp', { tags: ['Kinh tế'] }),
        article('mua', 'Mưa lớn ở miền Trung', { tags: ['Xã hội', 'Thời tiết'] }),
      ],
      { path: '/chuyen-muc/X%C3%A3%20h%E1%BB%99i', tag: 'Xã hội' },
    );
    await waitForText(root, 'Mưa lớn ở miền Trung');
    expect(root.querySelector('h1')?.textContent).toBe('Xã hội');
    expect(titles(root)).toEqual(['Hà Nội mở thêm tuyến buýt điện', 'Mưa lớn ở miền Trung']);
    expect(root.querySelector('.list-end')?.textContent).toMatch(/^Máy đang giữ 2 bài của chuyên mục này/);
    expect(root.querySelector('.section-row [aria-current="page"]')?.textContent).toBe('Xã hội');
  });

  it('«Chưa đọc» leaves out the articles the reader has opened, and says when all are read', async () => {
    const { root } = await listOf([article('a', 'Bài đã đọc'), article('b', 'Bài chưa đọc')], { path: '/?chua-doc=1', read: ['a'] });
    await waitForText(root, 'Bài chưa đọc');
    expect(titles(root)).toEqual(['Bài chưa đọc']);

    await readArticle('b');
    const again = await openList();
    // A second list on the same page reuses the rows it remembers, with fresh read marks.
    await waitForText(again, 'Đã đọc hết các bài ở đây.');
    expect(titles(again)).toEqual([]);
  });

  it('switching to «Chưa đọc» keeps the list on screen, busy, until the unread one is read: never «Đang mở…»', async () => {
    const { root } = await listOf([article('a', 'Bài đã đọc'), article('b', 'Bài chưa đọc'), article('c', 'Bài chưa đọc nữa')], { read: ['a'] });
    await waitForText(root, 'Bài chưa đọc nữa');
    // The unread view's read is held until the test lets it go.
    const articles = await import('../../../src/app/actions/articles');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const read = articles.listArticlesPage;
    vi.spyOn(articles, 'listArticlesPage').mockImplementation(async (...args) => {
      await held;
      return read(...args);
    });
    const texts: string[] = [];
    new MutationObserver(() => texts.push(root.textContent ?? '')).observe(root, { subtree: true, childList: true, characterData: true });

    root.querySelector<HTMLAnchorElement>('.section-row a.chip-filter')!.click();
    await vi.waitFor(() => expect(root.querySelector('.section-row a.chip-filter')?.getAttribute('aria-current')).toBe('true'));
    // While it is read: what is already known to be unread, marked busy.
    expect(titles(root)).toEqual(['Bài chưa đọc', 'Bài chưa đọc nữa']);
    expect(root.querySelector('section[aria-labelledby="list-title"]')?.getAttribute('aria-busy')).toBe('true');

    release();
    await vi.waitFor(() => expect(root.querySelector('section[aria-labelledby="list-title"]')?.getAttribute('aria-busy')).toBe('false'));
    expect(titles(root)).toEqual(['Bài chưa đọc', 'Bài chưa đọc nữa']);
    expect(texts.some((text) => text.includes('Đang mở'))).toBe(false);
  });

  it('marks the articles already read, in the full list', async () => {
    const { root } = await listOf([article('a', 'Bài đã đọc'), article('b', 'Bài chưa đọc')], { read: ['a'] });
    await waitForText(root, 'Bài chưa đọc');
    expect(textsOf(root, '.card-read .card-title')).toEqual(['Bài đã đọc']);
    expect(root.querySelector('.card-read .meta')?.textContent).toContain('Đã đọc');
  });

  it('shows the first download and how far it got, then the articles as soon as they are stored', async () => {
    const { page, root } = await listOf([]);
    refreshSays({ type: 'start' });
    await waitForText(root, 'Đang kết nối tới nguồn tin…');
    expect(root.querySelector('h1')?.textContent).toBe('Đang tải tin lần đầu…');
    refreshSays({ type: 'progress', page: 1, received: 12 * 1024, total: 44 * 1024 });
    await waitForText(root, 'Trang 1: 12 KB / 44 KB');
    expect(root.textContent).not.toContain('Chưa có bài nào');

    await page.refresh([article('dau', 'Bài đầu tiên về máy')]);
    await waitForText(root, 'Bài đầu tiên về máy');
    refreshSays({ type: 'done', outcome: { status: 'updated', added: 1, updated: 0, dropped: 0 } });
    // Said once, when the first download has ended.
    await waitForText(root, 'Đã lưu 1 bài để đọc khi không có mạng');
  });

  it('asks for a refresh when nothing is stored and nothing downloads', async () => {
    const { root } = await listOf([]);
    await waitForText(root, 'Chưa có bài nào');
    expect(root.textContent).toContain('Hãy bấm «Làm mới» khi có mạng để tải tin.');
  });

  // A source read without fault that holds nothing to read: before, «khi có mạng» sent a reader who had one looking for it.
  it('says the source has nothing to read, not to find a network, when its last refresh worked', async () => {
    const page = await freshPage('/');
    const { setMeta } = await import('../../../src/shared/store/meta');
    await setMeta(page.db, 'sync', { feedUrl: 'https://example.org/feed.json', lastSuccess: Date.now() });
    const root = await openList();
    await waitForText(root, 'Chưa có bài nào');
    expect(root.querySelector('.empty p')?.textContent).toBe('Nguồn tin chưa có bài nào để đọc. Hãy bấm «Làm mới» để xem lại sau.');
    // A feed of headlines alone: its items are refused for want of a body, and the reader is told.
    refreshSays({ type: 'done', outcome: { status: 'updated', added: 0, updated: 0, dropped: 3 } });
    await waitForText(root, 'Nguồn tin gửi 3 mục nhưng không mục nào có nội dung bài để đọc.');
  });

  it('says why the last refresh failed when nothing is stored', async () => {
    const page = await freshPage('/');
    const { setMeta } = await import('../../../src/shared/store/meta');
    await setMeta(page.db, 'sync', { feedUrl: 'https://example.org/feed.json', lastError: { kind: 'offline', at: Date.now() } });
    const root = await openList();
    await waitForText(root, 'Chưa có bài nào');
    expect(root.textContent).toContain('Điện thoại đang không có mạng. Hãy bấm «Làm mới» khi có mạng.');
  });

  // A 429 is the source's crowd, not the phone's network: «khi có mạng» would send the reader looking for one.
  it('asks to try again later, not for a network, when the source was too busy for the first download', async () => {
    const page = await freshPage('/');
    const { setMeta } = await import('../../../src/shared/store/meta');
    await setMeta(page.db, 'sync', { feedUrl: 'https://example.org/feed.json', lastError: { kind: 'busy', at: Date.now() } });
    const root = await openList();
    await waitForText(root, 'Chưa có bài nào');
    expect(root.querySelector('.empty p')?.textContent).toBe('Máy chủ tin tức đang quá tải. Hãy bấm «Làm mới» để thử lại sau.');
  });

  // Before, a phone too full for the first articles was also told to wait for a network it had.
  it('asks for room, not a network, when the phone was too full for the first download', async () => {
    const page = await freshPage('/');
    const { setMeta } = await import('../../../src/shared/store/meta');
    await setMeta(page.db, 'sync', { feedUrl: 'https://example.org/feed.json', lastError: { kind: 'quota', at: Date.now() } });
    const root = await openList();
    await waitForText(root, 'Chưa có bài nào');
    expect(root.querySelector('.empty p')?.textContent).toBe(
      'Bộ nhớ điện thoại đã đầy, không lưu thêm được tin mới. Hãy xoá bớt ảnh, video hoặc ứng dụng không dùng để có chỗ trống, rồi bấm «Làm mới».',
    );
  });

  it('shows articles a refresh stores while the list is open, without a reload', async () => {
    const { page, root } = await listOf([article('cu', 'Tin cũ hơn')]);
    await waitForText(root, 'Tin cũ hơn');
    await page.refresh([article('moi', 'Tin vừa về', { published: Date.parse('2024-03-02T08:00:00+07:00') })]);
    await waitForText(root, 'Tin vừa về');
    expect(titles(root)).toEqual(['Tin vừa về', 'Tin cũ hơn']);
  });

  it('brings older articles with «Xem thêm tin cũ hơn»', async () => {
    const { root } = await listOf(Array.from({ length: 32 }, (_, i) => article(`bai-${i}`, `Tin số ${i + 1}`)));
    await waitForText(root, 'Tin số 30');
    expect(titles(root)).toHaveLength(30);
    button(root, 'Xem thêm tin cũ hơn').click();
    await waitForText(root, 'Tin số 32');
    expect(titles(root)).toHaveLength(32);
    expect(root.textContent).not.toContain('Xem thêm tin cũ hơn');
  });

  it('keeps a list load the reader left before it ended: coming back shows its rows at once, without reading them again', async () => {
    const page = await freshPage('/');
    await page.refresh([article('giu', 'Tin đã đọc xong khi quay lại')]);
    const [articles, sections, facts] = await Promise.all([
      import('../../../src/app/actions/articles'),
      import('../../../src/app/actions/sections'),
      import('../../../src/app/actions/list-facts'),
    ]);
    // The list's read is held until the reader has left (a big merge can make it slow).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const read = articles.listArticlesPage;
    const reads = vi.spyOn(articles, 'listArticlesPage').mockImplementation(async (...args) => {
      await held;
      return read(...args);
    });
    const sectionReads = vi.spyOn(sections, 'topSections');
    const factReads = vi.spyOn(facts, 'loadListFacts');
    const left = await openList();
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1));
    render(null, left);
    release();
    // Every read of that load has answered, and what follows them (no more reads) has run.
    await Promise.all([reads, sectionReads, factReads].flatMap((spy) => spy.mock.results.map((result): unknown => result.value)));
    await new Promise((resolve) => setTimeout(resolve, 0));

    const back = await openList();
    expect(titles(back)).toEqual(['Tin đã đọc xong khi quay lại']);
    expect(back.textContent).not.toContain('Đang mở');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('says so and offers «Thử lại» when the stored list cannot be read, instead of «Đang mở…» for ever', async () => {
    const page = await freshPage('/');
    await page.refresh([article('moi', 'Hà Nội mở thêm tuyến buýt điện')]);
    const articles = await import('../../../src/app/actions/articles');
    const read = vi.spyOn(articles, 'listArticlesPage').mockRejectedValueOnce(new DOMException('The database connection is closing.', 'InvalidStateError'));
    const root = await openList();
    await waitForText(root, 'Không đọc được tin đã lưu trên máy.');
    expect(titles(root)).toEqual([]);
    button(root, 'Thử lại').click();
    await waitForText(root, 'Hà Nội mở thêm tuyến buýt điện');
    expect(root.textContent).not.toContain('Không đọc được');
    expect(read).toHaveBeenCalledTimes(2);
  });
});
