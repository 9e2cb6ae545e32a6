// @vitest-environment happy-dom
import { h } from 'preact';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { SYNC_CHANNEL, type SyncEvent } from '../../../src/shared/sync/events';
import { feed, item } from '../../fixtures/feeds';
import { article, button, freshPage, show, typeInto, waitForText } from '../helpers/page';

async function openSettings() {
  const { default: SettingsPage } = await import('../../../src/app/routes/settings/index');
  return show(h(SettingsPage, null));
}

/** What the browser says of this site's storage, for the test; `undefined` is a browser that does not say. */
function storageReports(storage: Partial<StorageManager> | undefined): void {
  Object.defineProperty(navigator, 'storage', { value: storage, configurable: true });
  onTestFinished(() => void Reflect.deleteProperty(navigator, 'storage'));
}

/** The address field: drawn at once, drawn again once the stored address is read. */
const feedInput = (root: HTMLElement) => root.querySelector<HTMLInputElement>('#feed-url')!;

const status = (root: HTMLElement, within: string) => root.querySelector(`${within} [role="status"]`)?.textContent;

/** Resolves when a refresh reports it has ended. */
function refreshEnds(): Promise<void> {
  const channel = new BroadcastChannel(SYNC_CHANNEL);
  return new Promise((resolve) =>
    channel.addEventListener('message', (event: MessageEvent<SyncEvent>) => event.data.type === 'done' && resolve()),
  );
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('settings: the feed address (routes/settings/feed-section)', () => {
  it('refuses an address that is not one, says why in the field’s description, and keeps the old', async () => {
    await freshPage('/cai-dat');
    const root = await openSettings();
    await vi.waitFor(() => expect(feedInput(root).value).toBe(`${location.origin}/sample/feed.json`));
    expect(feedInput(root).getAttribute('aria-invalid')).toBe('false');
    // An address, but not one a feed can have.
    await typeInto(feedInput(root), 'ftp://toasoan.example/feed.json');
    button(root, 'Lưu nguồn tin').click();
    await waitForText(root, 'Địa chỉ này chưa đúng. Hãy dán đủ địa chỉ tòa soạn gửi, ví dụ baosonla.vn/rss');
    const field = feedInput(root);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const described = field.getAttribute('aria-describedby')!.split(' ').map((id) => root.querySelector(`#${id}`)?.textContent);
    expect(described[0]).toBe('Địa chỉ này chưa đúng. Hãy dán đủ địa chỉ tòa soạn gửi, ví dụ baosonla.vn/rss');
    expect(document.activeElement).toBe(field);
    const { currentFeedUrl } = await import('../../../src/app/actions/settings');
    await expect(currentFeedUrl()).resolves.toBe(`${location.origin}/sample/feed.json`);

    // Put right, the field is no longer marked wrong.
    const done = refreshEnds();
    await typeInto(feedInput(root), 'https://toasoan.example/feed.json');
    button(root, 'Lưu nguồn tin').click();
    await waitForText(root, 'Đã lưu. Đang tải tin từ nguồn mới…');
    // The refresh it starts ends within the test, not on a page already closed.
    await done;
    expect(root.textContent).not.toContain('Địa chỉ này chưa đúng');
    expect(feedInput(root).getAttribute('aria-invalid')).toBe('false');
    expect(feedInput(root).getAttribute('aria-describedby')).toBe('feed-url-help');
  });

  it('takes an address typed as papers print it, without https://, and shows it whole', async () => {
    await freshPage('/cai-dat');
    const root = await openSettings();
    await vi.waitFor(() => expect(feedInput(root).value).not.toBe(''));
    const done = refreshEnds();
    await typeInto(feedInput(root), 'baosonla.vn/rss');
    button(root, 'Lưu nguồn tin').click();
    await waitForText(root, 'Đã lưu. Đang tải tin từ nguồn mới…');
    await done;
    expect(feedInput(root).value).toBe('https://baosonla.vn/rss');
    expect(feedInput(root).getAttribute('aria-invalid')).toBe('false');
    const { currentFeedUrl } = await import('../../../src/app/actions/settings');
    await expect(currentFeedUrl()).resolves.toBe('https://baosonla.vn/rss');
  });

  it('saves a new address and downloads the news from it at once', async () => {
    await freshPage('/cai-dat');
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      asked.push(String(input));
      return new Response(feed([item('moi', { title: 'Tin từ nguồn mới' })]), {
        headers: { 'content-type': 'application/feed+json' },
      });
    });
    const done = refreshEnds();
    const root = await openSettings();
    await vi.waitFor(() => expect(feedInput(root).value).not.toBe(''));
    await typeInto(feedInput(root), 'https://toasoan.example/feed.json');
    button(root, 'Lưu nguồn tin').click();
    await waitForText(root, 'Đã lưu. Đang tải tin từ nguồn mới…');

    const [{ currentFeedUrl }, { listArticlesPage }] = await Promise.all([
      import('../../../src/app/actions/settings'),
      import('../../../src/app/actions/articles'),
    ]);
    await expect(currentFeedUrl()).resolves.toBe('https://toasoan.example/feed.json');
    await done;
    expect((await listArticlesPage(10)).map((a) => a.title)).toEqual(['Tin từ nguồn mới']);
    expect(asked[0]).toBe('https://toasoan.example/feed.json');
  });

  // Before, «Đang tải tin từ nguồn mới…» stayed for good, whatever became of the download.
  it('says how the download from the new address ended: what it brought, or why it failed', async () => {
    await freshPage('/cai-dat');
    const { watchSync } = await import('../../../src/app/state/sync-status');
    await watchSync();
    let answer = () => new Response(feed([item('moi', { title: 'Tin từ nguồn mới' })]), { headers: { 'content-type': 'application/feed+json' } });
    vi.stubGlobal('fetch', async () => answer());
    const root = await openSettings();
    await vi.waitFor(() => expect(feedInput(root).value).not.toBe(''));
    await typeInto(feedInput(root), 'https://toasoan.example/feed.json');
    button(root, 'Lưu nguồn tin').click();
    await waitForText(root, 'Đã tải tin từ nguồn mới: 1 bài mới.');
    expect(root.textContent).not.toContain('Đang tải tin từ nguồn mới');

    answer = () => new Response('<h1>Not Found</h1>', { status: 404, headers: { 'content-type': 'text/html' } });
    await typeInto(feedInput(root), 'https://toasoan.example/sai.json');
    button(root, 'Lưu nguồn tin').click();
    await waitForText(root, 'Đã lưu, nhưng chưa tải được tin từ nguồn mới:');
    expect(status(root, '.settings-form')).toMatch(/^Đã lưu, nhưng chưa tải được tin từ nguồn mới: .+\. Hãy kiểm tra lại địa chỉ\.$/);
  });

  it('«Dùng nguồn mặc định» puts the default address back in the field', async () => {
    const page = await freshPage('/cai-dat');
    const { setMeta } = await import('../../../src/shared/store/meta');
    await setMeta(page.db, 'feedUrl', 'https://toasoan.example/feed.json');
    const root = await openSettings();
    await vi.waitFor(() => expect(feedInput(root).value).toBe('https://toasoan.example/feed.json'));
    button(root, 'Dùng nguồn mặc định').click();
    await vi.waitFor(() => expect(feedInput(root).value).toBe(`${location.origin}/sample/feed.json`));
  });
});

describe('settings: reading (routes/settings/reading-section)', () => {
  it('applies a text size and a theme at once and remembers them', async () => {
    await freshPage('/cai-dat');
    const root = await openSettings();
    root.querySelector<HTMLInputElement>('input[name="text-size"][value="2"]')!.click();
    await vi.waitFor(() => expect(document.documentElement.style.getPropertyValue('--text-scale')).toBe('1.15'));
    root.querySelector<HTMLInputElement>('input[name="theme"][value="dark"]')!.click();
    await vi.waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(root.querySelector<HTMLInputElement>('input[name="theme"][value="dark"]')!.checked).toBe(true);
    // A page opened later starts with them.
    const { readPreferences } = await import('../../../src/app/state/preferences');
    expect(readPreferences()).toMatchObject({ textSize: 2, theme: 'dark' });
  });

  it('data saver is remembered where the service worker looks before keeping a picture', async () => {
    const page = await freshPage('/cai-dat');
    const root = await openSettings();
    root.querySelector<HTMLInputElement>('#data-saver')!.click();
    const { getMeta } = await import('../../../src/shared/store/meta');
    // The service worker reads the choice from the store before keeping a picture.
    await vi.waitFor(async () => expect(await getMeta(page.db, 'dataSaver')).toBe(true));
    expect(root.querySelector<HTMLInputElement>('#data-saver')!.checked).toBe(true);
  });
});

describe('settings: storage (routes/settings/storage-section)', () => {
  it('says how many articles and how much space, and asks to keep the data', async () => {
    const page = await freshPage('/cai-dat');
    await page.refresh([article('a', 'Một'), article('b', 'Hai'), article('c', 'Ba')]);
    let persisted = false;
    storageReports({
      estimate: async () => ({ usage: 1.5 * 1024 * 1024, quota: 100 * 1024 * 1024 }),
      persisted: async () => persisted,
      persist: async () => (persisted = true),
    });
    const root = await openSettings();
    await waitForText(root, '3 bài trên máy.');
    expect(root.textContent).toContain('Đã dùng 1,5 MB · Còn trống 99 MB');
    expect(root.textContent).toContain('Khi máy đầy, trình duyệt có thể xoá dữ liệu của trang.');
    button(root, 'Giữ dữ liệu lâu dài').click();
    await waitForText(root, 'Trình duyệt sẽ không tự xoá dữ liệu của Báo Offline.');
  });

  it('says so when the browser does not tell the space', async () => {
    await freshPage('/cai-dat');
    storageReports(undefined);
    const root = await openSettings();
    await waitForText(root, 'Trình duyệt này không cho biết dung lượng.');
    expect(root.textContent).toContain('0 bài trên máy.');
  });

  it('a shorter keeping time removes the old unsaved articles at once, never a saved one', async () => {
    const page = await freshPage('/cai-dat');
    storageReports(undefined);
    const longAgo = Date.now() - 200 * 86_400_000;
    await page.refresh(
      [
        article('cu', 'Tin cũ', { published: longAgo }),
        article('cu-da-luu', 'Tin cũ đã lưu', { published: longAgo }),
      ],
      longAgo,
    );
    await page.refresh([article('moi', 'Tin mới', { published: Date.now() })]);
    const [{ openArticle }, { saveArticle }] = await Promise.all([
      import('../../../src/app/actions/open-article'),
      import('../../../src/app/actions/saved'),
    ]);
    await saveArticle((await openArticle('cu-da-luu', 0)).article!, true);

    const root = await openSettings();
    await waitForText(root, '3 bài trên máy.');
    const select = root.querySelector<HTMLSelectElement>('#keep-months')!;
    expect(select.value).toBe('6');
    choose(select, '1');
    await waitForText(root, 'Đã xoá 1 bài cũ.');
    await waitForText(root, '2 bài trên máy.');
    const { openArticle: open } = await import('../../../src/app/actions/open-article');
    expect((await open('cu', 0)).article).toBeUndefined();
    expect((await open('cu-da-luu', 0)).article?.title).toBe('Tin cũ đã lưu');

    choose(select, '0');
    await vi.waitFor(() => expect(status(root, '.storage-row')).toBe('Đã lưu.'));
  });

  it('clears the picture cache only once confirmed, and says how much it freed', async () => {
    const page = await freshPage('/cai-dat');
    storageReports(undefined);
    const pictures = await page.caches.open('bao-images');
    await pictures.put('https://example.org/a.jpg', new Response('x'.repeat(2048)));
    await pictures.put('https://example.org/b.jpg', new Response('x'.repeat(1024)));
    const saved = await page.caches.open('bao-saved-images');
    await saved.put('https://example.org/luu.jpg', new Response('x'));
    const root = await openSettings();

    button(root, 'Xoá ảnh đã lưu tạm').click();
    await waitForText(root, 'Xoá mọi ảnh đã lưu tạm?');
    button(root, 'Huỷ').click();
    await waitForText(root, 'Xoá ảnh đã lưu tạm');
    expect(page.caches.urls('bao-images')).toHaveLength(2);

    button(root, 'Xoá ảnh đã lưu tạm').click();
    await waitForText(root, 'Xoá mọi ảnh đã lưu tạm?');
    button(root, 'Xoá ảnh').click();
    await waitForText(root, 'Đã xoá 2 ảnh, giải phóng 3,0 KB.');
    expect(page.caches.urls('bao-images')).toEqual([]);
    // Pictures of saved articles are not in the temporary cache.
    expect(page.caches.urls('bao-saved-images')).toEqual(['https://example.org/luu.jpg']);
  });
});
