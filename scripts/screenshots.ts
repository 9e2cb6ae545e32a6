// Screenshots of the production build at 360×740 (a common cheap Android
// screen), light and dark, at the default text size and at «Cực lớn», for the
// README: docs/screenshots/<screen>-<theme>.png and <screen>-<theme>-xl.png.
//
// Usage: npm run build && npm run screenshots
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launch, startServer, suppressInstallOffer, waitForArticles, waitForServiceWorker } from '../tests/browser/harness';

const OUT = 'docs/screenshots';
const SEED = '/bai/son-la-dan-van-kheo-2023-02-06';
const ALSO_SAVED = '/bai/xoai-yen-chau-dau-qua-2023-04-03';
const SECTION = `/chuyen-muc/${encodeURIComponent('Nông nghiệp')}`;

interface Shot {
  name: string;
  path: string;
  /** After the page opened: get the screen into the state to show. */
  prepare?: (page: Page) => Promise<void>;
  /** Also taken at «Cực lớn». */
  largeText?: boolean;
}

const SHOTS: Shot[] = [
  { name: 'list', path: '/', prepare: (page) => waitForArticles(page, 10), largeText: true },
  {
    name: 'article',
    path: SEED,
    prepare: (page) => page.waitForSelector('h1.article-title').then(() => undefined),
    largeText: true,
  },
  { name: 'section', path: SECTION, prepare: (page) => waitForArticles(page, 3), largeText: true },
  {
    name: 'share',
    path: SEED,
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Chia sẻ' }).click();
      await page.getByRole('dialog').waitFor();
    },
    largeText: true,
  },
  {
    name: 'search',
    path: '/tim-kiem?q=dan van kheo',
    prepare: (page) => page.locator('.search-results li').first().waitFor(),
    largeText: true,
  },
  { name: 'saved', path: '/da-luu', prepare: (page) => waitForArticles(page, 2) },
  { name: 'settings', path: '/cai-dat', prepare: (page) => page.getByRole('heading', { name: 'Đọc báo' }).waitFor() },
];

/** Index of the text size in Settings: «Vừa» (the default) and «Cực lớn». */
const TEXT_SIZES = [
  { index: 1, suffix: '' },
  { index: 4, suffix: '-xl' },
] as const;

async function save(page: Page, base: string, path: string): Promise<void> {
  await page.goto(base + path);
  await page.getByRole('button', { name: 'Lưu bài' }).click();
  await page.getByRole('button', { name: 'Đã lưu' }).waitFor();
}

await mkdir(OUT, { recursive: true });
const server = await startServer();
const browser = await launch({ viewport: { width: 360, height: 740 } });
try {
  const { page } = browser;
  // The install offer is not part of the screens shown.
  await suppressInstallOffer(browser.context);
  await page.goto(server.url);
  await waitForServiceWorker(page);
  await waitForArticles(page, 20);
  await save(page, server.url, ALSO_SAVED);
  await save(page, server.url, SEED);

  for (const size of TEXT_SIZES) {
    await page.evaluate(
      (textSize) => localStorage.setItem('bao-preferences', JSON.stringify({ textSize, theme: 'system', dataSaver: false })),
      size.index,
    );
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      for (const shot of SHOTS) {
        if (size.suffix && !shot.largeText) continue;
        await page.goto(server.url + shot.path);
        await shot.prepare?.(page);
        // Let fonts, pictures and the status line settle.
        await page.waitForLoadState('networkidle');
        const file = `${OUT}/${shot.name}-${theme}${size.suffix}.png`;
        await page.screenshot({ path: file });
        console.log(`wrote ${file}`);
      }
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
