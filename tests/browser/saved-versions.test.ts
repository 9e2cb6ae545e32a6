import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';

const ID = 'cau-moi-qua-song-da';
const OLD_PICTURE = '/sample/img/river-bridge-480.webp';
const NEW_PICTURE = '/sample/img/power-line-480.webp';

function feedWith(title: string, text: string, picture: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Báo mẫu',
    items: [
      {
        id: ID,
        title,
        content_html: `<p>${text}</p><figure><img src="${picture}" alt="Ảnh"><figcaption>Ảnh minh hoạ</figcaption></figure>`,
        date_published: '2030-05-01T08:00:00+07:00',
      },
    ],
  });
}

/** The paths of the pictures in the saved-pictures cache. */
function savedPictures(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await (await caches.open('bao-saved-images')).keys()).map((r) => new URL(r.url).pathname).sort(),
  );
}

async function waitForSavedPictures(page: Page, expected: string[]): Promise<void> {
  await page.waitForFunction(
    async (want) => {
      const keys = await (await caches.open('bao-saved-images')).keys();
      return JSON.stringify(keys.map((r) => new URL(r.url).pathname).sort()) === JSON.stringify(want);
    },
    [...expected].sort(),
  );
}

async function waitForPicture(page: Page, path: string): Promise<void> {
  await page.waitForFunction((p) => {
    const img = document.querySelector<HTMLImageElement>('.article-body img');
    return img?.complete && img.naturalWidth > 0 && new URL(img.src).pathname === p;
  }, path);
}

describe('a saved article keeps the version the reader saved', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('through a refresh that changes it, offers the newer version, keeps it by choice, and leaks no picture', async () => {
    const { page } = app.browser;
    await app.server.route('/sample/feed.json', { body: feedWith('Cầu mới qua sông Đà', 'Bản đầu tiên của bài.', OLD_PICTURE) });
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 1);

    await page.goto(`${app.server.url}/bai/${ID}`);
    await page.getByRole('button', { name: 'Lưu bài' }).click();
    await waitForSavedPictures(page, [OLD_PICTURE]);

    // The publisher rewrites the article, with another picture.
    await app.server.route('/sample/feed.json', {
      body: feedWith('Cầu mới qua sông Đà đã thông xe', 'Bản viết lại của bài.', NEW_PICTURE),
    });
    await page.goto(app.server.url);
    await page.getByRole('button', { name: 'Làm mới' }).click();
    await page.locator('.article-list .card-title', { hasText: 'đã thông xe' }).waitFor({ timeout: 20_000 });

    // The saved version is what opens, with a word that a newer one exists.
    await page.goto(`${app.server.url}/bai/${ID}`);
    await page.getByText('Bài đã được cập nhật').waitFor();
    expect(await page.locator('h1.article-title').textContent()).toBe('Cầu mới qua sông Đà');
    expect(await page.locator('.article-body').textContent()).toContain('Bản đầu tiên của bài.');
    await waitForPicture(page, OLD_PICTURE);
    await page.getByRole('link', { name: 'Đã lưu' }).click();
    await page.locator('.article-list .card-title', { hasText: 'Cầu mới qua sông Đà' }).waitFor();
    expect(await page.locator('.article-list .card-title').allTextContents()).toEqual(['Cầu mới qua sông Đà']);

    // Opened, the newer version is only looked at; kept, it replaces the saved one and its picture.
    await page.goto(`${app.server.url}/bai/${ID}`);
    await page.getByRole('button', { name: 'Xem bản mới' }).click();
    expect(await page.locator('h1.article-title').textContent()).toBe('Cầu mới qua sông Đà đã thông xe');
    expect(await savedPictures(page)).toEqual([OLD_PICTURE]);
    await page.getByRole('button', { name: 'Giữ bản mới' }).click();
    await waitForSavedPictures(page, [NEW_PICTURE]);
    await page.getByText('Bài đã được cập nhật').waitFor({ state: 'detached' });
    expect(await page.locator('h1.article-title').textContent()).toBe('Cầu mới qua sông Đà đã thông xe');

    // Offline, with the general picture cache gone, the kept version shows with its picture.
    await page.evaluate(() => caches.delete('bao-images'));
    await app.server.stop();
    await page.reload();
    await page.locator('h1.article-title', { hasText: 'đã thông xe' }).waitFor();
    expect(await page.getByText('Bài đã được cập nhật').count()).toBe(0);
    await waitForPicture(page, NEW_PICTURE);

    // Unsaved, nothing stays behind.
    await page.getByRole('button', { name: 'Đã lưu' }).click();
    await waitForSavedPictures(page, []);
  });
});
