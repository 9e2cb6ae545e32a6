// @vitest-environment happy-dom
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { expectAnnounced, recordAnnouncements } from '../helpers/announcements';
import { article, freshPage } from '../helpers/page';

const DAY = 86_400_000;

/** What the browser says of this site's storage; `undefined` is a browser without the API. */
function storageReports(storage: Partial<StorageManager> | undefined): void {
  Object.defineProperty(navigator, 'storage', { value: storage, configurable: true });
  onTestFinished(() => void Reflect.deleteProperty(navigator, 'storage'));
}

describe('settings actions (actions/settings)', () => {
  it('choosing the default address again forgets the choice, so a new build’s default applies', async () => {
    const page = await freshPage();
    const { changeFeedUrl, currentFeedUrl } = await import('../../../src/app/actions/settings');
    const { getMeta } = await import('../../../src/shared/store/meta');
    await changeFeedUrl('https://toasoan.example/feed.json');
    await expect(currentFeedUrl()).resolves.toBe('https://toasoan.example/feed.json');
    await changeFeedUrl(`${location.origin}/sample/feed.json`);
    await expect(getMeta(page.db, 'feedUrl')).resolves.toBeUndefined();
    await expect(currentFeedUrl()).resolves.toBe(`${location.origin}/sample/feed.json`);
  });

  it('a preference applies at once, is remembered, and only data saver is shared with the service worker', async () => {
    const page = await freshPage();
    const [{ updatePreferences }, { preferences, readPreferences }, { getMeta }] = await Promise.all([
      import('../../../src/app/actions/settings'),
      import('../../../src/app/state/preferences'),
      import('../../../src/shared/store/meta'),
    ]);
    updatePreferences({ textSize: 4 });
    expect(preferences.value.textSize).toBe(4);
    expect(document.documentElement.style.getPropertyValue('--text-scale')).toBe('1.5');
    expect(readPreferences().textSize).toBe(4);
    await expect(getMeta(page.db, 'dataSaver')).resolves.toBeUndefined();

    updatePreferences({ dataSaver: true });
    await vi.waitFor(async () => expect(await getMeta(page.db, 'dataSaver')).toBe(true));
    updatePreferences({ dataSaver: false });
    await vi.waitFor(async () => expect(await getMeta(page.db, 'dataSaver')).toBe(false));
    expect(readPreferences()).toMatchObject({ textSize: 4, dataSaver: false });
  });
});

describe('storage actions (actions/storage)', () => {
  it('asks the browser to keep the data only if it does not already', async () => {
    await freshPage();
    const { requestPersistentStorage } = await import('../../../src/app/actions/storage');
    const persist = vi.fn(async () => true);
    storageReports({ persisted: async () => true, persist });
    await expect(requestPersistentStorage()).resolves.toBe(true);
    expect(persist).not.toHaveBeenCalled();

    storageReports({ persisted: async () => false, persist });
    await expect(requestPersistentStorage()).resolves.toBe(true);
    expect(persist).toHaveBeenCalledOnce();
  });

  it('takes a refusal or a browser without the API as «not kept»', async () => {
    await freshPage();
    const { requestPersistentStorage, storageUse } = await import('../../../src/app/actions/storage');
    storageReports({ persisted: async () => false, persist: () => Promise.reject(new Error('denied')) });
    await expect(requestPersistentStorage()).resolves.toBe(false);
    storageReports(undefined);
    await expect(requestPersistentStorage()).resolves.toBe(false);
    await expect(storageUse()).resolves.toBeUndefined();
  });

  it('reports the space used and left, and whether it is kept', async () => {
    await freshPage();
    const { storageUse } = await import('../../../src/app/actions/storage');
    storageReports({ estimate: async () => ({ usage: 2_000, quota: 10_000 }), persisted: () => Promise.reject(new Error('no')) });
    await expect(storageUse()).resolves.toEqual({ usage: 2_000, quota: 10_000, persisted: false });
  });

  it('keeps unsaved articles six months unless told otherwise, and «Giữ mãi» removes nothing', async () => {
    const page = await freshPage();
    const { changeKeepMonths, keepMonths } = await import('../../../src/app/actions/storage');
    const { articleCount } = await import('../../../src/app/actions/articles');
    await expect(keepMonths()).resolves.toBe(6);
    const longAgo = Date.now() - 400 * DAY;
    await page.refresh([article('rat-cu', 'Tin năm ngoái', { published: longAgo })], longAgo);
    await expect(changeKeepMonths(0)).resolves.toBe(0);
    await expect(keepMonths()).resolves.toBe(0);
    await expect(articleCount()).resolves.toBe(1);
  });

  it('a shorter time removes the articles older than it at once and announces them, so lists and search drop them', async () => {
    const page = await freshPage();
    const { changeKeepMonths } = await import('../../../src/app/actions/storage');
    const { listArticlesPage } = await import('../../../src/app/actions/articles');
    const old = Date.now() - 45 * DAY;
    await page.refresh([article('thang-truoc', 'Tin tháng trước', { published: old })], old);
    await page.refresh([article('hom-qua', 'Tin hôm qua', { published: Date.now() - DAY })]);
    const seen = recordAnnouncements();
    await expect(changeKeepMonths(3)).resolves.toBe(0);
    await expect(changeKeepMonths(1)).resolves.toBe(1);
    await expectAnnounced(seen, { removed: ['thang-truoc'] });
    expect((await listArticlesPage(10)).map((a) => a.title)).toEqual(['Tin hôm qua']);
  });

  it('empties the picture cache, counting the bytes it can see', async () => {
    const page = await freshPage();
    const { clearPictureCache } = await import('../../../src/app/actions/storage');
    const pictures = await page.caches.open('bao-images');
    await pictures.put('https://example.org/a.jpg', new Response('x'.repeat(500)));
    // Another site's picture fetched without CORS: its size is hidden.
    const opaque = new Response('y'.repeat(300));
    Object.defineProperty(opaque, 'type', { value: 'opaque' });
    await pictures.put('https://cdn.example/b.jpg', opaque);
    await expect(clearPictureCache()).resolves.toEqual({ count: 2, bytes: 500 });
    await expect(clearPictureCache()).resolves.toEqual({ count: 0, bytes: 0 });
  });
});
