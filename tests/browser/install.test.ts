import { describe, expect, it } from 'vitest';
import { waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';

interface Manifest {
  name: string;
  short_name: string;
  lang: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; purpose?: string }[];
  shortcuts: { name: string; url: string }[];
}

describe('installing the app', () => {
  const app = appUnderTest();

  it('has a manifest Chromium finds nothing to object to', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    const cdp = await app.browser.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);

    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = (await (await fetch(new URL(href!, app.server.url))).json()) as Manifest;
    expect(manifest).toMatchObject({ short_name: 'Báo Offline', lang: 'vi', start_url: '/', scope: '/', display: 'standalone' });
    expect(manifest.name).toMatch(/^Báo Offline/);
    expect(manifest.theme_color).toMatch(/^#/);
    expect(manifest.background_color).toMatch(/^#/);
    const icons = manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`);
    expect(icons).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    for (const icon of manifest.icons) expect((await fetch(new URL(icon.src, app.server.url))).status).toBe(200);
    expect(manifest.shortcuts.map((s) => [s.name, s.url])).toEqual([
      ['Tin mới', '/'],
      ['Đã lưu', '/da-luu'],
    ]);
  });

  it('shows «Cài ứng dụng» when Chromium offers installing, and hides it once installed', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    // The real beforeinstallprompt: the manifest and service worker are enough for Chromium.
    const button = page.getByRole('button', { name: 'Cài ứng dụng' });
    await button.waitFor({ timeout: 20_000 });
    await page.evaluate(() => dispatchEvent(new Event('appinstalled')));
    await button.waitFor({ state: 'detached' });
  });

  it('offers it among the articles, covering nothing, and respects «Để sau» for weeks, not for the tab', async () => {
    const page = await app.browser.context.newPage();
    // Notes each offer Chromium makes, so the test waits for the offer rather than a while.
    await page.addInitScript(() => addEventListener('beforeinstallprompt', () => ((window as { __offers?: number }).__offers = ((window as { __offers?: number }).__offers ?? 0) + 1)));
    const offered = () => page.waitForFunction(() => ((window as { __offers?: number }).__offers ?? 0) > 0, undefined, { timeout: 20_000 });
    await page.goto(app.server.url);
    const offer = page.locator('.install-offer');
    await offer.waitFor({ timeout: 20_000 });
    expect(await offer.evaluate((el) => getComputedStyle(el).position)).toBe('static');
    // Below the first rows of the list, not over them.
    expect(await offer.evaluate((el) => el.previousElementSibling?.querySelectorAll('.card').length)).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Để sau' }).click();
    await offer.waitFor({ state: 'detached' });
    await page.reload();
    await offered();
    await waitForArticles(page, 20);
    expect(await offer.count()).toBe(0);

    // A month later the offer comes back once.
    await page.evaluate(() => localStorage.setItem('bao-install-later', new Date(Date.now() - 31 * 86_400_000).toISOString()));
    await page.reload();
    await offer.waitFor({ timeout: 20_000 });
    await page.close();
  });

  /** A page where the browser never offers installing, as on iPhone or an installed app. */
  async function pageWithoutInstallOffer(userAgent?: string) {
    const page = await app.browser.context.newPage();
    await page.addInitScript((ua) => {
      // Noted as it is kept from the app, so a test can wait for the moment an offer would have come.
      addEventListener(
        'beforeinstallprompt',
        (e) => {
          e.stopImmediatePropagation();
          (window as { __withheld?: boolean }).__withheld = true;
        },
        { capture: true },
      );
      if (ua) Object.defineProperty(navigator, 'userAgent', { value: ua });
    }, userAgent);
    return page;
  }

  it('shows nothing where installing is not possible', async () => {
    const page = await pageWithoutInstallOffer();
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await page.waitForFunction(() => (window as { __withheld?: boolean }).__withheld === true, undefined, { timeout: 20_000 });
    await waitForArticles(page, 20);
    expect(await page.locator('.install-offer').count()).toBe(0);
    await page.close();
  });

  it('tells iPhone Safari readers how to add it to the home screen', async () => {
    const page = await pageWithoutInstallOffer(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    );
    await page.goto(app.server.url);
    await page.getByText('Trên iPhone: bấm Chia sẻ rồi chọn «Thêm vào MH chính».').waitFor();
    expect(await page.getByRole('button', { name: 'Cài ứng dụng' }).count()).toBe(0);
    await page.close();
  });
});
