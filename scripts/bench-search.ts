/**
 * Search benchmark over the shared corpus (../shared/corpus): this project's
 * engine against MiniSearch, FlexSearch (contextual index) and fuse.js over
 * full text, all with the same Vietnamese folding. Prints a markdown table and
 * writes it to docs/bench-search.md. Exits 0 when the corpus is absent.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import FlexSearch from 'flexsearch';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { foldKey } from '../src/shared/search/fold';
import { editNeighbours } from '../src/shared/search/fuzzy';
import { SearchIndex, type SearchDoc } from '../src/shared/search/search-index';
import { syllableKeys } from '../src/shared/search/tokenize';
import { htmlToText } from './html-text';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = resolve(root, '../shared/corpus');
const feedPath = resolve(corpusDir, 'feed.json');
const queriesPath = resolve(corpusDir, 'queries.json');
const VARIANTS = ['exact', 'folded', 'nfd', 'upper', 'typo', 'old_new_tone', 'telex', 'vni'] as const;
type Variant = (typeof VARIANTS)[number];
type KnownItem = { target: string } & Partial<Record<Variant, string>>;
const FUSE_QUERIES = Number(process.env.BENCH_FUSE_QUERIES ?? 20);

interface Engine {
  name: string;
  buildMs: number;
  memoryBytes: number;
  search: (q: string) => string[];
  queries: KnownItem[];
  extra?: string;
}

interface Quality {
  mrr: number;
  recall: number;
  n: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
function usedBytes(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function measure<T>(make: () => T): { value: T; ms: number; bytes: number } {
  const before = usedBytes();
  const t0 = performance.now();
  const value = make();
  const ms = performance.now() - t0;
  return { value, ms, bytes: usedBytes() - before };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function evaluate(engine: Engine): { quality: Map<Variant, Quality>; p50: number; p95: number } {
  const times: number[] = [];
  const quality = new Map<Variant, Quality>();
  for (const v of VARIANTS) {
    let sum = 0;
    let found = 0;
    let n = 0;
    for (const q of engine.queries) {
      const text = q[v];
      if (text === undefined) continue;
      const t0 = performance.now();
      const ids = engine.search(text).slice(0, 10);
      times.push(performance.now() - t0);
      const rank = ids.indexOf(q.target);
      n++;
      if (rank >= 0) {
        sum += 1 / (rank + 1);
        found++;
      }
    }
    quality.set(v, { mrr: n ? sum / n : NaN, recall: n ? found / n : NaN, n });
  }
  times.sort((a, b) => a - b);
  return { quality, p50: percentile(times, 50), p95: percentile(times, 95) };
}

function main(): void {
  if (!existsSync(feedPath) || !existsSync(queriesPath)) {
    console.log(`Search benchmark skipped: corpus not found at ${corpusDir}`);
    return;
  }
  console.log(`Reading ${feedPath} …`);
  const feed = JSON.parse(readFileSync(feedPath, 'utf8')) as {
    items: Array<{ id: string; title?: string; summary?: string; content_html?: string; content_text?: string; tags?: string[]; date_published?: string }>;
  };
  const queries = JSON.parse(readFileSync(queriesPath, 'utf8')) as KnownItem[];
  const docs: SearchDoc[] = feed.items.map((it) => ({
    id: it.id,
    title: it.title ?? '',
    summary: it.summary ?? '',
    text: it.content_text ?? htmlToText(it.content_html ?? ''),
    tags: it.tags ?? [],
    published: Date.parse(it.date_published ?? '') || 0,
  }));
  console.log(`${docs.length} articles, ${queries.length} known-item queries, node ${process.version}${gc ? '' : ' (run with --expose-gc for memory figures)'}\n`);

  const engines: Engine[] = [];
  const results = new Map<string, ReturnType<typeof evaluate>>();
  const run = (engine: Engine): void => {
    console.log(`… ${engine.name}: built in ${engine.buildMs.toFixed(0)} ms`);
    engines.push(engine);
    results.set(engine.name, evaluate(engine));
  };

  // This project's engine, plus its snapshot round trip.
  {
    const built = measure(() => SearchIndex.build(docs));
    const t0 = performance.now();
    const snapshot = built.value.toBytes();
    const snapMs = performance.now() - t0;
    const t1 = performance.now();
    const restored = SearchIndex.fromBytes(snapshot);
    const restoreMs = performance.now() - t1;
    const sizeMb = snapshot.length / 1e6;
    run({
      name: 'Báo Offline',
      buildMs: built.ms,
      memoryBytes: built.bytes,
      queries,
      search: (q) => {
        const r = restored.search(q, { limit: 10 });
        return [...r.hits, ...r.loose].map((h) => h.id);
      },
      extra: `snapshot ${sizeMb.toFixed(1)} MB bytes, toBytes ${snapMs.toFixed(0)} ms, fromBytes ${restoreMs.toFixed(0)} ms`,
    });
  }

  // Why typo neighbours are generated rather than found by fuse.js over the vocabulary.
  let fuzzyNote = '';
  {
    const vocabulary = [...new Set(docs.flatMap((d) => syllableKeys(`${d.title} ${d.summary} ${d.text}`)))];
    const known = new Set(vocabulary);
    const words = queries.flatMap((q) => (q.typo ?? '').split(' ')).filter((w) => w.length >= 3).slice(0, 200);
    const fuse = new Fuse(vocabulary, { threshold: 0.3, ignoreLocation: true });
    const t0 = performance.now();
    for (const w of words) fuse.search(w, { limit: 10 });
    const fuseMs = (performance.now() - t0) / words.length;
    const t1 = performance.now();
    for (const w of words) editNeighbours(w, (x) => known.has(x));
    const editMs = (performance.now() - t1) / words.length;
    fuzzyNote = `typo lookup per syllable over the ${vocabulary.length}-word vocabulary: fuse.js ${fuseMs.toFixed(2)} ms, one-edit neighbour generation ${(editMs * 1000).toFixed(0)} µs`;
    console.log(`… ${fuzzyNote}`);
  }

  {
    const built = measure(() => {
      const ms = new MiniSearch<SearchDoc>({
        fields: ['title', 'summary', 'text'],
        tokenize: syllableKeys,
        processTerm: (t) => t,
        searchOptions: { fuzzy: 0.2, prefix: true, combineWith: 'AND', boost: { title: 2 }, tokenize: syllableKeys, processTerm: (t) => t },
      });
      ms.addAll(docs);
      return ms;
    });
    run({ name: 'MiniSearch', buildMs: built.ms, memoryBytes: built.bytes, queries, search: (q) => built.value.search(q).map((r) => String(r.id)) });
  }

  {
    const built = measure(() => {
      const index = new FlexSearch.Index({
        tokenize: 'strict',
        encode: syllableKeys,
        context: { depth: 3, bidirectional: true, resolution: 9 },
      });
      docs.forEach((d, i) => index.add(i, `${d.title}\n${d.summary}\n${d.text}`));
      return index;
    });
    run({
      name: 'FlexSearch',
      buildMs: built.ms,
      memoryBytes: built.bytes,
      queries,
      search: (q) => (built.value.search(q, { limit: 10, suggest: true }) as number[]).map((i) => (docs[i] as SearchDoc).id),
    });
  }

  {
    const built = measure(() => {
      const folded = docs.map((d) => ({ id: d.id, title: foldKey(d.title), summary: foldKey(d.summary), text: foldKey(d.text) }));
      return new Fuse(folded, { keys: ['title', 'summary', 'text'], ignoreLocation: true, threshold: 0.3 });
    });
    run({
      name: `fuse.js full text (first ${FUSE_QUERIES} queries)`,
      buildMs: built.ms,
      memoryBytes: built.bytes,
      queries: queries.slice(0, FUSE_QUERIES),
      search: (q) => built.value.search(foldKey(q).slice(0, 32), { limit: 10 }).map((r) => r.item.id),
    });
  }

  const mb = (b: number): string => (gc ? `${(b / 1e6).toFixed(1)} MB` : 'n/a');
  const lines: string[] = [];
  lines.push(`Corpus: ${docs.length} articles, ${queries.length} known-item queries × ${VARIANTS.length} variants; node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`, '');
  lines.push('| Engine | Build | Memory | Query p50 | Query p95 |', '|---|---:|---:|---:|---:|');
  for (const e of engines) {
    const r = results.get(e.name)!;
    lines.push(`| ${e.name} | ${e.buildMs.toFixed(0)} ms | ${mb(e.memoryBytes)} | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms |`);
  }
  const extras = engines.filter((e) => e.extra).map((e) => `- ${e.name}: ${e.extra}`);
  extras.push(`- ${fuzzyNote}`);
  lines.push('', ...extras);
  lines.push('', `MRR@10 / recall@10 per query variant (n = queries with that variant; fuse.js: first ${FUSE_QUERIES} only):`, '');
  lines.push(`| Variant | n | ${engines.map((e) => e.name).join(' | ')} |`, `|---|---:|${engines.map(() => '---:').join('|')}|`);
  for (const v of VARIANTS) {
    const n = results.get(engines[0]!.name)!.quality.get(v)!.n;
    const cells = engines.map((e) => {
      const q = results.get(e.name)!.quality.get(v)!;
      return q.n ? `${q.mrr.toFixed(3)} / ${q.recall.toFixed(3)}` : '–';
    });
    lines.push(`| ${v} | ${n} | ${cells.join(' | ')} |`);
  }
  const table = lines.join('\n');
  console.log(`\n${table}\n`);
  const out = resolve(root, 'docs/bench-search.md');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `# Search benchmark\n\nGenerated by \`npm run bench:search\` (scripts/bench-search.ts); settings of each engine are in the script.\n\n${table}\n`,
  );
  console.log(`Written to ${out}`);
}

main();
