import { describe, expect, it } from 'vitest';
import { saveOpenArticle, waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';
import { failStoredReads } from './screen-helpers';

const SEED_ID = 'son-la-dan-van-kheo-2023-02-06';
const SEED_TITLE = 'Sơn La: Thi đua “Dân vận khéo” là nhiệm vụ của cả hệ thống chính trị và nhân dân';

// The phone's store failing to answer (its connection closing, a storage fault) loses nothing, and
// the reader must not be told otherwise. Before, the saved article opened as «Không tìm thấy bài
// viết · Bài này chưa được tải về máy» and «Đã lưu» showed its title over nothing at all.
describe('a saved article while the phone’s store cannot be read', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('says the read failed, never that the article is not on the phone, and «Thử lại» opens it', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}/bai/${SEED_ID}`);
    await waitForServiceWorker(page);
    await page.getByRole('heading', { name: SEED_TITLE }).waitFor({ timeout: 20_000 });
    await saveOpenArticle(page);

    const healReads = await failStoredReads(page);
    try {
      await page.reload();
      const notice = page.getByRole('alert').filter({ hasText: 'Không đọc được bài này trên máy.' });
      await notice.waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(/Không tìm thấy|chưa được tải/);
      await healReads();
      await notice.getByRole('button', { name: 'Thử lại' }).click();
      await page.getByRole('heading', { name: SEED_TITLE }).waitFor();
    } finally {
      await healReads();
    }
  });

  it('says «Đã lưu» could not be read rather than show an empty page, and «Thử lại» lists the saved article', async () => {
    const { page } = app.browser;
    const healReads = await failStoredReads(page);
    try {
      await page.goto(`${app.server.url}/da-luu`);
      const notice = page.getByRole('alert').filter({ hasText: 'Không đọc được các bài đã lưu trên máy.' });
      await notice.waitFor();
      await healReads();
      await notice.getByRole('button', { name: 'Thử lại' }).click();
      await waitForArticles(page, 1);
      expect(await page.locator('.article-list .card-title').allTextContents()).toEqual([SEED_TITLE]);
    } finally {
      await healReads();
    }
  });
});
