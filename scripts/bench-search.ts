/**
 * Search benchmark on any data:
 *
 *   npm run bench:search -- --feed FEED.json --queries QUERIES.json [--scale N]
 *        [--topical TOPICAL.json] [--engines ours,minisearch,flexsearch] [--slowest N]
 *
 * FEED is any JSON Feed; QUERIES is a known-item query file in the shared
 * corpus's format (target id + the phrase typed several ways); TOPICAL a
 * judged set of topical queries ({ query, relevant: { id: grade } }).
 * `--scale N` synthesises N articles from the feed (new ids, sentences
 * shuffled between articles; the queries' targets are kept as they are) to
 * measure time and memory at that size. Defaults: the shared corpus
 * (../shared/corpus) and docs/search-topical.json (its queries count only
 * where their judged articles are in the feed). The feed is read by the app's
 * own parser (bench-input.ts); bad input stops the bench with one line.
 *
 * Ours is measured as the app keeps it: above 24 MB of positions (about
 * 20,000 articles), its snapshot without positions
 * (snapshot_bytes: what a restore reads), the positions as 64 KB pages in
 * a file (pages_bytes), read by queries through fs/promises (one read per
 * run of consecutive pages, as the app's getAll) into the index's page cache; heap_mb is the restored index after every query ran, page
 * cache included (build_heap_mb: the index as built, positions in memory).
 *
 * Prints a readable table, then one JSON line: per engine build_ms, heap_mb,
 * build_cpu_ms, snapshot_bytes, restore_ms (ours also restore_cpu_ms and the warm-up's CPU, queries and longest piece), query p50/p95/p99/max ms (wall time, p95 per variant;
 * and CPU time, which a busy machine does not inflate, p95 per variant too),
 * MRR@10 per variant and nDCG@10 on the topical set. `--slowest N` lists
 * each engine's N slowest queries first (wall and CPU time).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import FlexSearch from 'flexsearch';
import MiniSearch, { type Options } from 'minisearch';
import { CACHE_BYTES, PAGE_BYTES } from '../src/shared/search/position-pages';
import { SearchIndex, type SearchDoc } from '../src/shared/search/search-index';
import { syllableKeys } from '../src/shared/search/tokenize';
import { Practice } from '../src/search-worker/practice';
import { BenchInputError, readFeedDocs, readKnownItems, readScale, readTopical, VARIANTS, type KnownItem, type Topical } from './bench-input';
import { scaled } from './corpus';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_FEED = resolve(root, '../shared/corpus/feed.json');
const { values: args } = parseArgs({
  options: {
    feed: { type: 'string', default: DEFAULT_FEED },
    queries: { type: 'string', default: resolve(root, '../shared/corpus/queries.json') },
    topical: { type: 'string', default: resolve(root, 'docs/search-topical.json') },
    scale: { type: 'string' },
    engines: { type: 'string', default: 'ours,minisearch,flexsearch' },
    slowest: { type: 'string', default: '0' },
  },
});

interface Engine {
  name: string;
  build_ms: number;
  /** CPU time of the build: on a shared machine, wall time also counts waiting for a core. */
  build_cpu_ms: number;
  heap_mb: number;
  build_heap_mb?: number;
  snapshot_bytes: number | null;
  pages_bytes?: number;
  restore_ms: number | null;
  restore_cpu_ms?: number;
  /** CPU time of the warm-up the worker runs after loading (search-worker/practice.ts), how many queries it asks, and its longest piece. */
  warm_up_cpu_ms?: number;
  warm_up_queries?: number;
  warm_up_longest_cpu_ms?: number;
  /** Ids best first: what the reader sees (for ours, full matches then looser ones). */
  search: (q: string) => string[] | Promise<string[]>;
  /** Heap once every query ran (ours: restored index and its page cache), when it differs from after the build. */
  heapAfterQueries?: () => number;
}

const gc = (globalThis as { gc?: () => void }).gc;
function heapBytes(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);
}
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

function measureBuild<T>(make: () => T): { value: T; ms: number; cpuMs: number; mb: number } {
  const before = heapBytes();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = make();
  const c = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  return { value, ms, cpuMs: (c.user + c.system) / 1000, mb: (heapBytes() - before) / 1e6 };
}

async function ours(docs: SearchDoc[]): Promise<Engine> {
  const baseline = heapBytes();
  const built = measureBuild(() => SearchIndex.build(docs));
  // As the app saves it: positions apart only when bigger than the page cache (index-store.ts).
  const { snapshot, positions } = built.value.toParts((bytes) => bytes <= CACHE_BYTES);
  // Pages in a file, read asynchronously as the app reads them from IndexedDB (a run of consecutive pages in one read).
  const dir = mkdtempSync(join(tmpdir(), 'bench-search-pages-'));
  const file = join(dir, 'positions');
  writeFileSync(file, positions);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const handle = open(file, 'r');
  // Only the length is kept: the positions themselves are not in memory once restored.
  const positionBytes = positions.length;
  const load = async (wanted: number[]): Promise<Uint8Array[]> => {
    const fh = await handle;
    const out = new Map<number, Uint8Array>();
    const reads: Array<Promise<unknown>> = [];
    for (let i = 0; i < wanted.length; ) {
      let j = i + 1;
      while (j < wanted.length && wanted[j] === (wanted[j - 1] as number) + 1) j++;
      const run = wanted.slice(i, j).map((p) => {
        const page = new Uint8Array(Math.min(PAGE_BYTES, positionBytes - p * PAGE_BYTES));
        out.set(p, page);
        return page;
      });
      reads.push(fh.readv(run, (wanted[i] as number) * PAGE_BYTES));
      i = j;
    }
    await Promise.all(reads);
    return wanted.map((p) => out.get(p) as Uint8Array);
  };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const restored = SearchIndex.fromBytes(snapshot, positionBytes > 0 ? load : undefined);
  const c = process.cpuUsage(c0);
  const restoreMs = performance.now() - t0;
  // As the search worker does once it has loaded an index (handlers.ts): its warm-up on a small index of its own, a piece at a time.
  const practice = new Practice();
  let warmUpCpu = 0;
  let warmUpLongest = 0;
  for (let more = true; more; ) {
    const w0 = process.cpuUsage();
    more = await practice.next();
    const w = process.cpuUsage(w0);
    warmUpCpu += (w.user + w.system) / 1000;
    warmUpLongest = Math.max(warmUpLongest, (w.user + w.system) / 1000);
  }
  return {
    name: 'Báo Offline',
    build_ms: round(built.ms, 0),
    build_cpu_ms: round(built.cpuMs, 0),
    heap_mb: NaN,
    build_heap_mb: round(built.mb, 1),
    snapshot_bytes: snapshot.length,
    pages_bytes: positions.length,
    restore_ms: round(restoreMs, 0),
    restore_cpu_ms: round((c.user + c.system) / 1000, 0),
    warm_up_cpu_ms: round(warmUpCpu, 1),
    warm_up_queries: practice.asks,
    warm_up_longest_cpu_ms: round(warmUpLongest, 1),
    search: async (q) => {
      const r = await restored.searchAsync(q, { limit: 10 });
      return [...r.hits, ...r.loose].slice(0, 10).map((h) => h.id);
    },
    heapAfterQueries: () => {
      const mb = round((heapBytes() - baseline) / 1e6, 1);
      console.log(`heap after the queries: ${mb} MB, of which position pages ${round(restored.cachedPositionBytes / 1e6, 1)} MB`);
      return mb;
    },
  };
}

const MINISEARCH_OPTIONS: Options<SearchDoc> = {
  fields: ['title', 'summary', 'text'],
  storeFields: [],
  tokenize: syllableKeys,
  processTerm: (t: string) => t,
  searchOptions: { fuzzy: 0.2, prefix: true, combineWith: 'AND', boost: { title: 2 }, tokenize: syllableKeys, processTerm: (t: string) => t },
};

function minisearch(docs: SearchDoc[]): Engine {
  const built = measureBuild(() => {
    const ms = new MiniSearch<SearchDoc>(MINISEARCH_OPTIONS);
    ms.addAll(docs);
    return ms;
  });
  const json = JSON.stringify(built.value);
  const t0 = performance.now();
  const restored = MiniSearch.loadJSON<SearchDoc>(json, MINISEARCH_OPTIONS);
  const restoreMs = performance.now() - t0;
  return {
    name: 'MiniSearch',
    build_ms: round(built.ms, 0),
    build_cpu_ms: round(built.cpuMs, 0),
    heap_mb: round(built.mb, 1),
    snapshot_bytes: Buffer.byteLength(json),
    restore_ms: round(restoreMs, 0),
    search: (q) => restored.search(q).slice(0, 10).map((r) => String(r.id)),
  };
}

function flexsearch(docs: SearchDoc[]): Engine {
  const built = measureBuild(() => {
    const index = new FlexSearch.Index({ tokenize: 'strict', encode: syllableKeys, context: { depth: 3, bidirectional: true, resolution: 9 } });
    docs.forEach((d, i) => index.add(i, `${d.title}\n${d.summary}\n${d.text}`));
    return index;
  });
  return {
    name: 'FlexSearch',
    build_ms: round(built.ms, 0),
    build_cpu_ms: round(built.cpuMs, 0),
    heap_mb: round(built.mb, 1),
    snapshot_bytes: null,
    restore_ms: null,
    search: (q) => (built.value.search(q, { limit: 10, suggest: true }) as number[]).map((i) => (docs[i] as SearchDoc).id),
  };
}

/** nDCG@10 with graded gains (2^grade − 1), ideal from every judged article. */
function ndcg(ids: string[], relevant: Record<string, number>): number {
  const dcg = ids.slice(0, 10).reduce((sum, id, i) => sum + (2 ** (relevant[id] ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = Object.values(relevant)
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

async function evaluate(engine: Engine, queries: KnownItem[], topical: Topical[]) {
  const all: number[] = [];
  // CPU time of this process per query: on a shared machine, wall time also counts waiting for a core.
  const cpu: number[] = [];
  const mrr: Record<string, number> = {};
  const p95: Record<string, number> = {};
  const cpuP95: Record<string, number> = {};
  const timed: Array<{ ms: number; cpuMs: number; variant: string; query: string }> = [];
  for (const v of VARIANTS) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let sum = 0;
    let n = 0;
    for (const q of queries) {
      const text = q[v];
      if (text === undefined) continue;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const ids = await engine.search(text);
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      cpuTimes.push((c.user + c.system) / 1000);
      timed.push({ ms: times[times.length - 1] as number, cpuMs: (c.user + c.system) / 1000, variant: v, query: text });
      const rank = ids.indexOf(q.target);
      n++;
      if (rank >= 0) sum += 1 / (rank + 1);
    }
    if (n === 0) continue;
    mrr[v] = round(sum / n, 3);
    times.sort((a, b) => a - b);
    p95[v] = round(percentile(times, 95));
    cpuP95[v] = round(percentile(cpuTimes.sort((a, b) => a - b), 95));
    all.push(...times);
  }
  all.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const slowest = Number(args.slowest);
  for (const t of timed.sort((a, b) => b.ms - a.ms).slice(0, slowest)) {
    console.log(`  slow: ${round(t.ms)} ms wall, ${round(t.cpuMs)} ms CPU, ${t.variant} «${t.query}»`);
  }
  const topicalScores: number[] = [];
  for (const t of topical) topicalScores.push(ndcg(await engine.search(t.query), t.relevant));
  return {
    p50_ms: round(percentile(all, 50)),
    p95_ms: round(percentile(all, 95)),
    p99_ms: round(percentile(all, 99)),
    max_ms: round(all[all.length - 1] ?? NaN),
    cpu_p50_ms: round(percentile(cpu, 50)),
    cpu_p95_ms: round(percentile(cpu, 95)),
    cpu_p99_ms: round(percentile(cpu, 99)),
    cpu_max_ms: round(cpu[cpu.length - 1] ?? NaN),
    p95_ms_per_variant: p95,
    cpu_p95_ms_per_variant: cpuP95,
    mrr10: mrr,
    ndcg10_topical: topical.length > 0 ? round(topicalScores.reduce((a, b) => a + b, 0) / topical.length, 3) : null,
  };
}

async function main(): Promise<void> {
  if (args.feed === DEFAULT_FEED && !existsSync(DEFAULT_FEED)) {
    console.log(`Search benchmark skipped: no shared corpus at ${DEFAULT_FEED} (give --feed and --queries)`);
    return;
  }
  const feed = readFeedDocs(args.feed);
  const ids = new Set(feed.docs.map((d) => d.id));
  const known = readKnownItems(args.queries, ids);
  const topical = readTopical(args.topical, ids);
  const scale = readScale(args.scale);
  const queries = known.queries;
  const docs = scale ? scaled(feed.docs, scale, new Set(queries.map((q) => q.target))) : feed.docs;
  const makers: Record<string, (d: SearchDoc[]) => Engine | Promise<Engine>> = { ours, minisearch, flexsearch };
  const engines = args.engines.split(',').map((key) => key.trim());
  const unknown = engines.find((key) => !makers[key]);
  if (unknown !== undefined) throw new BenchInputError(`Unknown engine ${JSON.stringify(unknown)}; known: ${Object.keys(makers).join(', ')}`);
  const dropped = Object.entries(feed.dropped).map(([reason, n]) => `${n} ${reason}`);
  console.log(
    `${docs.length} articles (${feed.docs.length} in the feed${dropped.length > 0 ? `; dropped as the app would: ${dropped.join(', ')}` : ''}), ` +
      `${queries.length} known-item queries${known.skipped > 0 ? ` (${known.skipped} left out: target not in the feed)` : ''}, ` +
      `${topical.queries.length} topical${topical.skipped > 0 ? ` (${topical.skipped} left out: no judged article in the feed)` : ''}; node ${process.version}` +
      (gc ? '' : ' (run with --expose-gc for memory figures)'),
  );
  const results: Record<string, unknown> = {};
  for (const key of engines) {
    const engine = await (makers[key] as (d: SearchDoc[]) => Engine | Promise<Engine>)(docs);
    const quality = await evaluate(engine, queries, topical.queries);
    const { search: _search, heapAfterQueries, name, ...figures } = engine;
    if (heapAfterQueries) figures.heap_mb = heapAfterQueries();
    results[name] = { ...figures, ...quality };
    console.log(`${name}:`, JSON.stringify(results[name], null, 1).replace(/\n\s*/g, ' '));
  }
  console.log(JSON.stringify({ articles: docs.length, queries: queries.length, topical: topical.queries.length, engines: results }));
}

main().catch((error: unknown) => {
  // Bad input is told in one line; anything else is a bug, shown whole.
  console.error(error instanceof BenchInputError ? `bench:search: ${error.message}` : error);
  process.exit(1);
});
