import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readInPage, snapshotSaved, waitForArticles, waitForServiceWorker } from './harness';
import { appUnderTest } from './app-under-test';
import { FEED_PATH, putMeta, refreshAndWaitFor } from './network-helpers';
import { searchTitles } from './screen-helpers';

const KEPT = { id: 'che-ta-xua', title: 'Chè shan tuyết Tà Xùa vào mùa hái', body: 'Người Mông hái chè shan tuyết trên núi Tà Xùa từ tờ mờ sáng.' };
const REMOVED = { id: 'man-moc-chau', title: 'Mận hậu Mộc Châu được mùa', body: 'Nhà vườn ở Mộc Châu bán mận hậu ngay tại vườn.' };
const ADDED = { id: 'dieu-binh-phuoc', title: 'Hạt điều rang muối Bình Phước', body: 'Hạt điều rang muối được bán ở chợ phiên.' };

const SENTENCES = [
  'Bà con trong bản họp bàn việc làm đường liên thôn trước mùa mưa.',
  'Trường tiểu học mở thêm lớp học buổi chiều cho các em ở xa.',
  'Hợp tác xã giúp nông dân bán lúa gạo với giá ổn định hơn năm ngoái.',
  'Trạm y tế xã khám bệnh miễn phí cho người cao tuổi vào cuối tuần.',
  'Thanh niên tình nguyện sửa nhà văn hoá và trồng cây dọc đường làng.',
];

type Item = { id: string; title: string; body: string; published?: string };

/** Thirty articles of everyday news, with the one kept and the one removed later among them; published in May 2023, an hour apart. */
function firstEdition(): Item[] {
  const filler = Array.from({ length: 28 }, (_, i) => ({
    id: `tin-ban-${i}`,
    title: `Tin bản số ${i}`,
    body: Array.from({ length: 12 }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]).join(' '),
  }));
  return [KEPT, REMOVED, ...filler].map((it, i) => ({ ...it, published: new Date(Date.UTC(2023, 4, 30) - i * 3_600_000).toISOString() }));
}

function feed(items: Item[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Báo thử nghiệm',
    items: items.map((it) => ({
      id: it.id,
      title: it.title,
      content_html: `<p>${it.body}</p>`,
      date_published: it.published,
    })),
  });
}

/** The keys of the stored position pages: the same keys, the same pages (a save writes new ones under a new prefix). */
function pageKeys(page: Page): Promise<string[]> {
  return readInPage(page, async (db, _arg, request) =>
    (await request(db.transaction('search').objectStore('search').getAllKeys())).map(String).filter((k) => k.startsWith('articles/pos/')),
  );
}

/** Drops the saved index, and makes one stored article look downloaded years ago, so «keep 1 month» removes it. */
function dropSnapshot(page: Page): Promise<void> {
  return readInPage(page, async (db, _arg, request) => {
    await request(db.transaction('search', 'readwrite').objectStore('search').delete('articles'));
  });
}
function age(page: Page, id: string): Promise<void> {
  return readInPage(
    page,
    async (db, articleId, request) => {
      const store = db.transaction('articles', 'readwrite').objectStore('articles');
      const article = (await request(store.get(articleId))) as Record<string, unknown>;
      await request(store.put({ ...article, fetchedAt: Date.UTC(2020, 0, 1) }));
    },
    id,
  );
}

describe('the saved search index, its positions in pages, after a refresh', () => {
  const app = appUnderTest({ hideInstallOffer: true });

  it('is read back offline as saved: the articles the refresh added are found, those it removed are not, the others still are, with no rebuild', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, { body: feed(firstEdition()) });
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 20);
    // Positions saved apart above 0 bytes, as an archive of more than about 20,000 articles has them; the index
    // dropped, so that the worker builds and saves it again that way.
    await putMeta(page, 'searchPagesAbove', 0);
    await dropSnapshot(page);
    await page.reload();
    await expect.poll(() => page.evaluate(snapshotSaved), { timeout: 30_000, interval: 250 }).toBe(true);
    const pagesBefore = await pageKeys(page);
    expect(pagesBefore).not.toEqual([]);

    // A refresh brings one new article and, with «keep 1 month», removes the one downloaded long ago.
    await putMeta(page, 'keepMonths', 1);
    await age(page, REMOVED.id);
    await app.server.route(FEED_PATH, { body: feed([{ ...ADDED, published: '2023-06-01T08:00:00Z' }, ...firstEdition()]) });
    await refreshAndWaitFor(page, 'Cập nhật lúc');
    await expect.poll(() => page.evaluate(snapshotSaved), { timeout: 30_000, interval: 250 }).toBe(true);
    // Saved without writing the positions again: the stored pages are the same, the change is in the snapshot.
    expect(await pageKeys(page)).toEqual(pagesBefore);

    await app.server.stop();
    await page.goto(`${app.server.url}/tim-kiem`);
    await page.waitForSelector('#search-input');
    expect(await searchTitles(page, 'hat dieu rang muoi')).toEqual([ADDED.title]);
    expect(await searchTitles(page, 'man hau moc chau')).toEqual([]);
    expect(await page.locator('.search-count').textContent()).toBe('');
    expect(await page.locator('.no-results').textContent()).toContain('Không tìm thấy kết quả cho “man hau moc chau”');
    expect(await searchTitles(page, 'che shan tuyet ta xua')).toEqual([KEPT.title]);
    expect(await searchTitles(page, 'tin ban so 7')).toEqual(['Tin bản số 7']);
    // The worker said where its index came from: the saved snapshot as it was, not rebuilt or caught up from the articles.
    const ready = await page.evaluate(() => (performance.getEntriesByName('search-ready')[0] as PerformanceMark | undefined)?.detail as { source?: string } | undefined);
    expect(ready?.source).toBe('snapshot');
    expect(await page.locator('.notice[role="status"]').count()).toBe(0);
  });
});
