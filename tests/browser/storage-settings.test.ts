import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, startServer, waitForArticles, waitForServiceWorker, type TestBrowser, type TestServer } from './harness';

const cachedImages = () => caches.open('bao-images').then(async (cache) => (await cache.keys()).length);

describe('storage settings', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });

  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('shows the space used and left, keeps the chosen months, and clears only pictures', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await waitForServiceWorker(page);
    // The list's thumbnails, fetched through the worker, land in the picture cache.
    await page.reload();
    await waitForArticles(page, 20);
    await page.waitForFunction(cachedImages, undefined, { timeout: 20_000 });
    const images = await page.evaluate(cachedImages);
    expect(images).toBeGreaterThan(0);

    await page.goto(`${server.url}/cai-dat`);
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
    await section.getByText(/^Đã xoá \d+ ảnh, giải phóng [\d,]+ KB\.$/).waitFor();
    expect(await page.evaluate(cachedImages)).toBe(0);
    expect(await section.locator('.storage-usage').textContent()).toMatch(/^39 bài trên máy/);
  });
});
