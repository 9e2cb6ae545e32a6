import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveOpenArticle, waitForArticles } from './harness';
import { appUnderTest } from './app-under-test';
import { announcements, recordAnnouncements } from './live-regions';

/** The focused element, as tag#id, or its text when it has no id. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.id ? `${el.tagName.toLowerCase()}#${el.id}` : `${el?.tagName.toLowerCase()} ${el?.innerText.trim().slice(0, 30)}`;
  });

describe('a reader on a keyboard (or a screen reader) moving between screens', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  // The first move after a page load is the one every reader makes: before, focus fell to the
  // page's start (from a card) or stayed on the header link (from «Cài đặt»), until the second move.
  it('lands on the new screen’s content after the first move from a freshly loaded list', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    const card = page.locator('.article-list .card-link').first();
    const title = (await card.innerText()).split('\n')[0]!;
    await card.focus();
    await page.keyboard.press('Enter');
    await page.locator('h1.article-title', { hasText: title }).waitFor();
    expect(await focused(page)).toBe('main#main');
    // The next Tab goes on from the article's content, not from the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);

    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    await page.getByRole('link', { name: 'Cài đặt' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
    expect(await focused(page)).toBe('main#main');
  });

  // Before, Back left the focus on the page itself: the next Tab went to «Chưa đọc» at the top and
  // scrolled there, and a reader who had opened the 13th article tabbed through 13 cards to go on.
  it('Back from an article opened far down the list hands the focus to its card: the next Tab goes on to the one below, where the list was', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    const cardTitle = (n: number) => page.locator('.article-list .card-title').nth(n).textContent();
    const [twelfth, thirteenth] = [await cardTitle(12), await cardTitle(13)];
    /** The title of the card whose link has the focus, or what has it instead. */
    const focusedCard = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        return active?.matches('.card-link') ? active.querySelector('.card-title')?.textContent : active?.tagName;
      });
    await page.locator('.article-list .card-link').nth(12).focus();
    await page.keyboard.press('Enter');
    await page.locator('h1.article-title', { hasText: twelfth! }).waitFor();
    await page.goBack();
    await waitForArticles(page, 20);
    await expect.poll(focusedCard).toBe(twelfth);
    const scrolled = await page.evaluate(() => scrollY);
    expect(scrolled).toBeGreaterThan(500);
    await page.keyboard.press('Tab');
    expect(await focusedCard()).toBe(thirteenth);
    // The list stays where the reader left it (the next card may scroll it a card's height, not to the top).
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(scrolled - 50);
  });

  // Their rows come after the screen (from the store, from the search worker): before, Back left the focus on the page.
  it('Back to the saved articles or to search results, which arrive a moment later, hands the focus to the article left by', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    const titles = (await page.locator('.article-list .card-title').allTextContents()).slice(0, 3);
    for (const title of titles) {
      await page.locator('.article-list .card-title', { hasText: title }).click();
      await saveOpenArticle(page);
      await page.goBack();
      await waitForArticles(page, 20);
    }
    const focusedText = () => page.evaluate(() => (document.activeElement?.matches('a') ? document.activeElement.textContent : document.activeElement?.tagName));
    for (const [screen, link] of [
      ['/da-luu', page.locator('main a[href^="/bai/"]', { hasText: titles[1]! })],
      ['/tim-kiem?q=' + encodeURIComponent(titles[1]!), page.locator('main a[href^="/bai/"]').first()],
    ] as const) {
      await page.goto(app.server.url + screen);
      const title = await link.textContent();
      await link.focus();
      await page.keyboard.press('Enter');
      await page.locator('h1.article-title').waitFor();
      await page.goBack();
      await expect.poll(focusedText, { message: screen }).toBe(title);
    }
  });

  it('leaves the focus in the search field while the reader types, though each key changes the screen', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    await page.focus('#search-input');
    await page.keyboard.type('dan van');
    await page.waitForURL(/tim-kiem/);
    await page.locator('.search-count').waitFor();
    expect(await focused(page)).toBe('input#search-input');
  });

  // Before, the count's status went blank when nothing matched: a TalkBack reader typing heard nothing at all.
  it('tells a screen reader, as the reader types, that a search found nothing', async () => {
    const { page, context } = app.browser;
    await recordAnnouncements(context);
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    await page.focus('#search-input');
    await page.keyboard.type('dan van');
    await page.locator('.search-count', { hasText: 'Tìm thấy' }).waitFor();
    await page.keyboard.type(' qqxyz');
    await page.locator('.no-results').waitFor();
    const saidNothingFound = async () => (await announcements(page)).some((text) => text.startsWith('Không tìm thấy kết quả cho “dan van qqxyz”'));
    await expect.poll(saidNothingFound).toBe(true);
  });

  // Before, the button (the last page: gone; else disabled while reading) dropped the focus on the
  // page itself, and the next Tab went back to the header, 30 articles up.
  it('«Xem thêm tin cũ hơn» pressed from the keyboard hands the focus to the first article it brought', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForArticles(page, 30);
    await page.getByRole('button', { name: 'Xem thêm tin cũ hơn' }).focus();
    await page.keyboard.press('Enter');
    await waitForArticles(page, 31);
    const thirtyFirst = await page.locator('.article-list .card-title').nth(30).textContent();
    await page.waitForFunction(() => document.activeElement !== document.querySelector('button:disabled'));
    expect(await page.evaluate(() => document.activeElement?.querySelector('.card-title')?.textContent)).toBe(thirtyFirst);
  });
});
