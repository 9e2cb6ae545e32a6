/**
 * The search worker's first build as the app runs it (index-store.ts
 * loadIndex, resumable: batches read from the store, saved as it goes), in
 * Node over fake-indexeddb, and the memory it holds on the way:
 *
 *   node --expose-gc --import tsx scripts/bench-build-heap.ts [--scale N] [--feed FEED.json]
 *
 * N articles (default 50,000, grown from the shared corpus as bench:search
 * does) are stored first. Memory is sampled after a full collection every
 * 2,000 articles, and inside each save as it writes its snapshot (and every
 * 16th page), when what the save made is alive. Each sample is the heap plus
 * array buffers, less what was held once the articles were stored and less
 * what the fake store holds of the search index (pages and snapshot: in a
 * browser those are the database's, not the worker's).
 */
import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadIndex, saveIndex } from '../src/search-worker/index-store';
import type { Article } from '../src/shared/feed/types';
import { mergeArticles } from '../src/shared/store/articles';
import { openStore } from '../src/shared/store/open';
import { readFeedDocs, readKnownItems, readScale } from './bench-input';
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
proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
  if (this.name === 'search' && key !== undefined) {
    stored.set(key, sizeOf(value));
    if (key === 'articles') sample(`save (snapshot of ${(value as { building?: { after: string } }).building ? 'a partial' : 'the last'} save)`);
    else if (++pagesPut % 16 === 0) sample('save (pages)');
  }
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
}

await main();
