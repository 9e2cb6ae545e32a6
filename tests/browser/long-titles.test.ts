import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { waitForArticles } from './harness';
import { FEED_PATH } from './network-helpers';

// A wire story's headline pasted with its lead into the title field: 500 characters, as a provincial paper's feed had one.
const LONG_TITLE = (
  'Người dân xã vùng cao huyện Mường Nhé tỉnh Điện Biên vui mừng đón nhận con đường bê tông mới nối liền bản ' +
  'với trung tâm xã sau nhiều năm chờ đợi, các em học sinh không còn phải lội bùn đến trường mỗi mùa mưa lũ, ' +
  'bà con mang nông sản ra chợ phiên dễ dàng hơn, giá bán ngô và sắn tăng thêm vài trăm đồng mỗi cân nhờ xe ' +
  'tải vào tận bản, chính quyền địa phương cho biết sẽ tiếp tục vận động nhân dân hiến đất làm thêm ba tuyến ' +
  'đường liên thôn trong năm tới để không còn bản nào bị chia cắt khi mùa mưa đến và đường sạt lở hàng tuần'
).slice(0, 500);

/** How many lines of its own line height an element's text takes on screen. */
function linesOf(el: Element): number {
  const style = getComputedStyle(el);
  return Math.round(el.getBoundingClientRect().height / parseFloat(style.lineHeight));
}

describe('a title of 500 characters at «Cực lớn» (360×740)', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  // The card's title ran to 24 lines (981 px): more than a whole screen for one article before the next one showed.
  it('shows at most seven lines of it on its card, beside the article before and after, and reads the whole to a screen reader', async () => {
    const { server } = app;
    const { page } = app.browser;
    const items = [0, 1, 2].map((n) => ({
      id: `duong-${n}`,
      title: n === 1 ? LONG_TITLE : `Đường lên bản ${n} đã xong`,
      content_html: '<p>Bà con đi lại dễ hơn.</p>',
      date_published: new Date(Date.UTC(2026, 10, 20 + n)).toISOString(),
    }));
    await server.route(FEED_PATH, { body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo xã', items }) });
    await page.goto(server.url);
    await waitForArticles(page, 3);
    await page.evaluate(() => localStorage.setItem('bao-preferences', JSON.stringify({ textSize: 4, theme: 'light', dataSaver: false })));
    await page.reload();
    await waitForArticles(page, 3);

    // Seven lines of the title at most, a third of the screen: the link holding it is cut there.
    const card = page.locator('.card-link', { hasText: LONG_TITLE.slice(0, 40) });
    const lineHeight = await card.locator('.card-title').evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    const shown = (await card.boundingBox())!.height;
    expect(Math.floor(shown / lineHeight)).toBeLessThanOrEqual(7);
    expect(shown).toBeLessThan(740 / 3);
    // The whole title is the link's name, as a screen reader reads it.
    await expect(page.getByRole('link', { name: LONG_TITLE, exact: true }).count()).resolves.toBe(1);

    // Opened from the article after it in the list, the long one is named in «Bài trước» and «Các tin khác».
    await page.locator('.card-link', { hasText: 'Đường lên bản 0' }).click();
    await page.waitForURL(/duong-0/);
    const neighbour = page.locator('.neighbour-title', { hasText: LONG_TITLE.slice(0, 40) });
    await neighbour.waitFor();
    expect(await neighbour.evaluate(linesOf)).toBeLessThanOrEqual(3);
    const related = page.locator('.related a', { hasText: LONG_TITLE.slice(0, 40) });
    expect(await related.evaluate(linesOf)).toBeLessThanOrEqual(3);
    expect(await page.getByRole('link', { name: LONG_TITLE, exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: `‹ Bài trước ${LONG_TITLE}`, exact: true }).count()).toBe(1);
  });
});
