/**
 * Saving and restoring the search index as the search worker does
 * (index-store.ts), in Node over fake-indexeddb (so the store's own copies
 * of what is written count in memory):
 *
 *   npm run bench:save [-- --scale N] [--feed FEED.json] [--queries QUERIES.json]
 *
 * N articles (default 50,000, grown from the shared corpus as bench:search
 * does) are indexed and saved (positions as pages above 24 MB), restored,
 * then «refreshes» add articles until the positions added since are just
 * under the share of the stored ones a save appends up to: the largest
 * second segment a save keeps beside the pages (search-index.ts). That save
 * and a restore with it are timed, and the known-item queries run after it;
 * then one more refresh passes the share and the next save writes
 * everything again. For each save: wall and CPU time
 * and the most memory held meanwhile (JS heap plus array buffers, sampled
 * every 5 ms, above what was held after a collection before it); for each
 * restore: wall and CPU time and what the restored index holds. Load average
 * is printed with every step.
 */
import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadIndex, saveIndex } from '../src/search-worker/index-store';
import { PAGE_BYTES } from '../src/shared/search/position-pages';
import * as engine from '../src/shared/search/search-index';
import { SearchIndex, type SearchDoc } from '../src/shared/search/search-index';
import { openStore } from '../src/shared/store/open';
import type { SearchSnapshot } from '../src/shared/store/schema';
import { BenchInputError, readFeedDocs, readKnownItems, readScale } from './bench-input';
import { scaled } from './corpus';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    feed: { type: 'string', default: resolve(root, '../shared/corpus/feed.json') },
    queries: { type: 'string', default: resolve(root, '../shared/corpus/queries.json') },
    scale: { type: 'string', default: '50000' },
  },
});

const gc = (globalThis as { gc?: () => void }).gc;
const held = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const settled = (): number => {
  gc?.();
  gc?.();
  return held();
};
const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
/** Bytes of a saved snapshot (positions apart not counted). */
const size = (s: SearchSnapshot): number => (s.data as Uint8Array).length;
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Runs `task`, sampling memory every 5 ms; wall and CPU time, and the peak above what was held before. */
async function measured<T>(task: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number; peakMb: string; afterMb: string }> {
  const base = settled();
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, held())), 5);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await task();
  const c = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, held());
  return { value, ms, cpuMs: (c.user + c.system) / 1000, peakMb: mb(peak - base), afterMb: mb(settled() - base) };
}

async function main(): Promise<void> {
  if (!existsSync(args.feed)) {
    console.log(`Save benchmark skipped: no feed at ${args.feed}`);
    return;
  }
  const n = readScale(args.scale) ?? 50_000;
  const { docs: feed } = readFeedDocs(args.feed);
  // The extra articles the refreshes bring: a quarter more is always enough to pass the quarter of positions.
  const known = readKnownItems(args.queries, new Set(feed.map((d) => d.id))).queries;
  const queries = known.flatMap((k) => [k.folded, k.typo]).filter((q): q is string => q !== undefined);
  const all = scaled(feed, Math.ceil(n * 1.35), new Set(known.map((k) => k.target)));
  const stored = all.slice(0, n);
  const extra = all.slice(n);
  const db = await openStore({ name: 'bench-save' });
  const snapshot = async (): Promise<SearchSnapshot> => (await db.get('search', 'articles')) as SearchSnapshot;

  const built = SearchIndex.build(stored);
  const first = await measured(() => saveIndex(db, built, 0));
  const saved = await snapshot();
  console.log(
    `${n} articles built and saved: ${(first.ms / 1000).toFixed(2)} s (CPU ${(first.cpuMs / 1000).toFixed(2)} s), memory at most +${first.peakMb} MB during the save; snapshot ${mb(size(saved))} MB, ${saved.pages?.count ?? 0} pages; load ${load()}`,
  );

  const held = { index: 0 };
  const restore = async (label: string): Promise<SearchIndex> => {
    const r = await measured(() => loadIndex(db));
    held.index = Number(r.afterMb) * 1e6;
    console.log(`${label}: restored (${r.value.source}, ${r.value.index.size} articles) in ${r.ms.toFixed(0)} ms (CPU ${r.cpuMs.toFixed(0)} ms), index held ${r.afterMb} MB; load ${load()}`);
    return r.value.index;
  };
  let index = await restore('Saved index');

  // A refresh's positions, each article's alone: a record's positions depend on its own article only.
  const positionsOf = (doc: SearchDoc): number => SearchIndex.build([doc]).toParts().positions.length;
  // The share of the stored positions a save appends up to (a quarter before it had its own name).
  const share = (engine as { ADDED_SHARE?: number }).ADDED_SHARE ?? 1 / 4;
  const quarter = (saved.pages?.count ?? 0) * PAGE_BYTES * share;
  let added = 0;
  let used = 0;
  const chunk = 500;
  // Refreshes of up to 500 articles (what the worker applies one by one), saved after each, until the next would pass the quarter.
  for (;;) {
    const next = extra.slice(used, used + chunk);
    const bytes = next.reduce((sum, d) => sum + positionsOf(d), 0);
    if (next.length === 0 || added + bytes > quarter - PAGE_BYTES) break;
    for (const d of next) index.add(d);
    added += bytes;
    used += next.length;
  }
  const appended = await measured(() => saveIndex(db, index, 0));
  const grown = await snapshot();
  console.log(
    `${used} articles added (positions ${mb(added)} MB; a save keeps the pages up to ${mb(quarter)} MB, ${(share * 100).toFixed(1)} % of the stored), saved keeping the pages (${grown.pages?.prefix === saved.pages?.prefix ? 'same pages' : 'pages written again'}): ${(appended.ms / 1000).toFixed(2)} s (CPU ${(appended.cpuMs / 1000).toFixed(2)} s), memory at most +${appended.peakMb} MB; snapshot ${mb(size(saved))} → ${mb(size(grown))} MB; load ${load()}`,
  );
  index = await restore('With the largest second segment');
  const q = await measured(async () => {
    for (const query of queries) await index.searchAsync(query);
  });
  console.log(
    `  then ${queries.length} known-item queries (folded and typo): ${(q.ms / 1000).toFixed(1)} s; the index holds ${mb(held.index + Number(q.afterMb) * 1e6)} MB after them, of it ${mb(index.cachedPositionBytes)} MB of position pages`,
  );

  for (const d of extra.slice(used, used + chunk)) index.add(d);
  const rewrite = await measured(() => saveIndex(db, index, 0));
  const rewritten = await snapshot();
  console.log(
    `${chunk} more articles (past that share), saved writing everything again (${rewritten.pages?.prefix === saved.pages?.prefix ? 'same pages?' : 'new pages'}): ${(rewrite.ms / 1000).toFixed(2)} s (CPU ${(rewrite.cpuMs / 1000).toFixed(2)} s), memory at most +${rewrite.peakMb} MB during the save, +${rewrite.afterMb} MB after (the store's copy of the new pages and the index answered from); snapshot ${mb(size(rewritten))} MB, ${rewritten.pages?.count ?? 0} pages; load ${load()}`,
  );
  await restore('After writing everything again');
}

main().catch((error: unknown) => {
  if (error instanceof BenchInputError) {
    console.error(`bench:save: ${error.message}`);
    process.exit(2);
  }
  throw error;
});
