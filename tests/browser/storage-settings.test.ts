import { describe, expect, it } from 'vitest';
import { waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';

const cachedImages = () => caches.open('bao-images').then(async (cache) => (await cache.keys()).length);

describe('storage settings', () => {
  const app = appUnderTest();

  it('shows the space used and left, keeps the chosen months, and clears only pictures', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    // The list's thumbnails, fetched through the worker, land in the picture cache.
    await page.reload();
    await waitForArticles(page, 20);
    // Thumbnails load lazily: scroll down the list, a screen at each check, until some are cached.
    await page.waitForFunction(
      async () => {
        scrollBy(0, 600);
        return (await (await caches.open('bao-images')).keys()).length > 0;
      },
      undefined,
      { polling: 250, timeout: 20_000 },
    );
    const images = await page.evaluate(cachedImages);

    await page.goto(`${app.server.url}/cai-dat`);
    const section = page.locator('.storage-section');
    await section.getByText('Còn trống').waitFor();
    expect(await section.locator('.storage-usage').textContent()).toMatch(/^39 bài trên máy\.Đã dùng [\d,]+ (B|KB|MB) · Còn trống [\d,]+ (KB|MB|GB)/);

    await section.locator('#keep-months').selectOption('1');
    await section.getByText('Đã lưu.').waitFor();
    await page.reload();
    await section.getByText('Còn trống').waitFor();
    expect(await section.locator('#keep-months').inputValue()).toBe('1');

    await section.getByRole('button', { name: 'Xoá ảnh đã lưu tạm' }).click();
    // Asked first; «Huỷ» leaves everything.
    await section.getByRole('button', { name: 'Huỷ' }).click();
    // (Thumbnails still arriving from the list may add to the cache, never take from it.)
    expect(await page.evaluate(cachedImages)).toBeGreaterThanOrEqual(images);
    await section.getByRole('button', { name: 'Xoá ảnh đã lưu tạm' }).click();
    await section.getByRole('button', { name: 'Xoá ảnh', exact: true }).click();
    // One small thumbnail may be all that is cached on a slow run: a few hundred bytes.
    await section.getByText(/^Đã xoá \d+ ảnh, giải phóng [\d,]+ (B|KB)\.$/).waitFor();
    expect(await page.evaluate(cachedImages)).toBe(0);
    expect(await section.locator('.storage-usage').textContent()).toMatch(/^39 bài trên máy/);
  });

  it('takes a feed address typed without https:// (no browser bubble in the way) and says in Vietnamese what is wrong', async () => {
    const { page } = app.browser;
    // The paper's feed, answered here: the test reaches no real site.
    const items = [{ id: 'son-la-1', title: 'Tin từ Báo Sơn La', content_html: '<p>Nội dung.</p>', date_published: new Date().toISOString() }];
    await page.context().route('https://baosonla.vn/rss', (route) =>
      route.fulfill({ contentType: 'application/feed+json', body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo Sơn La', items }) }),
    );
    await page.goto(`${app.server.url}/cai-dat`);
    const field = page.getByLabel('Địa chỉ nguồn tin');
    await expect.poll(() => field.inputValue()).not.toBe('');
    // The browser's own check would stop the form here with its own words, before our code runs.
    const browserSays = () => field.evaluate((el) => (el as HTMLInputElement).validationMessage);

    await field.fill('baosonla');
    expect(await browserSays()).toBe('');
    await page.getByRole('button', { name: 'Lưu nguồn tin' }).click();
    await page.getByText('Địa chỉ này chưa đúng. Hãy dán đủ địa chỉ tòa soạn gửi, ví dụ baosonla.vn/rss').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);

    await field.fill('baosonla.vn/rss');
    expect(await browserSays()).toBe('');
    await page.getByRole('button', { name: 'Lưu nguồn tin' }).click();
    // The download from it is quick here: what the form says once it is over.
    await page.getByText('Đã tải tin từ nguồn mới: 1 bài mới.').waitFor();
    expect(await field.inputValue()).toBe('https://baosonla.vn/rss');
    expect(await field.getAttribute('aria-invalid')).toBe('false');
    await page.goto(app.server.url);
    await page.locator('.card-title', { hasText: 'Tin từ Báo Sơn La' }).waitFor();
  });
});
