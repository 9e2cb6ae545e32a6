import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { waitForArticles, waitForServiceWorker } from './harness';
import { FEED_PATH } from './network-helpers';

const FIRST = 'Bài này không có tiêu đề, chỉ có văn bản.';
const SECOND = 'Đoạn thứ hai nói về mùa mận Mộc Châu năm nay được giá.';

describe('an item the feed gives without a title', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('is headed by its first sentence, which card, article and share sheet do not repeat under it', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, {
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Báo không tiêu đề',
        items: [{ id: 'khong-tieu-de', content_text: `${FIRST}\n\n${SECOND}`, date_published: '2023-02-06T07:00:00+07:00' }],
      }),
    });
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 1);
    expect(await page.locator('.article-list .card-title').textContent()).toBe(FIRST);
    // Before, the title ran both paragraphs together and the summary printed them again.
    expect(await page.locator('.article-list .card-summary').textContent()).toBe(SECOND);

    await page.goto(`${app.server.url}/bai/khong-tieu-de`);
    expect(await page.locator('h1.article-title').textContent()).toBe(FIRST);
    await page.addInitScript(() => {
      // The app's own sheet, as on a phone without navigator.share.
      Object.defineProperty(navigator, 'share', { value: undefined });
    });
    await page.reload();
    await page.getByRole('button', { name: 'Chia sẻ' }).click();
    const sheet = page.locator('dialog.share-sheet[open]');
    expect(await sheet.locator('.share-message-title').textContent()).toBe(FIRST);
    expect(await sheet.locator('.share-message-opening').textContent()).toBe(SECOND);
  });
});
