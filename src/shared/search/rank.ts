/**
 * Ranking over positional postings. A document's score orders, most important
 * first: query syllables matched (typo matches count) › longest run of query
 * syllables adjacent and in order › fewer typo-matched syllables in that run ›
 * more syllables in the exact diacritic form in that run › field of that run
 * (title › tags/summary › body) › syllables matched without typo anywhere ›
 * exact diacritic form anywhere. Newer documents break ties.
 */
import type { Segment } from './postings';

/** One way a query syllable can match: an indexed term, possibly a typo correction. */
export interface Alternative {
  atom: number;
  term: number;
  fuzzy: boolean;
  /** Toned variant the reader typed (query had diacritics), or -1 for no preference. */
  wantVariant: number;
}

export interface RankInput {
  segments: Segment[];
  alive: Uint8Array;
  published: ArrayLike<number>;
  alternatives: Alternative[];
  atoms: number;
}

export interface Ranked {
  doc: number;
  score: number;
  /** Every syllable matched exactly, as one phrase. */
  perfect: boolean;
}

/** Positions: fields live in separate ranges, so a phrase never spans two fields. */
export const TAG_BASE = 1 << 10;
export const SUMMARY_BASE = 1 << 11;
export const BODY_BASE = 1 << 14;
/** Key of (document, position) for the phrase tables; positions stay below this. */
const POS_SPAN = 2 ** 22;
export const MAX_POSITION = POS_SPAN - 2;
export const MAX_ATOMS = 20;

/** 2 for title, 1 for tags and summary, 0 for body. */
export function fieldOf(pos: number): number {
  return pos < TAG_BASE ? 2 : pos < BODY_BASE ? 1 : 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const RUN_UNIT = 64 * 64 * 4; // run score = ((run·64 + 63 − typos)·64 + toned)·4 + field

export function rank(input: RankInput): Ranked[] {
  const { segments, alive, alternatives: alts, atoms: n } = input;
  const docCount = alive.length;
  const mask = new Uint32Array(docCount);
  const exact = new Uint32Array(docCount);
  const touched: number[] = [];
  for (const a of alts) {
    const bit = 1 << a.atom;
    for (const seg of segments) {
      const [lo, hi] = seg.range(a.term);
      let last = -1;
      for (let i = lo; i < hi; i++) {
        const d = seg.doc[i] as number;
        if (d === last) continue;
        last = d;
        if (!alive[d]) continue;
        if (mask[d] === 0) touched.push(d);
        mask[d] = (mask[d] as number) | bit;
        if (!a.fuzzy) exact[d] = (exact[d] as number) | bit;
      }
    }
  }
  let maxCov = 0;
  for (const d of touched) maxCov = Math.max(maxCov, popcount(mask[d] as number));
  // A document must match at least half of the query; only the best-matching tier is ranked.
  if (maxCov === 0 || maxCov < Math.ceil(n / 2)) return [];
  const qualified = new Uint8Array(docCount);
  const docs = touched.filter((d) => popcount(mask[d] as number) === maxCov);
  for (const d of docs) qualified[d] = 1;

  const best = new Float64Array(docCount);
  const toned = new Uint32Array(docCount);
  let prev: Map<number, number> | null = null;
  for (let atom = 0; atom < n; atom++) {
    // The last syllable's states are never looked up: skip storing them.
    const cur: Map<number, number> | null = atom + 1 < n ? new Map() : null;
    const bit = 1 << atom;
    for (const a of alts) {
      if (a.atom !== atom) continue;
      for (const seg of segments) {
        const [lo, hi] = seg.range(a.term);
        for (let i = lo; i < hi; i++) {
          const d = seg.doc[i] as number;
          if (!qualified[d]) continue;
          const p = seg.pos[i] as number;
          const key = d * POS_SPAN + p;
          const before = prev?.get(key - 1);
          const tonedHit = a.wantVariant >= 0 && seg.variant[i] === a.wantVariant ? 1 : 0;
          if (tonedHit) toned[d] = (toned[d] as number) | bit;
          const run = before === undefined ? 1 : (before & 63) + 1;
          const typos = (before === undefined ? 0 : (before >> 6) & 63) + (a.fuzzy ? 1 : 0);
          const tonedRun = (before === undefined ? 0 : before >> 12) + tonedHit;
          cur?.set(key, run | (typos << 6) | (tonedRun << 12));
          const score = ((run * 64 + 63 - typos) * 64 + tonedRun) * 4 + fieldOf(p);
          if (score > (best[d] as number)) best[d] = score;
        }
      }
    }
    prev = cur;
  }

  const ranked: Ranked[] = docs.map((d) => {
    const runScore = best[d] as number;
    const run = Math.floor(runScore / RUN_UNIT);
    const typos = 63 - (Math.floor(runScore / 256) % 64);
    const score = ((maxCov * 64 * RUN_UNIT + runScore) * 64 + popcount(exact[d] as number)) * 64 + popcount(toned[d] as number);
    return { doc: d, score, perfect: maxCov === n && run === n && typos === 0 };
  });
  const published = input.published;
  ranked.sort((x, y) => y.score - x.score || (published[y.doc] as number) - (published[x.doc] as number));
  return ranked;
}
