import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchKillable,
  listedTitles,
  newProfileDir,
  readInPage,
  startServer,
  saveOpenArticle,
  suppressInstallOffer,
  waitForArticles,
  type KillableBrowser,
  type TestServer,
} from './harness';
import { FEED_PATH, openSettled, quiet, refreshAndWaitFor } from './network-helpers';

/**
 * Issue 14: the browser is killed (SIGKILL, Chromium and all its processes) at
 * chosen points of a refresh that merges a few thousand articles, then reopened
 * on the same profile. The reader must find the feed from before the refresh
 * or the one it brought, whole, never a mix; saved articles and read marks as
 * they were.
 */

const BASE = 3_000;
/** Each edition drops this many articles the one before listed (they stay on the phone, as dropped articles do)… */
const DROPPED = 20;
/** …and adds this many, older than the rest, so the top of the list is the same articles in every edition. */
const ADDED = 100;
/** Every article of an edition differs from the one before (its title says which edition it is). */
const CHANGED = BASE - DROPPED + ADDED;

const pad = (n: number) => String(n).padStart(4, '0');
const baseId = (i: number) => `bai-${pad(i)}`;
const addedId = (edition: number, j: number) => `moi-${edition}-${pad(j)}`;
const droppedBy = (edition: number) => Array.from({ length: DROPPED }, (_, k) => 1_000 + (edition - 2) * DROPPED + k);

const NOW = Date.now();
const MINUTE = 60_000;

interface Item {
  id: string;
  title: string;
  content_text: string;
  date_published: string;
  tags: string[];
}

/** Edition 1 is BASE articles; each later one drops DROPPED of them and adds ADDED new ones. */
function edition(n: number): Item[] {
  const dropped = new Set(n > 1 ? droppedBy(n) : []);
  const items: Item[] = [];
  const add = (id: string, label: string, minutesAgo: number) =>
    items.push({
      id,
      title: `${label} (bản ${n})`,
      content_text: `${label}, bản ${n}: huyện vùng cao mở thêm điểm trường, bà con góp công dựng lớp học.`,
      date_published: new Date(NOW - minutesAgo * MINUTE).toISOString(),
      tags: [`Chủ đề ${minutesAgo % 20}`],
    });
  for (let i = 0; i < BASE; i++) if (!dropped.has(i)) add(baseId(i), `Tin số ${i}`, i);
  if (n > 1) for (let j = 0; j < ADDED; j++) add(addedId(n, j), `Tin thêm ${n}-${j}`, BASE + n * ADDED + j);
  return items;
}

const feedOf = (n: number) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo lớn', items: edition(n) });

/** Which edition of each article the phone holds: the last edition that listed it. */
type Model = Map<string, number>;
function withEdition(model: Model, n: number): Model {
  const next = new Map(model);
  for (const item of edition(n)) next.set(item.id, n);
  return next;
}

/** Read before the refresh, kept as they were: opened (so read) and saved. */
const SAVED = [1, 2];
const READ = [0, 1, 2, 3];
/** Articles opened to see which edition each shows; never saved ones, which show the saved copy. */
const PROBED_BASE = [0, 3, 250, 700, 999, 1_500, 2_000, 2_500, 2_999];

interface Seen {
  count: string;
  /** The top of the list; which of its articles say «Đã đọc». */
  top: string[];
  readOnTop: string[];
  saved: string[];
  /** Title shown for each probed article, or absent. */
  articles: Record<string, string>;
}

async function probeArticle(page: Page, url: string, id: string): Promise<string> {
  await page.goto(`${url}/bai/${id}`);
  const heading = page.locator('h1.article-title, h1:text-is("Không tìm thấy bài viết")').first();
  await heading.waitFor({ timeout: 30_000 });
  const title = (await heading.textContent()) ?? '';
  return title === 'Không tìm thấy bài viết' ? 'absent' : title;
}

/** What the reader sees of the articles through the app: the count, the list, the saved list, chosen articles. */
async function whatTheReaderSees(page: Page, url: string, probed: readonly string[]): Promise<Seen> {
  await page.goto(`${url}/cai-dat`);
  const usage = (await page.locator('.storage-usage', { hasText: 'bài trên máy' }).textContent({ timeout: 30_000 })) ?? '';
  await page.goto(url);
  await waitForArticles(page, 20);
  const cards = page.locator('.article-list .card');
  const top = (await listedTitles(page)).slice(0, 20);
  const readOnTop = await cards.filter({ has: page.locator('.read-mark') }).locator('.card-title').allTextContents();
  await page.goto(`${url}/da-luu`);
  await page.locator('#saved-title').waitFor();
  await waitForArticles(page, 1);
  const saved = (await listedTitles(page)).sort();
  const articles: Record<string, string> = {};
  for (const id of probed) articles[id] = await probeArticle(page, url, id);
  return { count: /^[\d.]+ bài trên máy/.exec(usage)?.[0] ?? usage, top, readOnTop: readOnTop.filter((t) => top.includes(t)), saved, articles };
}

/** What the reader should see if the phone holds `model`. */
function expected(model: Model, probed: readonly string[]): Seen {
  const title = (id: string) => {
    const n = model.get(id);
    if (n === undefined) return 'absent';
    const [, kind, a, b] = /^(bai|moi)-(\d+)(?:-(\d+))?$/.exec(id)!;
    const label = kind === 'bai' ? `Tin số ${Number(a)}` : `Tin thêm ${Number(a)}-${Number(b)}`;
    return `${label} (bản ${n})`;
  };
  const top = Array.from({ length: 20 }, (_, i) => title(baseId(i)));
  return {
    count: `${model.size.toLocaleString('vi-VN')} bài trên máy`,
    top,
    readOnTop: READ.map((i) => title(baseId(i))),
    // As saved, from edition 1, whatever the feed did since.
    saved: SAVED.map((i) => `Tin số ${i} (bản 1)`),
    articles: Object.fromEntries(probed.map((id) => [id, title(id)])),
  };
}

interface MergeState {
  gen: number;
  overlay?: number;
  staged: number;
}

type KillPoint = 'staging' | 'before-commit' | 'after-commit' | 'folding';

/**
 * Returns once the refresh started after `genBefore` has reached `point`, and
 * keeps it there until the kill: the page holds a read transaction open (a
 * request after each answer), which a write to the same store waits behind.
 * - staging: 250 records staged; the commit (a write to `meta`) held back.
 * - before-commit: every changed record staged; the commit held back.
 * - after-commit: committed (the store has announced it), the fold's first
 *   chunk (a write to `staging`) held back.
 * - folding: half the records folded into `articles`; nothing held.
 */
function waitForPoint(page: Page, point: KillPoint, genBefore: number): Promise<MergeState> {
  return readInPage(
    page,
    async (db, { point, genBefore, changed }, request) => {
      const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
      const deadline = performance.now() + 120_000;
      const hold = (store: string) => {
        let held = true;
        const spin = (objectStore: IDBObjectStore) => {
          if (held) objectStore.getKey(IDBKeyRange.only(0)).onsuccess = () => spin(objectStore);
        };
        spin(db.transaction(store).objectStore(store));
        return () => (held = false);
      };
      const generation = async () => ((await request(db.transaction('meta').objectStore('meta').get('stagingGen'))) as number | undefined) ?? 0;
      // Only `staging` is read while `meta` is held: a new read of `meta` would queue behind the held-back commit.
      const staged = (gen: number) => request(db.transaction('staging').objectStore('staging').count(IDBKeyRange.bound([gen], [gen, []])));
      const until = async <T,>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
        for (;;) {
          const value = await read();
          if (done(value)) return value;
          if (performance.now() > deadline) throw new Error(`missed ${point}: ${JSON.stringify(value)}`);
          await tick();
        }
      };

      if (point === 'folding') {
        const state = async () => {
          const tx = db.transaction(['meta', 'staging']);
          const gen = ((await request(tx.objectStore('meta').get('stagingGen'))) as number | undefined) ?? 0;
          const overlay = ((await request(tx.objectStore('meta').get('overlay'))) as { gen: number } | undefined)?.gen;
          return { gen, overlay, staged: await request(tx.objectStore('staging').count(IDBKeyRange.bound([gen], [gen, []]))) };
        };
        return until(state, (s) => s.gen > genBefore && s.overlay === s.gen && s.staged <= changed / 2);
      }
      // The refresh has taken its generation (its last write to `meta` before the commit): the commit is held from here.
      const gen = await until(generation, (g) => g > genBefore);
      const releaseMeta = hold('meta');
      const count = await until(() => staged(gen), (n) => n >= (point === 'staging' ? 250 : changed));
      if (point !== 'after-commit') return { gen, staged: count };
      const announced = new Promise<void>((resolve) => {
        const channel = new BroadcastChannel('bao-articles');
        channel.onmessage = () => {
          channel.close();
          resolve();
        };
      });
      hold('staging');
      releaseMeta();
      await announced;
      return { gen, overlay: gen, staged: count };
    },
    { point, genBefore, changed: CHANGED },
  );
}

/** The list, where «Làm mới» is. */
async function toList(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForArticles(page, 20);
}

const stagingGen = (page: Page) =>
  readInPage(page, async (db, _, request) => ((await request(db.transaction('meta').objectStore('meta').get('stagingGen'))) as number | undefined) ?? 0);

describe('a browser killed in the middle of a big merge', () => {
  let server: TestServer;
  let profile: string;
  let browser: KillableBrowser | undefined;

  beforeAll(async () => {
    server = await startServer();
    profile = await newProfileDir();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(profile, { recursive: true, force: true });
  });

  const open = async () => {
    browser = await launchKillable(profile);
    await suppressInstallOffer(browser.context);
    return browser.page;
  };

  it('reopens on the old feed or the new one, whole, with saved articles and read marks as they were', async () => {
    await server.route(FEED_PATH, { body: feedOf(1) });
    let page = await open();
    await openSettled(page, server.url);
    for (const i of READ) {
      await page.goto(`${server.url}/bai/${baseId(i)}`);
      if (SAVED.includes(i)) {
        await saveOpenArticle(page);
      } else await page.locator('h1.article-title').waitFor();
    }

    let model: Model = withEdition(new Map(), 1);
    const probedBase = PROBED_BASE.map(baseId);
    expect(await whatTheReaderSees(page, server.url, probedBase)).toEqual(expected(model, probedBase));

    const points: KillPoint[] = ['staging', 'before-commit', 'after-commit', 'folding'];
    const outcomes: string[] = [];
    for (const [k, point] of points.entries()) {
      const n = k + 2;
      await server.route(FEED_PATH, { body: feedOf(n) });
      await toList(page, server.url);
      await quiet(page);
      const genBefore = await stagingGen(page);
      await page.getByRole('button', { name: 'Làm mới' }).click();
      const state = await waitForPoint(page, point, genBefore);
      await browser!.kill();

      // Reopened with the feed unchanged since, so no refresh on opening can change what the crash left.
      await server.route(FEED_PATH, { status: 304 });
      page = await open();
      const probed = [...probedBase, baseId(droppedBy(n)[0]!), addedId(n, 0), addedId(n, ADDED - 1)];
      const seen = await whatTheReaderSees(page, server.url, probed);
      const before = expected(model, probed);
      const after = withEdition(model, n);
      const old = JSON.stringify(seen) === JSON.stringify(before);
      const whole = JSON.stringify(seen) === JSON.stringify(expected(after, probed));
      outcomes.push(`${point} ${JSON.stringify(state)}: ${old ? 'old' : whole ? 'new' : 'MIX'}`);
      // Neither the old feed nor the new one: show the difference from the one it should be.
      const committed = point === 'after-commit' || point === 'folding';
      if (!old && !whole) expect(seen, outcomes.join('\n')).toEqual(committed ? expected(after, probed) : before);
      // Killed before its commit the refresh cannot have landed, however little was left; after it, it has.
      expect(committed ? whole : old, outcomes.join('\n')).toBe(true);
      if (whole) model = after;
    }

    // The next refresh finishes what the last crash left (the fold) and the phone holds the last edition, whole.
    const last = points.length + 1;
    await server.route(FEED_PATH, { body: feedOf(last) });
    await toList(page, server.url);
    await refreshAndWaitFor(page, 'Cập nhật lúc', { timeout: 120_000 });
    const probed = [...probedBase, addedId(last, 0)];
    expect(await whatTheReaderSees(page, server.url, probed)).toEqual(expected(withEdition(model, last), probed));
  }, 600_000);
});
