import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, profileWithTextSize, startServer, suppressInstallOffer, waitForArticles, type TestBrowser, type TestServer } from './harness';
import { FEED_PATH } from './network-helpers';

// A feed's own section names: a provincial paper's read like this one, at the parser's limit of 100 characters.
const LONG_TAG = 'Chương trình mục tiêu quốc gia xây dựng nông thôn mới và giảm nghèo bền vững ở các xã vùng cao Sơn';

describe('a section name of 100 characters, browser text at 200 % and «Cực lớn» (360×740)', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let profile: string;

  beforeAll(async () => {
    // Chromium's own text size, as Android's font scale sets it: 32 px instead of 16.
    profile = await profileWithTextSize(32);
    server = await startServer();
    const items = [0, 1, 2].map((n) => ({
      id: `xa-${n}`,
      title: `Đường lên bản ${n} đã xong`,
      content_html: '<p>Bà con đi lại dễ hơn.</p>',
      date_published: new Date(Date.UTC(2026, 10, 20 + n)).toISOString(),
      tags: [LONG_TAG],
    }));
    await server.route(FEED_PATH, { body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo xã', items }) });
    browser = await launch({ userDataDir: profile });
    await suppressInstallOffer(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(profile, { recursive: true, force: true });
  });

  // Its chip wrapped a word or two a line, 8 lines, and pushed every article below the first screen.
  it('keeps its chip to two lines, so the section row leaves the first screen to the articles', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await waitForArticles(page, 3);
    await page.evaluate(() => localStorage.setItem('bao-preferences', JSON.stringify({ textSize: 4, theme: 'light', dataSaver: false })));
    await page.reload();
    await waitForArticles(page, 3);
    const chip = page.locator('.section-row a', { hasText: 'Chương trình' });
    await chip.waitFor();
    const lines = await chip.evaluate((el) => {
      const style = getComputedStyle(el);
      return Math.round((el.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - 2) / parseFloat(style.lineHeight));
    });
    expect(lines).toBeLessThanOrEqual(2);
    // The row, not the chip, sets how far down the articles start; a third of the screen at most leaves the newest
    // article's title on it whatever notice (such as «Đã lưu … để đọc khi không có mạng») stands between them.
    const row = (await page.locator('.section-row').boundingBox())!;
    expect(row.height).toBeLessThan(740 / 3);
    // The whole name is still there for a screen reader and opens its section.
    expect(await chip.textContent()).toBe(LONG_TAG);
    await chip.click();
    await page.waitForURL(/chuyen-muc/);
    await waitForArticles(page, 3);
  });
});
