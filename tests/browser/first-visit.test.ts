import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { emulateSlowPhone, firstVisitRecord, recordFirstVisit } from './slow-phone';

describe('a first visit on a slow phone (400 kbit/s, 400 ms, CPU 4× slower)', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('shows the first articles within 6 s, saying meanwhile that they are downloading, with progress', async () => {
    const { page, context } = app.browser;
    await recordFirstVisit(context);
    await emulateSlowPhone(context, page);
    await page.goto(app.server.url);
    const { firstArticleAt, screens } = await firstVisitRecord(page);

    expect(firstArticleAt).toBeLessThan(6_000);
    const waiting = screens.filter((s) => s.main.startsWith('Đang tải tin lần đầu…'));
    // Pages and bytes as they arrive, e.g. «Trang 1: 12 KB / 44 KB».
    expect(waiting.some((s) => /Trang 1: [\d,]+ (B|KB) \/ [\d,]+ KB/.test(s.main))).toBe(true);
    // Never the empty state that asks the reader to do something.
    expect(screens.filter((s) => s.main.includes('Hãy bấm'))).toEqual([]);
    // «Làm mới» shows it is busy (and cannot start a second download) while the first runs.
    expect(waiting.every((s) => s.button === 'Đang tải…')).toBe(true);
  });
});
