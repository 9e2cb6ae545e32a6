import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveOpenArticle, waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';
import { FEED_PATH, nextEdition, openSettled, refreshAndWaitFor } from './network-helpers';
import {
  LARGEST_TEXT,
  TAP_TARGET,
  contentTop,
  crampedControls,
  failStoredReads,
  pinnedElements,
  searchHint,
  tapTarget,
  textWhole,
  useTextSize,
  waitForHeader,
} from './screen-helpers';

const SEED = '/bai/son-la-dan-van-kheo-2023-02-06';
const SCREEN = { width: 360, height: 740 };

describe('a reading screen that fits a small phone (360×740)', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  beforeAll(() => openSettled(app.browser.page, app.server.url));

  it('gives at least 70 % of the screen to the list and to an article, and pins nothing but the header', async () => {
    const { page } = app.browser;
    expect(page.viewportSize()).toEqual(SCREEN);
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    expect(await contentTop(page)).toBeLessThanOrEqual(0.3 * SCREEN.height);
    expect(await pinnedElements(page)).toEqual(['header.site-header']);
    // The search field says what it is for, in full.
    expect(await searchHint(page)).toEqual({ text: 'Tìm bài', fits: true, shown: true });

    await page.goto(app.server.url + SEED);
    await page.locator('h1.article-title').waitFor();
    expect(await contentTop(page)).toBeLessThanOrEqual(0.3 * SCREEN.height);
    expect(await pinnedElements(page)).toEqual(['header.site-header']);
  });

  it('hides the header while reading down and brings it back on the first move up', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url + SEED);
    await page.locator('h1.article-title').waitFor();
    await waitForHeader(page, true);
    await page.mouse.wheel(0, 600);
    await waitForHeader(page, false);
    await page.mouse.wheel(0, 600);
    await waitForHeader(page, false);
    await page.mouse.wheel(0, -60);
    await waitForHeader(page, true);
  });

  // Before any other test toggles the network: each return online starts a refresh of its own.
  it('shows a download on an article as a thin bar that moves no text', async () => {
    const { page, context } = app.browser;
    await page.goto(app.server.url + SEED);
    await page.locator('h1.article-title').waitFor();
    const top = await contentTop(page);
    // Back online, the app refreshes by itself; a slow feed keeps the download going long enough to look.
    await app.server.route(FEED_PATH, { body: nextEdition(), delayMs: 1500 });
    try {
      await context.setOffline(true);
      await page.locator('.status-bar .net-off').waitFor();
      await context.setOffline(false);
      await page.locator('.status-progress').waitFor();
      expect(await contentTop(page)).toBe(top);
      // No line of text: the words are only announced to screen readers.
      expect(await page.locator('.status-bar').evaluate((el) => el.getBoundingClientRect().height)).toBe(0);
      await page.locator('.status-progress').waitFor({ state: 'detached', timeout: 20_000 });
      expect(await contentTop(page)).toBe(top);
    } finally {
      await app.server.reset();
    }
  });

  it('says nothing on an article while all is well, and says so when offline', async () => {
    const { page, context } = app.browser;
    await page.goto(app.server.url + SEED);
    await page.locator('h1.article-title').waitFor();
    expect(await page.locator('.status-bar').evaluate((el) => el.getBoundingClientRect().height)).toBe(0);
    await context.setOffline(true);
    try {
      await page.locator('.status-bar .net-off').waitFor();
      expect(await page.locator('.status-bar').innerText()).toContain('Ngoại tuyến');
      // Still one slim line: the article starts within the top quarter.
      expect(await contentTop(page)).toBeLessThanOrEqual(0.25 * SCREEN.height);
    } finally {
      await context.setOffline(false);
    }
  });

  it('at «Cực lớn» keeps the header on one row, nothing cut, and shows the title and three lines of text', async () => {
    const { page } = app.browser;
    await useTextSize(page, LARGEST_TEXT);
    try {
      await page.goto(app.server.url + SEED);
      const title = page.locator('h1.article-title');
      await title.waitFor();
      const header = await page.evaluate(() => {
        const row = document.querySelector('.header-row')!.getBoundingClientRect();
        const controls = [...document.querySelectorAll<HTMLElement>('.site-header a, .site-header input')].map((el) => {
          const box = el.getBoundingClientRect();
          return { left: box.left, right: box.right, top: box.top, bottom: box.bottom, clipped: el.scrollWidth > el.clientWidth };
        });
        const labels = [...document.querySelectorAll<HTMLElement>('.nav-label')].map(
          (el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight),
        );
        return { row, controls, labels };
      });
      const tallest = Math.max(...header.controls.map((c) => c.bottom - c.top));
      expect(header.row.height).toBeLessThan(tallest * 1.5);
      for (const c of header.controls) {
        expect(c.left).toBeGreaterThanOrEqual(0);
        expect(c.right).toBeLessThanOrEqual(SCREEN.width);
        expect(c.clipped).toBe(false);
      }
      for (const lines of header.labels) expect(lines).toBeCloseTo(1, 0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SCREEN.width);

      const titleBox = (await title.boundingBox())!;
      expect(titleBox.y + titleBox.height).toBeLessThan(SCREEN.height);
      // The first text under the title (the lead, else the body): three of its lines are on screen.
      const text = await page.evaluate(() => {
        const first = document.querySelector<HTMLElement>('article .lead, .article-body p')!;
        return { top: first.getBoundingClientRect().top, line: parseFloat(getComputedStyle(first).lineHeight) };
      });
      expect(text.top + 3 * text.line).toBeLessThanOrEqual(SCREEN.height);
      expect(await crampedControls(page)).toEqual([]);

      // Every other screen: the search field's hint whole, no control cut or one word a line.
      const screens = ['/', `/chuyen-muc/${encodeURIComponent('Nông nghiệp')}`, '/tim-kiem?q=dan van kheo', '/da-luu', '/cai-dat'];
      for (const path of screens) {
        await page.goto(app.server.url + path);
        await page.locator('main h1').first().waitFor();
        await page.waitForFunction(() => !/Đang (mở|tìm)/.test(document.querySelector('main')!.textContent!));
        expect(await searchHint(page), path).toEqual({ text: 'Tìm bài', fits: true, shown: true });
        expect(await crampedControls(page), path).toEqual([]);
      }
    } finally {
      await useTextSize(page, 1);
    }
  });

  it('at «Cực lớn» shows the list’s failure notice whole, «Thử lại» on the first screen and big enough to tap', async () => {
    const { page } = app.browser;
    await useTextSize(page, LARGEST_TEXT);
    const healReads = await failStoredReads(page);
    try {
      await page.goto(app.server.url);
      const notice = page.locator('main .notice', { hasText: 'Không đọc được tin đã lưu trên máy.' });
      await notice.waitFor();
      expect(await textWhole(notice)).toBe(true);
      expect(await crampedControls(page)).toEqual([]);
      const retry = notice.getByRole('button', { name: 'Thử lại' });
      const target = await tapTarget(retry);
      expect(target).toMatchObject({ reached: true });
      expect(target.left).toBeGreaterThanOrEqual(0);
      expect(target.right).toBeLessThanOrEqual(SCREEN.width);
      expect(target.bottom).toBeLessThanOrEqual(SCREEN.height);
      expect(target.width).toBeGreaterThanOrEqual(TAP_TARGET);
      expect(target.height).toBeGreaterThanOrEqual(TAP_TARGET);
      // The store readable again, «Thử lại» brings the list.
      await healReads();
      await retry.click();
      await waitForArticles(page, 20);
    } finally {
      await healReads();
      await useTextSize(page, 1);
    }
  });
});

describe('sections, the unread view, next and previous, and the share sheet (360×740)', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  beforeAll(() => openSettled(app.browser.page, app.server.url));

  const titles = (page: Page) => page.locator('.article-list .card-title').allTextContents();

  it('shows the most common sections in a row; a section has its own address, offline and with Back', async () => {
    const { page, context } = app.browser;
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    // The row is read apart from the list, after its cards.
    await page.locator('.section-row a', { hasText: 'Xã hội' }).waitFor();
    const chips = await page.locator('.section-row a').allTextContents();
    // The sample's most common tags come first after the two fixed chips.
    expect(chips.slice(0, 4)).toEqual(['Chưa đọc', 'Tất cả', 'Nông nghiệp', 'Xã hội']);
    expect((await page.locator('.section-row a', { hasText: 'Chưa đọc' }).boundingBox())!.x).toBeGreaterThanOrEqual(0);
    // One row that scrolls sideways, not a wall.
    const rowHeight = await page.locator('.section-row').evaluate((el) => el.getBoundingClientRect().height);
    expect(rowHeight).toBeLessThan(70);

    await context.setOffline(true);
    try {
      await page.locator('.section-row a', { hasText: 'Nông nghiệp' }).click();
      await page.waitForURL(/\/chuyen-muc\/N%C3%B4ng%20nghi%E1%BB%87p$/);
      await page.getByRole('heading', { level: 1, name: 'Nông nghiệp' }).waitFor();
      const inSection = await titles(page);
      expect(inSection.length).toBeGreaterThan(3);
      const all = await page.evaluate(() =>
        new Promise<{ title: string; tags: string[]; published: number }[]>((resolve) => {
          const open = indexedDB.open('bao-offline');
          open.onsuccess = () => {
            const req = open.result.transaction('articles').objectStore('articles').getAll();
            req.onsuccess = () => resolve(req.result as { title: string; tags: string[]; published: number }[]);
          };
        }),
      );
      const expected = all
        .filter((a) => a.tags.includes('Nông nghiệp'))
        .sort((a, b) => b.published - a.published)
        .map((a) => a.title);
      expect(inSection).toEqual(expected);

      // A reload of the section's address works offline.
      await page.reload();
      await waitForArticles(page, expected.length);
      expect(await titles(page)).toEqual(expected);

      // A tag on an article opens its section; Back returns to the article.
      await page.locator('.card-link').first().click();
      await page.locator('h1.article-title').waitFor();
      await page.locator('.tags a', { hasText: 'Nông nghiệp' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nông nghiệp' }).waitFor();
      await page.goBack();
      await page.locator('h1.article-title').waitFor();
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Nông nghiệp' }).waitFor();
    } finally {
      await context.setOffline(false);
    }
  });

  it('narrows a list to what is not read yet', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    const first = (await titles(page))[0]!;
    await page.locator('.card-link').first().click();
    await page.locator('h1.article-title').waitFor();
    await page.goBack();
    await waitForArticles(page, 20);
    await page.locator('.section-row a', { hasText: 'Chưa đọc' }).click();
    await page.waitForURL(/\?chua-doc=1$/);
    // The unread view is read afresh from the store: its rows, then the check that the one opened is not among them.
    await waitForArticles(page, 10);
    await page.waitForFunction((t) => ![...document.querySelectorAll('.card-title')].some((el) => el.textContent === t), first);
    const unread = await titles(page);
    expect(unread.length).toBeGreaterThan(10);
    expect(await page.locator('.card-read').count()).toBe(0);
  });

  it('offers the next and previous article in the order of the list it was opened from', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}/chuyen-muc/${encodeURIComponent('Xã hội')}`);
    await waitForArticles(page, 3);
    const order = await titles(page);
    await page.locator('.card-link').nth(1).click();
    await page.locator('h1.article-title').waitFor();
    expect(await page.locator('.neighbour-previous .neighbour-title').textContent()).toBe(order[0]);
    expect(await page.locator('.neighbour-next .neighbour-title').textContent()).toBe(order[2]);
    await page.locator('.neighbour-next').click();
    await page.locator('h1.article-title', { hasText: order[2] }).waitFor();
    expect(await page.locator('.neighbour-previous .neighbour-title').textContent()).toBe(order[1]);
    // The first of a list has no previous.
    await page.goto(`${app.server.url}/chuyen-muc/${encodeURIComponent('Xã hội')}`);
    await waitForArticles(page, 3);
    await page.locator('.card-link').first().click();
    await page.locator('h1.article-title').waitFor();
    await page.locator('.neighbour-next').waitFor();
    expect(await page.locator('.neighbour-previous').count()).toBe(0);
  });

  // Before, «Đã lưu» did not say its order: «Bài tiếp» followed the news (or the last list opened) to unsaved articles.
  it('offers the next saved article from an article opened in «Đã lưu»', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    const news = await titles(page);
    // Saved 6th, then 3rd: «Đã lưu» lists the most recently saved first.
    for (const title of [news[5]!, news[2]!]) {
      await page.goto(app.server.url);
      await page.locator('.article-list .card-title', { hasText: title }).click();
      await page.locator('h1.article-title', { hasText: title }).waitFor();
      await saveOpenArticle(page);
    }
    await page.goto(`${app.server.url}/da-luu`);
    await waitForArticles(page, 2);
    expect(await titles(page)).toEqual([news[2], news[5]]);
    await page.locator('.card-link').first().click();
    await page.locator('h1.article-title', { hasText: news[2]! }).waitFor();
    await expect.poll(() => page.locator('.neighbour-next .neighbour-title').textContent()).toBe(news[5]);
    expect(await page.locator('.neighbour-previous').count()).toBe(0);
  });

  it('fits the share sheet on a 360×640 screen offline, «Đóng» included, at default size and «Cực lớn»', async () => {
    const { page, context } = app.browser;
    await page.setViewportSize({ width: 360, height: 640 });
    try {
      for (const size of [1, LARGEST_TEXT]) {
        await useTextSize(page, size);
        await page.goto(app.server.url + SEED);
        await page.locator('h1.article-title').waitFor();
        await context.setOffline(true);
        await page.getByRole('button', { name: 'Chia sẻ' }).click();
        const sheet = page.getByRole('dialog', { name: 'Gửi cho bạn bè' });
        await sheet.getByText('Không có mạng').waitFor();
        expect(await crampedControls(page)).toEqual([]);
        const close = sheet.getByRole('button', { name: 'Đóng' });
        const box = (await close.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(640);
        // Every target can be reached inside the sheet.
        const sms = sheet.getByRole('link', { name: 'Tin nhắn SMS' });
        await sms.scrollIntoViewIfNeeded();
        const smsBox = (await sms.boundingBox())!;
        expect(smsBox.y + smsBox.height).toBeLessThanOrEqual(box.y);
        await close.click();
        await context.setOffline(false);
      }
    } finally {
      await context.setOffline(false);
      await useTextSize(page, 1);
      await page.setViewportSize(SCREEN);
    }
  });
});

describe('plain words (360×740)', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('uses no technical word on any screen a reader sees', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 20);
    const TECHNICAL = /\b(json|feed|url|cache|indexeddb|http|https|service worker|sync|quota|storage|offline|error|backlog)\b/i;
    const visibleWords = () =>
      page.evaluate(() => {
        // The app's name and the links shown are not words the app chose for the reader.
        return (document.body.innerText + ' ' + [...document.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label')).join(' '))
          .replaceAll('Báo Offline', '')
          .replace(/https?:\/\/\S+/g, '');
      });
    const screens = ['/', SEED, `/chuyen-muc/${encodeURIComponent('Xã hội')}`, '/tim-kiem?q=dan van kheo', '/da-luu', '/cai-dat'];
    for (const path of screens) {
      await page.goto(app.server.url + path);
      await page.locator('main h1').first().waitFor();
      await page.waitForFunction(() => !/Đang (mở|tìm)/.test(document.querySelector('main')!.textContent!));
      expect(await visibleWords(), path).not.toMatch(TECHNICAL);
    }
    await page.goto(app.server.url + SEED);
    await page.getByRole('button', { name: 'Chia sẻ' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await visibleWords()).not.toMatch(TECHNICAL);
  });
});

describe('a feed unlike the sample, on a 320-px screen at «Rất lớn» and «Cực lớn»', () => {
  const app = appUnderTest({ hideInstallOffer: true });
  const LONG_TAG = 'Kinh tế vĩ mô và thị trường tài chính';
  const LONG_WORD = 'Khôngthểnàotinnổilàđườngliênxãđãđượcsửaxong';
  /** The feed with `count` articles, each a day newer than the one before. */
  const edition = (count: number) => {
    const items = Array.from({ length: count }, (_, n) => ({
      id: `khac-${n}`,
      title: `${LONG_WORD} – bài ${n}`,
      content_html: `<p>${LONG_WORD}${LONG_WORD}</p><pre>${'mã '.repeat(60)}${LONG_WORD}</pre>`,
      date_published: new Date(Date.UTC(2026, 0, 1 + n)).toISOString(),
      tags: [LONG_TAG, 'Giáo dục'],
    }));
    return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo khác', items });
  };

  beforeAll(async () => {
    await app.server.route(FEED_PATH, { body: edition(3) });
    await app.browser.page.setViewportSize({ width: 320, height: 740 });
    await app.browser.page.goto(app.server.url);
    await waitForArticles(app.browser.page, 3);
    await useTextSize(app.browser.page, 3);
  });

  it('never scrolls sideways, keeps the search hint, the status line and every control whole', async () => {
    const { page } = app.browser;
    for (const path of ['/', '/bai/khac-0', `/chuyen-muc/${encodeURIComponent(LONG_TAG)}`]) {
      await page.goto(app.server.url + path);
      await page.locator('main h1').first().waitFor();
      await page.waitForFunction(() => !/Đang mở/.test(document.querySelector('main')!.textContent!));
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
      expect(await searchHint(page), path).toEqual({ text: 'Tìm bài', fits: true, shown: true });
      expect(await crampedControls(page), path).toEqual([]);
    }
    // The status line says when the news came, whole, beside «Làm mới».
    await page.goto(app.server.url);
    const status = page.locator('.status-bar .status-text');
    await page.waitForFunction(() => document.querySelector('.status-bar .status-text')?.textContent?.includes('Cập nhật lúc'));
    expect(await status.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    await page.goto(`${app.server.url}/chuyen-muc/${encodeURIComponent(LONG_TAG)}`);
    await page.locator('.section-row a[aria-current="page"]').waitFor();
    // The open section's chip, a long name, is whole on screen.
    const chip = (await page.locator('.section-row a[aria-current="page"]').boundingBox())!;
    expect(chip.x).toBeGreaterThanOrEqual(0);
    expect(chip.x + chip.width).toBeLessThanOrEqual(320);
  });

  it('at «Cực lớn» the status line says when the news came and how many are new, none of it cut', async () => {
    const { page } = app.browser;
    await useTextSize(page, LARGEST_TEXT);
    await page.goto(app.server.url);
    await waitForArticles(page, 3);
    // The next edition brings three more: «· 3 bài mới» joins «Cập nhật lúc … hôm nay».
    await app.server.route(FEED_PATH, { body: edition(6) });
    const shown = await refreshAndWaitFor(page, '3 bài mới');
    expect(shown).toMatch(/^Cập nhật lúc \d{2}:\d{2} hôm nay · 3 bài mới$/);
    const status = page.locator('.status-bar .status-text');
    expect(await textWhole(status)).toBe(true);
    // Every word on screen, beside «Làm mới», which is whole too.
    const words = await status.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return [...range.getClientRects()].map((r) => r.right);
    });
    expect(Math.max(...words)).toBeLessThanOrEqual((await page.locator('.status-refresh').boundingBox())!.x);
    expect(await crampedControls(page)).toEqual([]);

    // Offline, «Ngoại tuyến» comes first, and the time is still whole after it.
    await app.browser.context.setOffline(true);
    try {
      await page.locator('.status-bar .net-off').waitFor();
      expect(await status.innerText()).toMatch(/^Ngoại tuyến\s*Cập nhật lúc \d{2}:\d{2} hôm nay · 3 bài mới$/);
      expect(await textWhole(status)).toBe(true);
    } finally {
      await app.browser.context.setOffline(false);
    }
  });
});
