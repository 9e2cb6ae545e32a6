/**
 * Search in the real app with 50,000 articles stored, in Debian's Chromium
 * against the production build (npm run build):
 *
 *   npm run bench:search-browser [-- --articles N]
 *
 * The store is filled through the store's own merge (bench-fill-page.ts,
 * bundled here and run in a page of the app's origin) with the shared corpus
 * grown to N articles as `npm run bench:search` does (../shared/corpus; no
 * corpus, no figures). Then the app is opened on a search: time from
 * navigation to the first answer and until the whole index is built (no
 * snapshot yet), then, once its snapshot is saved, opened again: time to the
 * first answer from the snapshot; each time the search worker's JS heap (CDP
 * Runtime.getHeapUsage after a garbage collection); and the worker's own time
 * for known-item queries typed into the search field. Last, a refresh while
 * the app is open (50 new articles): how long until the worker has saved its
 * index again, and the most memory it held meanwhile. Then refreshes of 500
 * articles (as many as the worker applies one by one) until the positions
 * added since the pages were written are just under the share of them a
 * save appends up to (search-index.ts: ADDED_SHARE): the
 * largest second segment a save keeps beside the pages; the app is opened
 * again over it (time to the first answer, the worker's memory). And two more
 * refreshes past that share: the save writes everything again (time until
 * saved, the most memory the worker held). `--save-only` skips steps 2 and 3.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import { launch, snapshotSaved, startServer } from '../tests/browser/harness';
import { BenchInputError, readFeedArticles, readKnownItems, readScale, type KnownItem } from './bench-input';
import { scaled } from './corpus';
import type { Article } from '../src/shared/feed/types';
import { toSearchDoc } from '../src/shared/search/documents';
import { PAGE_BYTES } from '../src/shared/search/position-pages';
import * as engine from '../src/shared/search/search-index';

const CORPUS = '../shared/corpus';
const { values: args } = parseArgs({
  options: {
    feed: { type: 'string', default: `${CORPUS}/feed.json` },
    queries: { type: 'string', default: `${CORPUS}/queries.json` },
    articles: { type: 'string', default: '50000' },
    /** Only what saving and restoring cost: no reopening three times, no typed queries (steps 2 and 3). */
    'save-only': { type: 'boolean', default: false },
  },
});
/** Articles per call into the page: about 10 MB of text. */
const CHUNK = 2_500;

if (!existsSync('dist/index.html')) {
  console.error('bench:search-browser: run `npm run build` first.');
  process.exit(1);
}
if (args.feed === `${CORPUS}/feed.json` && !existsSync(args.feed)) {
  console.log(`bench:search-browser: no corpus at ${CORPUS} (give --feed and --queries); no figures.`);
  process.exit(0);
}

/**
 * The feed's articles as the app stores them (its parser), grown to N as
 * `bench:search --scale` does: synthetic articles get their text as paragraphs
 * of markup, as a news feed's bodies are.
 */
function input(): { articles: Article[]; queries: KnownItem[] } {
  const feed = readFeedArticles(args.feed);
  const queries = readKnownItems(args.queries, new Set(feed.articles.map((a) => a.id))).queries;
  const byId = new Map(feed.articles.map((a) => [a.id, a]));
  const docs = scaled(feed.articles.map(toSearchDoc), readScale(args.articles) ?? 50_000, new Set(queries.map((q) => q.target)));
  const articles = docs.map((d): Article => {
    const own = byId.get(d.id);
    if (own) return own;
    const { contentHtml: _html, contentText: _text, ...base } = byId.get(d.id.slice(0, d.id.lastIndexOf('~'))) as Article;
    const paragraphs = d.text.split('\n').map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
    return { ...base, id: d.id, published: d.published, contentHtml: paragraphs.join('') };
  });
  return { articles, queries };
}
let loaded: ReturnType<typeof input>;
try {
  loaded = input();
} catch (error) {
  if (!(error instanceof BenchInputError)) throw error;
  console.error(`bench:search-browser: ${error.message}`);
  process.exit(1);
}
const { articles, queries } = loaded;
const probe = queries[0] as KnownItem;
/** What the reader types: the folded phrase, or the phrase as given where a query set has no folded one. */
const typed = (q: KnownItem) => q.folded ?? q.exact ?? '';

/** The page-side filler as one classic script exposing `benchFill.store`. */
async function fillScript(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    build: { write: false, minify: false, lib: { entry: 'scripts/bench-fill-page.ts', formats: ['iife'], name: 'benchFill' } },
  });
  const result = Array.isArray(out) ? out[0] : out;
  if (!result || !('output' in result)) throw new Error('bench:search-browser: no bundle for bench-fill-page.ts');
  return result.output[0].code;
}

/**
 * Before any page script: note every message of the search worker, with its
 * time since navigation (answers and «ready», with where the index came from).
 */
function watchSearchWorker(): void {
  const log: Array<{ at: number; type: string; source?: string; articles?: number; first?: string; tookMs?: number; rankMs?: number }> = [];
  (window as unknown as { __searchLog: typeof log }).__searchLog = log;
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (event: MessageEvent) => {
        const m = event.data as { type: string; source?: string; articles?: number; rows?: Array<{ id: string }>; tookMs?: number; rankMs?: number };
        log.push({ at: performance.now(), type: m.type, source: m.source, articles: m.articles, first: m.rows?.[0]?.id, tookMs: m.tookMs, rankMs: m.rankMs });
      });
    }
  };
}

type LogEntry = { at: number; type: string; source?: string; articles?: number; first?: string; tookMs?: number; rankMs?: number };
const searchLog = (page: Page): Promise<LogEntry[]> => page.evaluate(() => (window as unknown as { __searchLog: LogEntry[] }).__searchLog);

/** Waits until the worker has answered and says its whole index is loaded; returns its log so far. */
async function untilLoaded(page: Page): Promise<LogEntry[]> {
  await page.waitForFunction(
    () => {
      const log = (window as unknown as { __searchLog: LogEntry[] }).__searchLog;
      return log.some((e) => e.type === 'ready' && e.source !== 'building') && log.some((e) => e.type === 'results');
    },
    undefined,
    { timeout: 30 * 60_000, polling: 200 },
  );
  return searchLog(page);
}

interface WorkerSession {
  call(method: string): Promise<Record<string, number>>;
  detach(): Promise<void>;
}

/** Attaches to the search worker once the page starts it (CDP, through the page's session); call before navigating. */
async function attachSearchWorker(cdp: CDPSession): Promise<WorkerSession> {
  // The newest search worker: the one of the page before may still be attached when this starts, and then go.
  let current: string | undefined;
  let waiting: Array<(sessionId: string) => void> = [];
  const onAttached = (e: { sessionId: string; targetInfo: { type: string; title: string } }) => {
    if (e.targetInfo.type !== 'worker' || e.targetInfo.title !== 'search') return;
    current = e.sessionId;
    waiting.splice(0).forEach((resolve) => resolve(e.sessionId));
  };
  const onDetached = (e: { sessionId: string }) => {
    if (e.sessionId === current) current = undefined;
  };
  cdp.on('Target.attachedToTarget', onAttached);
  cdp.on('Target.detachedFromTarget', onDetached);
  const session = (): Promise<string> => (current ? Promise.resolve(current) : new Promise((resolve) => waiting.push(resolve)));
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const call = async (method: string): Promise<Record<string, number>> => {
    const sessionId = await session();
    const id = nextCall++;
    try {
      return await new Promise((resolve, reject) => {
        const onMessage = (e: { sessionId: string; message: string }) => {
          const reply = JSON.parse(e.message) as { id?: number; result?: Record<string, number> };
          if (e.sessionId !== sessionId || reply.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve(reply.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch((error: unknown) => {
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          reject(error);
        });
      });
    } catch (error) {
      // That worker is gone: ask the next one.
      if (current === sessionId) current = undefined;
      if (!String(error).includes('No session')) throw error;
      return call(method);
    }
  };
  return {
    call,
    async detach() {
      cdp.off('Target.attachedToTarget', onAttached);
      cdp.off('Target.detachedFromTarget', onDetached);
      waiting = [];
      await cdp.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: false });
    },
  };
}
let nextCall = 1;

const usedMb = (usage: Record<string, number>) => ((usage.usedSize ?? NaN) + (usage.backingStorageSize ?? NaN)) / 1e6;

interface Open {
  log: LogEntry[];
  /** After a garbage collection once loaded: JS heap and array buffers, in MB. */
  memory: { heap: number; buffers: number };
  /** The most the worker held (heap and buffers, no collection forced) in samples every 250 ms until loaded. */
  peak: number;
}

/** Opens `url` and waits for the whole index, sampling the search worker's memory meanwhile. */
async function openAndMeasure(page: Page, cdp: CDPSession, url: string): Promise<Open> {
  const worker = await attachSearchWorker(cdp);
  await page.goto(url);
  let peak = 0;
  let loading = true;
  const sampling = (async () => {
    while (loading) {
      peak = Math.max(peak, usedMb(await worker.call('Runtime.getHeapUsage')));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const log = await untilLoaded(page);
  loading = false;
  await sampling;
  await worker.call('HeapProfiler.collectGarbage');
  const usage = await worker.call('Runtime.getHeapUsage');
  await worker.detach();
  return { log, memory: { heap: (usage.usedSize ?? NaN) / 1e6, buffers: (usage.backingStorageSize ?? NaN) / 1e6 }, peak };
}

/** The worker's own time on `query` pasted into the search field, and of it the ranking, in ms. */
async function workerTime(page: Page, query: string): Promise<{ workerMs: number; rankMs: number }> {
  await page.fill('#search-input', '');
  await page.waitForSelector('.search-count:empty');
  await page.evaluate(() => performance.clearMeasures('search-answer'));
  await page.fill('#search-input', query);
  await page.waitForFunction(() => performance.getEntriesByName('search-answer').length > 0, undefined, { timeout: 60_000 });
  return page.evaluate(() => (performance.getEntriesByName('search-answer')[0] as PerformanceMeasure).detail as { workerMs: number; rankMs: number });
}

/**
 * `query` typed key by key, 100 ms apart (a quick thumb); ms from the last
 * keystroke's input event to the list's count naming the whole query, on the
 * page's clock (a MutationObserver notes when it changes).
 */
async function typedUntilShown(page: Page, query: string): Promise<number> {
  await page.fill('#search-input', '');
  await page.waitForSelector('.search-count:empty');
  await page.evaluate(() => {
    const w = window as unknown as { __typed?: { last: number; shown: Array<[number, string]> } };
    if (!w.__typed) {
      const typed = { last: 0, shown: [] as Array<[number, string]> };
      w.__typed = typed;
      document.addEventListener('input', (e) => void (typed.last = e.timeStamp), true);
      new MutationObserver(() => typed.shown.push([performance.now(), document.querySelector('.search-count')?.textContent ?? ''])).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    }
    w.__typed.shown = [];
  });
  await page.type('#search-input', query, { delay: 100 });
  const quoted = `“${query.trim()}”`;
  await page.waitForFunction((q) => document.querySelector('.search-count')?.textContent?.includes(q) || document.querySelector('.no-results')?.textContent?.includes(q), quoted, { timeout: 60_000 });
  return page.evaluate((q) => {
    const typed = (window as unknown as { __typed: { last: number; shown: Array<[number, string]> } }).__typed;
    const at = typed.shown.find(([, text]) => text.includes(q))?.[0] ?? performance.now();
    return at - typed.last;
  }, quoted);
}

function describeOpen(label: string, { log, memory, peak }: Open): void {
  const firstAnswer = log.find((e) => e.type === 'results');
  const targetFirst = log.find((e) => e.type === 'results' && e.first === probe.target);
  const loaded = log.find((e) => e.type === 'ready' && e.source !== 'building');
  const ms = (e: LogEntry | undefined) => (e ? `${Math.round(e.at)} ms` : 'never');
  // The page asks again as the index grows: the worker's time on those answers is taken from the build.
  const answersBefore = log.filter((e) => e.type === 'results' && loaded !== undefined && e.at <= loaded.at);
  const answering = answersBefore.reduce((sum, e) => sum + (e.tookMs ?? 0), 0);
  const ranking = answersBefore.reduce((sum, e) => sum + (e.rankMs ?? 0), 0);
  console.log(
    `${label}: first answer ${ms(firstAnswer)}, ${answersBefore.length} answers while loading (${Math.round(answering)} ms of worker time, of it ranking ${Math.round(ranking)} ms), the known article first ${ms(targetFirst)}, whole index ${ms(loaded)} (${loaded?.source}, ${loaded?.articles} articles) after navigation; search worker memory ${(memory.heap + memory.buffers).toFixed(1)} MB (JS heap ${memory.heap.toFixed(1)}, array buffers ${memory.buffers.toFixed(1)}), peak while loading ${peak.toFixed(1)} MB; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
  );
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;

/** Known-item queries pasted, then typed key by key: the worker's time and the list's, then the worker's memory. */
async function typedQueries(page: Page, cdp: CDPSession, url: string): Promise<void> {
  const worker = await attachSearchWorker(cdp);
  await page.goto(url);
  await untilLoaded(page);
  for (const variant of ['folded', 'typo'] as const) {
    const times: number[] = [];
    const ranking: number[] = [];
    const shown: number[] = [];
    for (const q of queries.slice(0, 40)) {
      const text = variant === 'folded' ? typed(q) : q.typo;
      if (text === undefined) continue;
      const t = await workerTime(page, text);
      times.push(t.workerMs);
      ranking.push(t.rankMs);
      shown.push(await typedUntilShown(page, text));
    }
    const line = (xs: number[]) => {
      xs.sort((a, b) => a - b);
      return `median ${percentile(xs, 0.5).toFixed(1)} ms, 95th percentile ${percentile(xs, 0.95).toFixed(1)} ms, longest ${xs[xs.length - 1]?.toFixed(1)} ms`;
    };
    if (times.length === 0) continue;
    console.log(`Worker time per query (${variant}, ${times.length} queries, first screen's rows): ${line(times)}; of it ranking ${line(ranking)}`);
    console.log(`Typed key by key (100 ms apart), last keystroke → the list says «Tìm thấy … cho “query”» (${variant}): ${line(shown)}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  }
  await worker.call('HeapProfiler.collectGarbage');
  const after = await worker.call('Runtime.getHeapUsage');
  console.log(`Search worker memory after the queries above, each pasted then typed key by key: ${usedMb(after).toFixed(1)} MB (JS heap ${((after.usedSize ?? NaN) / 1e6).toFixed(1)}, array buffers ${((after.backingStorageSize ?? NaN) / 1e6).toFixed(1)}: snapshot and position page cache)`);
  await worker.detach();

}

/** The saved snapshot's size and its pages: how many, under which prefix. */
function savedPages(page: Page): Promise<{ prefix: string; pages: number; bytes: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('bao-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('search').objectStore('search').get('articles');
          get.onsuccess = () => {
            open.result.close();
            const s = get.result as { data: Uint8Array; pages?: { prefix: string; count: number } };
            resolve({ prefix: s.pages?.prefix ?? '', pages: s.pages?.count ?? 0, bytes: s.data.length });
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/**
 * Refreshes bringing `batches` (one announced change each) while the app is
 * open; then how long until the worker has saved its index, and the most
 * memory it held meanwhile (sampled every 100 ms).
 */
async function refreshAndSave(page: Page, worker: WorkerSession, label: string, batches: Article[][]): Promise<void> {
  await worker.call('HeapProfiler.collectGarbage');
  const before = usedMb(await worker.call('Runtime.getHeapUsage'));
  let peak = before;
  const changed = Date.now();
  let refreshing = true;
  const refreshes = (async () => {
    for (const items of batches) await page.evaluate((a) => (window as unknown as { benchFill: { store(a: unknown[]): Promise<number> } }).benchFill.store(a), items);
    refreshing = false;
  })();
  const last = { at: changed };
  while (refreshing || !(await page.evaluate(snapshotSaved))) {
    if (Date.now() - changed > 20 * 60_000) throw new Error('bench:search-browser: the index was not saved again within 20 minutes');
    if (refreshing) last.at = Date.now();
    peak = Math.max(peak, usedMb(await worker.call('Runtime.getHeapUsage')));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await refreshes;
  const savedAfter = Date.now() - last.at;
  await worker.call('HeapProfiler.collectGarbage');
  const afterSave = usedMb(await worker.call('Runtime.getHeapUsage'));
  console.log(
    `${label}: index saved again ${(savedAfter / 1000).toFixed(2)} s after the last change (3 s of it the worker's wait for quiet); search worker memory ${before.toFixed(1)} MB before, at most ${peak.toFixed(1)} MB until saved (sampled every 100 ms), ${afterSave.toFixed(1)} MB after; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
  );
}


const server = await startServer();
const browser = await launch();
const { page } = browser;
try {
  // The app's own refresh brings a few of the same articles: nothing new for the index.
  const sample = articles.slice(0, 20).map((a) => ({ id: a.id, title: a.title, summary: a.summary, content_html: a.contentHtml, content_text: a.contentText, tags: a.tags, date_published: new Date(a.published).toISOString() }));
  await server.route('/sample/feed.json', { body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo thử nghiệm', items: sample }) });
  await server.route('/bench-fill', { body: '<!doctype html><title>fill</title>', headers: { 'content-type': 'text/html; charset=utf-8' } });

  const fillStarted = Date.now();
  await page.goto(`${server.url}/bench-fill`);
  await page.addScriptTag({ content: await fillScript() });
  for (let i = 0; i < articles.length; i += CHUNK) {
    await page.evaluate((items) => (window as unknown as { benchFill: { store(a: unknown[]): Promise<number> } }).benchFill.store(items), articles.slice(i, i + CHUNK));
  }
  console.log(`Stored ${articles.length.toLocaleString('en')} articles (corpus grown as bench:search --scale does) in ${((Date.now() - fillStarted) / 1000).toFixed(0)} s`);

  await browser.context.addInitScript(watchSearchWorker);
  const cdp = await browser.context.newCDPSession(page);
  const url = `${server.url}/tim-kiem?q=${encodeURIComponent(typed(probe))}`;

  // 1. Opened with no snapshot: the worker builds the index from the store, answering from what is indexed so far.
  describeOpen(`Opened on «${typed(probe)}», no saved index`, await openAndMeasure(page, cdp, url));
  const saving = Date.now();
  while (!(await page.evaluate(snapshotSaved))) {
    if (Date.now() - saving > 10 * 60_000) throw new Error('bench:search-browser: the index was not saved within 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  // 2. Opened again: the index is restored from its snapshot.
  for (let i = 1; i <= (args['save-only'] ? 0 : 3); i++) {
    await page.goto('about:blank');
    describeOpen(`Opened again (${i})`, await openAndMeasure(page, cdp, url));
  }

  // 3. Known-item queries typed into the field: the worker's own time, best of none (one try each).
  if (!args['save-only']) await typedQueries(page, cdp, url);

  // 4. A refresh while the app is open: the worker adds the articles, then saves its index again (3 s after the change).
  await page.goto('about:blank');
  const saver = await attachSearchWorker(cdp);
  await page.goto(url);
  await untilLoaded(page);
  // Into the app's page (the worker's): evaluated through CDP, which its Content-Security-Policy does not stop as it does a script tag.
  await page.evaluate(`${await fillScript()}\nwindow.benchFill = benchFill;`);
  let made = 0;
  /** Articles of the corpus again, as new ones (new ids, published now). */
  const fresh = (n: number): Article[] =>
    Array.from({ length: n }, () => {
      const a = articles[made % articles.length] as Article;
      return { ...a, id: `${a.id}~refresh${made++}`, published: Date.now() - made * 60_000 };
    });
  const stored = await savedPages(page);
  await refreshAndSave(page, saver, 'A refresh of 50 articles while open', [fresh(50)]);

  if (stored.pages === 0) {
    // Below the size at which positions are paged there is no second segment beside pages: steps 5 and 6 would never end.
    console.log('Steps 5 and 6 skipped: at this size the saved index keeps its positions in memory, with no pages to keep beside a second segment.');
    await saver.detach();
  } else {
    // 5. Refreshes until the positions added since the pages were written are just under the share a save appends up to
    // (ADDED_SHARE; a quarter before it had its own name).
    const share = (engine as { ADDED_SHARE?: number }).ADDED_SHARE ?? 1 / 4;
    const limit = stored.pages * PAGE_BYTES * share;
    // Positions per article as the app stored this corpus (a save's own measure), and a margin: articles differ.
    const perArticle = (stored.pages * PAGE_BYTES) / articles.length;
    const batches: Article[][] = [];
    let added = 50 * perArticle;
    while (added + 500 * perArticle <= 0.9 * limit) {
      batches.push(fresh(500));
      added += 500 * perArticle;
    }
    await refreshAndSave(page, saver, `${batches.length} refreshes of 500 articles (about ${((added / limit) * share * 100).toFixed(1)} % of the stored positions added, the save keeps its pages up to ${(share * 100).toFixed(1)} %)`, batches);
    const grown = await savedPages(page);
    console.log(`  pages ${grown.prefix === stored.prefix ? 'kept' : 'written again'}; snapshot ${(stored.bytes / 1e6).toFixed(1)} → ${(grown.bytes / 1e6).toFixed(1)} MB`);
    await saver.detach();
    await page.goto('about:blank');
    describeOpen('Opened again over the largest second segment', await openAndMeasure(page, cdp, url));

    // 6. Two more refreshes pass that share: the next save writes everything again.
    await page.goto('about:blank');
    const rewriter = await attachSearchWorker(cdp);
    await page.goto(url);
    await untilLoaded(page);
    await page.evaluate(`${await fillScript()}\nwindow.benchFill = benchFill;`);
    await refreshAndSave(page, rewriter, 'Two more refreshes of 500 articles, past that share', [fresh(500), fresh(500)]);
    const rewritten = await savedPages(page);
    console.log(`  pages ${rewritten.prefix === stored.prefix ? 'kept' : 'written again'}: ${rewritten.pages} pages; snapshot ${(rewritten.bytes / 1e6).toFixed(1)} MB`);
    await rewriter.detach();
    await page.goto('about:blank');
    describeOpen('Opened again after everything was written again', await openAndMeasure(page, cdp, url));
  }
} finally {
  await browser.close();
  await server.stop();
}
