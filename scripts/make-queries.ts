/**
 * Known-item queries the bench never saw, made from random articles of a
 * JSON Feed, in the shared corpus's queries.json format:
 *
 *   npx tsx scripts/make-queries.ts --feed FEED.json --seed N [--count 400] > QUERIES.json
 *
 * Each query is, at random, 2–5 syllables in a row from an article's title
 * or body, or a bag of 2–5 syllables from its body (in their order, not side
 * by side), typed as `exact`, `folded`, `nfd`, `upper` and, when a syllable
 * has 3+ letters, `typo` (the folded query with one letter of one such
 * syllable replaced). Unlike the corpus's queries, the phrase need not be
 * unique: snippets a reader remembers often stand in other articles too. The
 * same seed gives the same queries; tune on one seed, report on another.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { foldKey } from '../src/shared/search/fold';
import { forEachSyllable } from '../src/shared/search/tokenize';
import { readFeedDocs } from './bench-input';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    feed: { type: 'string', default: resolve(root, '../shared/corpus/feed.json') },
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '400' },
  },
});

/** Park–Miller: small, seeded, the same on every machine. */
let state = (Number(args.seed) >>> 0) % 2_147_483_646 || 1;
const random = (k: number): number => {
  state = (state * 48_271) % 2_147_483_647;
  return state % k;
};

const syllables = (text: string): string[] => {
  const out: string[] = [];
  forEachSyllable(text, (s, e) => {
    out.push(text.slice(s, e));
  });
  return out;
};

const LETTERS = 'abcdeghiklmnopqrstuvxy';

/** The folded query with one letter of one 3+-letter syllable replaced by another; null when it has none. */
function typo(words: string[]): string | null {
  const folded = words.map(foldKey);
  const long = folded.flatMap((w, i) => (w.length >= 3 && /^[a-z]+$/.test(w) ? [i] : []));
  if (long.length === 0) return null;
  const i = long[random(long.length)] as number;
  const w = folded[i] as string;
  const at = random(w.length);
  let c = w.charAt(at);
  while (c === w.charAt(at)) c = LETTERS.charAt(random(LETTERS.length));
  folded[i] = w.slice(0, at) + c + w.slice(at + 1);
  return folded.join(' ');
}

const { docs } = readFeedDocs(args.feed);
const queries: Array<Record<string, string>> = [];
const count = Number(args.count);
while (queries.length < count) {
  const doc = docs[random(docs.length)];
  if (doc === undefined) break;
  const kind = random(3);
  const from = kind === 0 ? 'title' : 'body';
  const words = syllables(kind === 0 ? doc.title : doc.text);
  const n = 2 + random(4);
  if (words.length < n) continue;
  let picked: string[];
  if (kind === 2) {
    // A bag: n syllables from anywhere in the body, kept in their order.
    const at = new Set<number>();
    while (at.size < n) at.add(random(words.length));
    picked = [...at].sort((a, b) => a - b).map((i) => words[i] as string);
  } else {
    const start = random(words.length - n + 1);
    picked = words.slice(start, start + n);
  }
  const exact = picked.join(' ');
  const q: Record<string, string> = {
    target: doc.id,
    from: kind === 2 ? 'bag' : from,
    exact,
    folded: picked.map(foldKey).join(' '),
    nfd: exact.normalize('NFD'),
    upper: exact.toUpperCase(),
  };
  const t = typo(picked);
  if (t !== null) q.typo = t;
  queries.push(q);
}
process.stdout.write(`${JSON.stringify(queries, null, 1)}\n`);
