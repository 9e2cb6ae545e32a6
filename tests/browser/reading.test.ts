import { beforeAll, describe, expect, it } from 'vitest';
import { launch, suppressInstallOffer, startServer, waitForArticles, waitForServiceWorker, waitForSteadyPosition } from './harness';
import { appUnderTest } from './app-under-test';
import { openSettled } from './network-helpers';

const SEED_ID = 'son-la-dan-van-kheo-2023-02-06';
const SEED_IMAGE = '/sample/img/stilt-village-480.webp';

describe('reading comfort', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  beforeAll(async () => {
    await app.browser.page.goto(app.server.url);
    await waitForServiceWorker(app.browser.page);
    await waitForArticles(app.browser.page, 20);
  });

  it('remembers text size and theme across a reload', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}/cai-dat`);
    const rootFontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const before = await rootFontSize();
    await page.getByRole('radio', { name: 'Rất lớn' }).check();
    await page.getByRole('radio', { name: 'Tối' }).check();
    expect(await rootFontSize()).toBeCloseTo(before * 1.3, 1);

    await page.reload();
    await page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
    expect(await rootFontSize()).toBeCloseTo(before * 1.3, 1);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.getByRole('radio', { name: 'Rất lớn' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Tối' }).isChecked()).toBe(true);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(18, 20, 19)');

    await page.getByRole('radio', { name: 'Vừa' }).check();
    await page.getByRole('radio', { name: 'Theo máy' }).check();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
  });

  it('returns to the same place in the list on Back', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    await page.getByRole('button', { name: 'Xem thêm tin cũ hơn' }).click();
    await waitForArticles(page, 30);
    const row = page.locator('[data-scroll-anchor]').nth(25);
    await row.scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, -120);
    const anchor = `[data-scroll-anchor="${await row.getAttribute('data-scroll-anchor')}"]`;
    const topBefore = await waitForSteadyPosition(page, anchor);
    const title = await row.locator('.card-title').textContent();

    await row.locator('.card-link').click();
    await page.waitForSelector('h1.article-title');
    expect(await page.locator('h1.article-title').textContent()).toBe(title);
    await page.goBack();
    await waitForArticles(page, 30);
    const topAfter = await waitForSteadyPosition(page, anchor);
    expect(Math.abs(topAfter - topBefore)).toBeLessThan(2);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(1000);
  });

  it('reads aloud with a Vietnamese voice, with pause and resume, and hides the button without one', async () => {
    const page = await app.browser.context.newPage();
    await page.addInitScript(() => {
      const calls: string[] = [];
      let voices: { lang: string; name: string; localService: boolean }[] = [{ lang: 'en-US', name: 'English', localService: true }];
      const target = new EventTarget();
      const fake = Object.assign(target, {
        getVoices: () => voices,
        speak: (u: { text: string }) => calls.push(`speak:${u.text}`),
        pause: () => calls.push('pause'),
        resume: () => calls.push('resume'),
        cancel: () => calls.push('cancel'),
      });
      class Utterance {
        voice: unknown;
        lang = '';
        onend: unknown;
        onerror: unknown;
        constructor(public text: string) {}
      }
      Object.defineProperty(window, 'speechSynthesis', { value: fake });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance });
      Object.assign(window, {
        __speech: calls,
        // Voices arrive later, as in Chrome.
        __addVietnamese: () => {
          voices = [...voices, { lang: 'vi-VN', name: 'Tiếng Việt', localService: true }];
          target.dispatchEvent(new Event('voiceschanged'));
        },
      });
    });
    await page.goto(`${app.server.url}/bai/${SEED_ID}`);
    await page.waitForSelector('h1.article-title');
    const readButton = page.getByRole('button', { name: 'Đọc bài' });
    expect(await readButton.count()).toBe(0);

    await page.evaluate(() => (window as unknown as { __addVietnamese(): void }).__addVietnamese());
    await readButton.click();
    await page.getByRole('button', { name: 'Tạm dừng đọc' }).click();
    await page.getByRole('button', { name: 'Đọc tiếp' }).click();
    await page.getByRole('button', { name: 'Dừng đọc', exact: true }).click();
    const calls = await page.evaluate(() => (window as unknown as { __speech: string[] }).__speech);
    const spoken = calls.filter((c) => c.startsWith('speak:')).map((c) => c.slice('speak:'.length));
    expect(spoken[0]).toContain('Dân vận khéo');
    expect(spoken.length).toBeGreaterThan(5);
    for (const chunk of spoken) expect(chunk.length).toBeLessThanOrEqual(200);
    expect(calls.filter((c) => !c.startsWith('speak:'))).toEqual(['cancel', 'pause', 'resume', 'cancel']);
    await page.close();
  });

  it('marks opened articles read in the list, and unread again on request', async () => {
    const { page } = app.browser;
    const UNOPENED_ID = 'kham-benh-bang-can-cuoc-gan-chip-2023-04-26';
    const card = () => page.locator('.card', { has: page.locator(`a[href="/bai/${UNOPENED_ID}"]`) });
    // Settled first: a click while the first refresh redraws the list can land between rows.
    await openSettled(page, app.server.url);
    expect(await card().getByText('Đã đọc').count()).toBe(0);
    await card().locator('.card-link').click();
    await page.waitForSelector('h1.article-title');
    await page.goBack();
    await card().getByText('Đã đọc').waitFor();

    await page.goto(`${app.server.url}/bai/${UNOPENED_ID}`);
    await page.getByRole('button', { name: 'Đánh dấu chưa đọc' }).click();
    await page.getByRole('button', { name: 'Đánh dấu đã đọc' }).waitFor();
    await page.getByRole('link', { name: 'Tin mới' }).click();
    await waitForArticles(page, 20);
    expect(await card().getAttribute('class')).toBe('card');
    expect(await card().getByText('Đã đọc').count()).toBe(0);
  });

  it('in data-saver mode shows no pictures until tapped, and keeps none', async () => {
    const page = await app.browser.context.newPage();
    await page.goto(`${app.server.url}/cai-dat`);
    await page.getByRole('checkbox', { name: 'Tiết kiệm dữ liệu' }).check();
    const image = '/sample/img/coffee-cherries-480.webp';
    // Earlier tests may have shown this picture; start from an empty picture cache.
    await page.evaluate(() => caches.delete('bao-images'));
    const pictures: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'image') pictures.push(new URL(request.url()).pathname);
    });

    await page.goto(app.server.url);
    await waitForArticles(page, 20);
    expect(await page.locator('.article-list img').count()).toBe(0);

    await page.goto(`${app.server.url}/bai/ca-phe-mai-son-vao-vu-thu-hoach-2022-11-03`);
    await page.waitForSelector('h1.article-title');
    expect(await page.locator('main img').count()).toBe(0);
    // Every request the page was going to make has been made once the network is quiet.
    await page.locator('.article-body button.deferred-image').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(pictures.filter((p) => p.startsWith('/sample/'))).toEqual([]);

    await page.locator('.article-body button.deferred-image').first().click();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.article-body img');
      return img?.complete && img.naturalWidth > 0;
    });
    expect(pictures.filter((p) => p.startsWith('/sample/'))).toEqual([image]);
    const kept = await page.evaluate(async (path) => Boolean(await caches.match(new URL(path, location.href).href)), image);
    expect(kept).toBe(false);

    await page.goto(`${app.server.url}/cai-dat`);
    await page.getByRole('checkbox', { name: 'Tiết kiệm dữ liệu' }).uncheck();
    await page.close();
  });

  it('keeps saved articles, with their pictures, through a refresh that drops them and offline', async () => {
    const { page } = app.browser;
    await page.goto(`${app.server.url}/bai/${SEED_ID}`);
    await page.getByRole('button', { name: 'Lưu bài' }).click();
    await page.getByRole('button', { name: 'Đã lưu' }).waitFor();
    await page.waitForFunction(
      async (path) => Boolean(await (await caches.open('bao-saved-images')).match(new URL(path, location.href).href)),
      SEED_IMAGE,
    );

    // The feed moves on: one new article, the saved one gone from it.
    await app.server.route('/sample/feed.json', {
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Báo mẫu',
        items: [{ id: 'tin-moi-nhat', title: 'Tin mới nhất hôm nay', content_text: 'Nội dung.', date_published: '2031-01-01T00:00:00Z' }],
      }),
    });
    await page.goto(app.server.url);
    await page.getByRole('button', { name: 'Làm mới' }).click();
    await page.waitForFunction(() => document.querySelector('.article-list .card-title')?.textContent === 'Tin mới nhất hôm nay', undefined, {
      timeout: 20_000,
    });

    await page.getByRole('link', { name: 'Đã lưu' }).click();
    await page.getByRole('heading', { name: 'Đã lưu' }).waitFor();
    await page.locator('.article-list .card-title', { hasText: 'Dân vận khéo' }).waitFor();

    // Offline, with the general picture cache gone (as after a quota purge).
    await page.evaluate(() => caches.delete('bao-images'));
    await app.server.stop();
    await page.goto(`${app.server.url}/bai/${SEED_ID}`);
    await page.waitForSelector('h1.article-title');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.article-body img');
      return img?.complete && img.naturalWidth > 0;
    });

    // Unsaving lets the pictures go.
    await page.getByRole('button', { name: 'Đã lưu' }).click();
    await page.waitForFunction(async () => (await (await caches.open('bao-saved-images')).keys()).length === 0);
  });
});

describe('a phone that asks to save data', () => {
  it('starts in data-saver mode: no pictures in the list, the setting already on', async () => {
    const server = await startServer();
    const browser = await launch();
    try {
      await suppressInstallOffer(browser.context);
      // What Chrome on Android reports with Lite mode on a 2G link.
      await browser.context.addInitScript(() =>
        Object.defineProperty(navigator, 'connection', { value: { saveData: true, effectiveType: '2g' } }),
      );
      const { page } = browser;
      await page.goto(server.url);
      await waitForArticles(page, 20);
      expect(await page.locator('.article-list img').count()).toBe(0);
      await page.getByRole('link', { name: 'Cài đặt' }).click();
      expect(await page.getByRole('checkbox', { name: 'Tiết kiệm dữ liệu' }).isChecked()).toBe(true);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
