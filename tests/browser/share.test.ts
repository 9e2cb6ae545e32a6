import { rm } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { launch, newProfileDir, startServer, waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';

const SEED_ID = 'son-la-dan-van-kheo-2023-02-06';
const SEED_TITLE_PART = 'Dân vận khéo';
const CANONICAL = 'https://bao.example.vn/xa-hoi/cau-moi-qua-suoi.html';

/** The sample feed plus one article that names its publisher's page. */
function feedWithCanonical(sample: string): string {
  const feed = JSON.parse(sample) as { items: Record<string, unknown>[] };
  feed.items.unshift({
    id: 'cau-moi-qua-suoi',
    url: CANONICAL,
    title: 'Cầu mới qua suối',
    content_text: 'Bà con bản Nà Sản đã có cầu mới qua suối. Cầu dài 40 mét, xe máy qua được cả mùa mưa.',
    date_published: '2030-01-01T08:00:00+07:00',
  });
  return JSON.stringify(feed);
}

describe('sharing an article', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  beforeAll(async () => {
    const sample = await (await fetch(`${app.server.url}/sample/feed.json`)).text();
    await app.server.route('/sample/feed.json', { body: feedWithCanonical(sample) });
    await app.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
  });

  it('hands title, text and link to navigator.share where the browser has it', async () => {
    const page = await app.browser.context.newPage();
    await page.addInitScript(() => {
      const calls: ShareData[] = [];
      (window as { __shares?: ShareData[] }).__shares = calls;
      Object.defineProperty(navigator, 'share', { value: async (data: ShareData) => void calls.push(data) });
    });
    await page.goto(app.server.url);
    await waitForArticles(page, 20);

    await page.goto(`${app.server.url}/bai/${SEED_ID}`);
    await page.getByRole('button', { name: 'Chia sẻ' }).click();
    await page.waitForFunction(() => ((window as { __shares?: ShareData[] }).__shares ?? []).length > 0);
    const [call] = await page.evaluate(() => (window as { __shares?: ShareData[] }).__shares!);
    expect(call!.title).toContain(SEED_TITLE_PART);
    // No canonical link in the feed: the app's own deep link.
    expect(call!.url).toBe(`${app.server.url}/bai/${SEED_ID}`);
    expect(call!.text!.length).toBeGreaterThan(20);
    expect(await page.locator('dialog.share-sheet[open]').count()).toBe(0);

    await page.goto(`${app.server.url}/bai/cau-moi-qua-suoi`);
    await page.getByRole('button', { name: 'Chia sẻ' }).click();
    // A new document: the stub starts a fresh record.
    await page.waitForFunction(() => (window as { __shares?: ShareData[] }).__shares!.length > 0);
    const second = await page.evaluate(() => (window as { __shares?: ShareData[] }).__shares![0]!);
    expect(second).toMatchObject({ title: 'Cầu mới qua suối', url: CANONICAL });
    // The text itself carries the news, for a friend who cannot open the link.
    expect(second.text).toBe('Cầu mới qua suối\n\nBà con bản Nà Sản đã có cầu mới qua suối. Cầu dài 40 mét, xe máy qua được cả mùa mưa.');
    await page.close();
  });

  it('otherwise opens a sheet: copy the title, opening and link with a confirmation, and Zalo, Facebook, Messenger and SMS links', async () => {
    const { page } = app.browser;
    expect(await page.evaluate(() => 'share' in navigator)).toBe(false);
    await page.goto(`${app.server.url}/bai/cau-moi-qua-suoi`);
    await page.getByRole('button', { name: 'Chia sẻ' }).click();
    const sheet = page.getByRole('dialog', { name: 'Gửi cho bạn bè' });
    await sheet.waitFor();

    // Changed on purpose (issue 10): the copy and the SMS carry the news itself, not only the link.
    const message = `Cầu mới qua suối\n\nBà con bản Nà Sản đã có cầu mới qua suối. Cầu dài 40 mét, xe máy qua được cả mùa mưa.\n\n${CANONICAL}`;
    await sheet.getByRole('button', { name: 'Sao chép bài' }).click();
    await sheet.getByText('Đã sao chép bài').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(message);

    const href = (name: string) => sheet.getByRole('link', { name }).getAttribute('href');
    const u = encodeURIComponent(CANONICAL);
    expect(await href('Zalo')).toBe(`https://zalo.me/share?url=${u}`);
    expect(await href('Facebook')).toBe(`https://www.facebook.com/sharer/sharer.php?u=${u}`);
    expect(await href('Messenger')).toBe(`fb-messenger://share/?link=${u}`);
    expect(await href('Tin nhắn SMS')).toBe(`sms:?&body=${encodeURIComponent(message)}`);
    // Zalo and Messenger take only a link: tapping one also copies the message to paste.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    // Without its address, the tap runs the app's handler but opens no outside page.
    await sheet.getByRole('link', { name: 'Zalo' }).evaluate((a) => {
      a.removeAttribute('href');
      (a as HTMLAnchorElement).click();
    });
    await sheet.getByText('dán vào tin nhắn').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(message);

    // Offline, the sheet says which targets need a connection.
    await app.browser.context.setOffline(true);
    await sheet.getByText('Zalo, Facebook và Messenger cần có mạng').waitFor();
    expect(await sheet.locator('.share-note').count()).toBe(3);
    await app.browser.context.setOffline(false);

    await sheet.getByRole('button', { name: 'Đóng' }).click();
    expect(await page.locator('dialog.share-sheet[open]').count()).toBe(0);
  });
});

describe('a shared deep link', () => {
  it('opens the article in a fresh browser with the server gone, after one earlier visit', async () => {
    const server = await startServer();
    const profile = await newProfileDir();
    try {
      const first = await launch({ userDataDir: profile });
      await first.page.goto(server.url);
      await waitForServiceWorker(first.page);
      await waitForArticles(first.page, 20);
      await first.close();

      await server.stop();
      const second = await launch({ userDataDir: profile });
      try {
        await second.page.goto(`${server.url}/bai/${SEED_ID}`);
        await second.page.waitForSelector('h1.article-title');
        expect(await second.page.locator('h1.article-title').textContent()).toContain(SEED_TITLE_PART);

        // A link to an article this phone never downloaded: say so, and offer to download it.
        await second.page.goto(`${server.url}/bai/bai-chua-tai`);
        await second.page.getByRole('heading', { name: 'Không tìm thấy bài viết' }).waitFor();
        await second.page.getByText('Bài này chưa được tải về máy.').waitFor();
        await second.page.getByRole('button', { name: 'Tải tin mới để tìm bài này' }).waitFor();
        await second.context.setOffline(true);
        await second.page.getByText('Khi có mạng, hãy mở lại đường dẫn này để tải bài.').waitFor();
      } finally {
        await second.close();
      }
    } finally {
      await server.stop();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
