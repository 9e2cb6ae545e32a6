/**
 * The search worker's first build as the app runs it (index-store.ts
 * loadIndex, resumable: batches read from the store, saved as it goes), in
 * Node over fake-indexeddb, and the memory it holds on the way:
 *
 *   node --expose-gc --import tsx scripts/bench-build-heap.ts [--scale N] [--feed FEED.json] [--one-part]
 *
 * N articles (default 50,000, grown from the shared corpus as bench:search
 * does) are stored first. Memory is sampled after a full collection every
 * 2,000 articles, and inside each save as it writes its snapshot (and every
 * 16th page), when what the save made is alive. Each sample is the heap plus
 * array buffers, less what was held once the articles were stored and less
 * what the fake store holds of the search index (pages and snapshot: in a
 * browser those are the database's, not the worker's). A snapshot being put
 * is the worker's until the store has it: the one it replaces is the store's.
 *
 * Then the index is restored as a worker opened again restores it
 * (loadIndex, from the snapshot the build saved and its pages): restore
 * time, memory after it, and the shared corpus's known-item queries (every
 * variant, as bench:search asks them, after the worker's warm-up), wall and
 * CPU time. With --one-part, the same again for the index built in one go
 * and saved whole (one part, as a save after a refresh writes it), and
 * whether each query's answer is the same in both.
 */
import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadIndex, saveIndex } from '../src/search-worker/index-store';
import { Practice } from '../src/search-worker/practice';
import { snapshotParts } from '../src/shared/search/snapshot';
import type { SearchIndex } from '../src/shared/search/search-index';
import type { Article } from '../src/shared/feed/types';
import { mergeArticles } from '../src/shared/store/articles';
import { openStore } from '../src/shared/store/open';
import { readFeedDocs, readKnownItems, readScale, VARIANTS, type KnownItem } from './bench-input';
import { scaled } from './corpus';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    feed: { type: 'string', default: resolve(root, '../shared/corpus/feed.json') },
    queries: { type: 'string', default: resolve(root, '../shared/corpus/queries.json') },
    scale: { type: 'string', default: '50000' },
    'one-part': { type: 'boolean', default: false },
  },
});

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc');
const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Bytes the fake store holds of the search index, by key. */
const stored = new Map<IDBValidKey, number>();
const storedBytes = (): number => [...stored.values()].reduce((n, b) => n + b, 0);
const sizeOf = (value: unknown): number =>
  value instanceof Uint8Array ? value.byteLength : value && typeof value === 'object' && 'data' in value && value.data instanceof Uint8Array ? value.data.byteLength : 0;

interface Sample {
  at: string;
  heap: number;
  buffers: number;
}
const samples: Sample[] = [];
let base = { heap: 0, buffers: 0 };
function sample(at: string): void {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  const inStore = storedBytes();
  samples.push({ at, heap: m.heapUsed - base.heap, buffers: m.arrayBuffers - base.buffers - inStore });
}

// Writes to the search store are followed (and sampled): a save's work is alive while it writes.
const proto = IDBObjectStore.prototype;
const put = proto.put;
const del = proto.delete;
const clear = proto.clear;
let pagesPut = 0;
/** Saves are sampled during the build only. */
let sampling = true;
proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
  if (this.name === 'search' && key !== undefined && sampling) {
    if (key === 'articles') sample(`save (snapshot of ${(value as { building?: { after: string } }).building ? 'a partial' : 'the last'} save)`);
    stored.set(key, sizeOf(value));
    if (key !== 'articles' && ++pagesPut % 16 === 0) sample('save (pages)');
  } else if (this.name === 'search' && key !== undefined) stored.set(key, sizeOf(value));
  return put.call(this, value, key);
};
proto.delete = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
  if (this.name === 'search') for (const key of [...stored.keys()]) if (query instanceof IDBKeyRange ? query.includes(key) : key === query) stored.delete(key);
  return del.call(this, query);
};
proto.clear = function (this: IDBObjectStore) {
  if (this.name === 'search') stored.clear();
  return clear.call(this);
};

async function main(): Promise<void> {
  if (!existsSync(args.feed)) {
    console.log(`Build heap probe skipped: no feed at ${args.feed}`);
    return;
  }
  const n = readScale(args.scale) ?? 50_000;
  const { docs: feed } = readFeedDocs(args.feed);
  const known = readKnownItems(args.queries, new Set(feed.map((d) => d.id))).queries;
  const docs = scaled(feed, n, new Set(known.map((k) => k.target)));
  const db = await openStore({ name: 'bench-build-heap' });
  for (let at = 0; at < docs.length; at += 5_000) {
    const articles: Article[] = docs.slice(at, at + 5_000).map((d) => ({ id: d.id, title: d.title, summary: d.summary, contentText: d.text, published: d.published, authors: [], tags: d.tags }));
    await mergeArticles(db, articles, 1);
  }
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  base = { heap: m.heapUsed, buffers: m.arrayBuffers };
  console.log(`${n} articles stored; load ${load()}`);

  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let steps = 0;
  const loaded = await loadIndex(db, {
    resumable: true,
    step: async ({ indexed }) => {
      if (++steps % 10 === 0) sample(`build (${indexed} indexed)`);
    },
  });
  // Code that does not save a build when it ends leaves it to the worker's save after it (worker.ts): that is the last save.
  if (loaded.saved === undefined) await saveIndex(db, loaded.index, loaded.revision);
  const c = process.cpuUsage(c0);
  const wall = performance.now() - t0;
  sample('after the build');
  const held = (s: Sample): number => s.heap + s.buffers;
  const peak = samples.reduce((a, b) => (held(b) > held(a) ? b : a));
  const building = samples.filter((s) => s.at.startsWith('build')).reduce((a, b) => (held(b) > held(a) ? b : a), samples[0] as Sample);
  const last = samples[samples.length - 1] as Sample;
  const saves = samples.filter((s) => s.at.startsWith('save (snapshot')).length;
  console.log(`built (${loaded.source}, ${loaded.index.size} articles, saved ${loaded.saved === true}): CPU ${((c.user + c.system) / 1e6).toFixed(1)} s, wall ${(wall / 1000).toFixed(1)} s, ${saves} saves; load ${load()}`);
  const show = (label: string, s: Sample): void => console.log(`  ${label}: ${mb(held(s))} MB (heap ${mb(s.heap)}, array buffers ${mb(s.buffers)}) at ${s.at}`);
  show('highest', peak);
  show('highest between batches', building);
  show('after', last);
  console.log(`  the store holds ${mb(storedBytes())} MB of the search index`);
  sampling = false;

  const answers = await restoreAndAsk(db, known, 'restored as the build saved it');
  if (!args['one-part']) return;
  // Built in one go and saved whole: its positions one part, its arrays in the snapshot.
  await db.delete('search', 'articles');
  const whole = await loadIndex(db);
  await saveIndex(db, whole.index, whole.revision);
  const again = await restoreAndAsk(db, known, 'built in one go, saved whole, restored');
  const differ = again.filter((a, i) => a !== answers[i]).length;
  console.log(`  answers that differ from the build saved in parts: ${differ} of ${answers.length}`);
}

/** Restores the saved index (loadIndex) and asks it every known-item query; returns each answer (ids and counts). */
async function restoreAndAsk(db: Awaited<ReturnType<typeof openStore>>, known: KnownItem[], label: string): Promise<string[]> {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  const before = m.heapUsed + m.arrayBuffers - storedBytes();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const loaded = await loadIndex(db);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const snapshot = (await db.get('search', 'articles')) as { data: Uint8Array; pages?: { count: number } } | undefined;
  const heldNow = (): number => {
    gc?.();
    gc?.();
    const now = process.memoryUsage();
    return now.heapUsed + now.arrayBuffers - storedBytes() - before;
  };
  const restoredMb = heldNow();
  console.log(
    `${label} (${loaded.source}, ${snapshotParts(snapshot?.data).length} parts' arrays in pages, snapshot ${mb(snapshot?.data.byteLength ?? 0)} MB, ${snapshot?.pages?.count ?? 0} pages): restore ${wall.toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU; held after it ${mb(restoredMb)} MB; load ${load()}`,
  );
  // As the worker does once it has loaded an index (handlers.ts): its warm-up on a small index of its own.
  const practice = new Practice();
  for (let more = true; more; ) more = await practice.next();
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  const answers: string[] = [];
  for (const v of VARIANTS) {
    for (const q of known) {
      const text = q[v];
      if (text === undefined) continue;
      const q0 = performance.now();
      const qc = process.cpuUsage();
      const r = await (loaded.index as SearchIndex).searchAsync(text, { limit: 10 });
      const qcpu = process.cpuUsage(qc);
      wallMs.push(performance.now() - q0);
      cpuMs.push((qcpu.user + qcpu.system) / 1000);
      answers.push(JSON.stringify([r.total, r.looseTotal, r.hits.map((h) => [h.id, h.score]), r.loose.map((h) => h.id)]));
    }
  }
  const pct = (xs: number[], p: number): string => ([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN).toFixed(2);
  console.log(
    `  ${wallMs.length} queries: wall p50 / p95 / p99 / max ${pct(wallMs, 50)} / ${pct(wallMs, 95)} / ${pct(wallMs, 99)} / ${pct(wallMs, 100)} ms; CPU p50 / p95 ${pct(cpuMs, 50)} / ${pct(cpuMs, 95)} ms, sum ${(cpuMs.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s; held after them ${mb(heldNow())} MB (position pages ${mb(loaded.index.cachedPositionBytes)}); load ${load()}`,
  );
  return answers;
}

await main();
