import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { listedTitles, waitForArticles } from './harness';
import { appUnderTest } from './app-under-test';
import { FEED_PATH, openSettled } from './network-helpers';

const COUNT = 300;
/** Every seventh article is left unread: 43 of 300, most of them far below the first page of 30. */
const isUnread = (n: number) => n % 7 === 0;
const sectionOf = (n: number) => (n % 2 === 0 ? 'Xã hội' : 'Kinh tế');
const titleOf = (n: number) => `Tin số ${n}: bà con bản Mường Lạn góp công làm đường`;

function bigFeed(): string {
  const items = Array.from({ length: COUNT }, (_, n) => ({
    id: `tin-${n}`,
    title: titleOf(n),
    content_text: 'Bà con trong bản cùng nhau làm đường liên thôn trước mùa mưa.',
    date_published: new Date(Date.UTC(2024, 0, 1) - n * 3_600_000).toISOString(),
    tags: [sectionOf(n)],
  }));
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo lớn', items });
}

/** Marks articles read as opening them would, straight in the reader store (opening 257 by hand would take minutes). */
function markRead(page: Page, ids: string[]): Promise<void> {
  return page.evaluate(
    (ids) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('bao-offline');
        open.onsuccess = () => {
          const tx = open.result.transaction('reader', 'readwrite');
          for (const id of ids) tx.objectStore('reader').put({ id, readAt: Date.now() });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    ids,
  );
}

/** Taps «Xem thêm tin cũ hơn» until the list has no more, then returns every title shown. */
async function everyTitle(page: Page): Promise<string[]> {
  const more = page.getByRole('button', { name: 'Xem thêm tin cũ hơn' });
  await page.locator('.list-end').waitFor();
  while ((await more.count()) > 0) {
    const shown = await page.locator('.card').count();
    await more.click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.card').length > n || !document.querySelector('.article-list ~ .button-wide'),
      shown,
    );
  }
  return listedTitles(page);
}

const expected = (keep: (n: number) => boolean) =>
  Array.from({ length: COUNT }, (_, n) => n)
    .filter(keep)
    .map(titleOf);

describe('«Chưa đọc» with more articles than one page (360×740)', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  beforeAll(async () => {
    await app.server.route(FEED_PATH, { body: bigFeed() });
    await openSettled(app.browser.page, app.server.url);
    const read = Array.from({ length: COUNT }, (_, n) => n).filter((n) => !isUnread(n));
    await markRead(
      app.browser.page,
      read.map((n) => `tin-${n}`),
    );
  });

  it('shows every unread article, newest first, however far down the list it sits', async () => {
    const { page } = app.browser;
    expect(page.viewportSize()).toEqual({ width: 360, height: 740 });
    await page.goto(app.server.url);
    await waitForArticles(page, 30);
    await page.locator('.section-row a', { hasText: 'Chưa đọc' }).click();
    await page.waitForURL(/\?chua-doc=1$/);
    // The first page is full of unread articles, not the few among the first 30 rows.
    await waitForArticles(page, 30);
    expect(await page.locator('.card-read').count()).toBe(0);
    expect(await everyTitle(page)).toEqual(expected(isUnread));
  });

  it('does the same inside a section, and an article read meanwhile leaves the view', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}/chuyen-muc/${encodeURIComponent('Kinh tế')}?chua-doc=1`);
    await page.getByRole('heading', { level: 1, name: 'Kinh tế' }).waitFor();
    const inSection = expected((n) => isUnread(n) && sectionOf(n) === 'Kinh tế');
    expect(inSection.length).toBeGreaterThan(20);
    // All on the first page, without a tap: they are fewer than a page.
    await waitForArticles(page, inSection.length);
    expect(await everyTitle(page)).toEqual(inSection);

    await page.locator('.card-link').first().click();
    await page.locator('h1.article-title').waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Kinh tế' }).waitFor();
    await page.waitForFunction((t) => ![...document.querySelectorAll('.card-title')].some((el) => el.textContent === t), inSection[0]);
    expect((await listedTitles(page))[0]).toBe(inSection[1]);
  });
});
