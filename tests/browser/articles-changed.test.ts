import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { listedTitles } from './harness';
import { appUnderTest } from './app-under-test';
import { openSettled } from './network-helpers';

const OLD_ID = 'son-la-dan-van-kheo-2023-02-06';
const OLD_TITLE = 'Sơn La: Thi đua “Dân vận khéo” là nhiệm vụ của cả hệ thống chính trị và nhân dân';
const QUERY = 'dan van kheo';

/** Makes one stored article look downloaded years ago, so «keep 1 month» removes it. */
async function ageArticle(page: Page, id: string): Promise<void> {
  await page.evaluate(
    (articleId) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('bao-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('articles', 'readwrite');
          const store = tx.objectStore('articles');
          const get = store.get(articleId);
          get.onsuccess = () => store.put({ ...get.result, fetchedAt: Date.UTC(2020, 0, 1) });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    id,
  );
}

/** The result count and titles once a search has answered. */
async function searchShown(page: Page): Promise<{ count: string; titles: string[] }> {
  await page.waitForFunction(() => /^Tìm thấy/.test(document.querySelector('.search-count')?.textContent ?? '') || document.querySelector('.no-results'));
  return {
    count: (await page.locator('.search-count').textContent()) ?? '',
    titles: await page.locator('.search-results .card-title').allTextContents(),
  };
}

describe('one «articles changed» event', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('an article removed in Settings leaves the open page’s search results and list at once', async () => {
    const { page } = app.browser;
    await openSettled(page, app.server.url);
    await ageArticle(page, OLD_ID);

    // All in one page: the search worker that indexed the article stays alive throughout.
    await page.fill('#search-input', QUERY);
    await page.waitForFunction((title) => [...document.querySelectorAll('.search-results .card-title')].some((t) => t.textContent === title), OLD_TITLE);

    await page.getByRole('link', { name: 'Cài đặt' }).click();
    await page.locator('#keep-months').selectOption('1');
    await page.getByText('Đã xoá 1 bài cũ.').waitFor();

    // What a freshly opened tab finds, its index read from the store as it now is…
    const fresh = await app.browser.context.newPage();
    await fresh.goto(`${app.server.url}/tim-kiem?q=${encodeURIComponent(QUERY)}`);
    const truth = await searchShown(fresh);
    await fresh.close();
    expect(truth.titles).not.toContain(OLD_TITLE);

    // …the page that was open all along finds too, without a reload.
    await page.goBack();
    await page.waitForFunction(
      (expected) => {
        const titles = [...document.querySelectorAll('.search-results .card-title')].map((t) => t.textContent);
        return document.querySelector('.search-count')?.textContent === expected.count && titles.join('\n') === expected.titles.join('\n');
      },
      truth,
      { timeout: 10_000 },
    );

    // The list, kept from before, reloads to match.
    await page.getByRole('link', { name: 'Tin mới' }).click();
    await page.waitForFunction(
      (title) => {
        const titles = [...document.querySelectorAll('.article-list .card-title')].map((t) => t.textContent);
        return titles.length >= 20 && !titles.includes(title);
      },
      OLD_TITLE,
      { timeout: 10_000 },
    );
    expect(await listedTitles(page)).not.toContain(OLD_TITLE);
  });
});
