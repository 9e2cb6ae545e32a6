/**
 * Ranking over positional postings. A document's score orders, most important
 * first: query syllables matched (typo matches count) › longest run of query
 * syllables adjacent and in order › fewer typo-matched syllables in that run ›
 * fewer links across punctuation in that run (readers remember words, not
 * commas, so those still count as a phrase) ›
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
  /** Every query syllable matched, as one phrase (typo matches included). */
  phrase: boolean;
}

/** Positions: fields live in separate ranges, so a phrase never spans two fields. */
export const TAG_BASE = 1 << 10;
export const SUMMARY_BASE = 1 << 11;
export const BODY_BASE = 1 << 14;
/** Positions are 16-bit: bodies are indexed up to about 49,000 syllables. */
export const MAX_POSITION = 0xffff;
export const MAX_ATOMS = 20;

/** 2 for title, 1 for tags and summary, 0 for body. */
function fieldOf(pos: number): number {
  return pos < TAG_BASE ? 2 : pos < BODY_BASE ? 1 : 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * First index in [lo, hi) whose document is ≥ d: gallop then binary search,
 * so skipping a frequent term's postings for unqualified documents is cheap.
 */
function seek(doc: Uint32Array, lo: number, hi: number, d: number): number {
  if (lo >= hi || (doc[lo] as number) >= d) return lo;
  let step = 1;
  let prev = lo;
  let at = lo + 1;
  while (at < hi && (doc[at] as number) < d) {
    prev = at;
    step *= 2;
    at = prev + step;
  }
  let l = prev + 1;
  let h = Math.min(at, hi);
  while (l < h) {
    const mid = (l + h) >>> 1;
    if ((doc[mid] as number) < d) l = mid + 1;
    else h = mid;
  }
  return l;
}

/**
 * Reused per-position tables for phrase runs, one pair per parity of the
 * query syllable; stamps tell which (document, syllable) wrote an entry, so
 * nothing is cleared between documents.
 */
const scratch = {
  size: 1 << 15,
  epoch: 0,
  stampA: new Int32Array(1 << 15),
  stateA: new Int32Array(1 << 15),
  stampB: new Int32Array(1 << 15),
  stateB: new Int32Array(1 << 15),
  reset(): void {
    this.epoch = 0;
    this.stampA.fill(0);
    this.stampB.fill(0);
  },
  grow(min: number): void {
    let size = this.size;
    while (size < min) size *= 2;
    const bigger = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.stampA = bigger(this.stampA);
    this.stateA = bigger(this.stateA);
    this.stampB = bigger(this.stampB);
    this.stateB = bigger(this.stateB);
    this.size = size;
  },
};

/** Flag on a posting's variant id: punctuation separates it from the previous syllable. */
export const AFTER_PUNCTUATION = 0x8000;
const RUN_UNIT = 64 * 64 * 64 * 4; // run score = (((run·64 + 63 − typos)·64 + 63 − crossings)·64 + toned)·4 + field

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

  // Phrase runs, document by document: every stream (an alternative's postings
  // in one segment) is sorted by document, so one cursor per stream sweeps forward.
  docs.sort((x, y) => x - y);
  const streams = alts.flatMap((a) =>
    segments.map((seg) => {
      const [lo, hi] = seg.range(a.term);
      return { alt: a, seg, at: lo, hi };
    }),
  ).filter((s) => s.at < s.hi);
  const byAtom = Array.from({ length: n }, (_, atom) => streams.filter((s) => s.alt.atom === atom));
  const best = new Float64Array(docCount);
  const toned = new Uint32Array(docCount);
  const phrase = new Uint8Array(docCount);
  // Epochs keep growing across queries so stale stamps never match; restart them before they overflow.
  if (scratch.epoch > 2 ** 30) scratch.reset();
  for (const d of docs) {
    for (let atom = 0; atom < n; atom++) {
      const epoch = ++scratch.epoch;
      const [stamp, state] = atom % 2 === 0 ? [scratch.stampA, scratch.stateA] : [scratch.stampB, scratch.stateB];
      const [prevStamp, prevState] = atom % 2 === 0 ? [scratch.stampB, scratch.stateB] : [scratch.stampA, scratch.stateA];
      for (const s of byAtom[atom] as typeof streams) {
        const { doc, pos, variant } = s.seg;
        s.at = seek(doc, s.at, s.hi, d);
        const a = s.alt;
        for (; s.at < s.hi && doc[s.at] === d; s.at++) {
          const p = pos[s.at] as number;
          if (p + 1 >= scratch.size) scratch.grow(p + 2);
          const linked = atom > 0 && p > 0 && prevStamp[p - 1] === epoch - 1;
          const before = linked ? (prevState[p - 1] as number) : 0;
          const v = variant[s.at] as number;
          const crossing = linked && v & AFTER_PUNCTUATION ? 1 : 0;
          const tonedHit = a.wantVariant >= 0 && (v & ~AFTER_PUNCTUATION) === a.wantVariant ? 1 : 0;
          if (tonedHit) toned[d] = (toned[d] as number) | (1 << atom);
          const run = (before & 63) + 1;
          const typos = ((before >> 6) & 63) + (a.fuzzy ? 1 : 0);
          const crossings = ((before >> 12) & 63) + crossing;
          const tonedRun = (before >> 18) + tonedHit;
          stamp[p] = epoch;
          state[p] = run | (typos << 6) | (crossings << 12) | (tonedRun << 18);
          if (run === n) phrase[d] = 1;
          const score = (((run * 64 + 63 - typos) * 64 + 63 - crossings) * 64 + tonedRun) * 4 + fieldOf(p);
          if (score > (best[d] as number)) best[d] = score;
        }
      }
    }
  }

  const ranked: Ranked[] = docs.map((d) => {
    const runScore = best[d] as number;
    const score = ((maxCov * 64 * RUN_UNIT + runScore) * 64 + popcount(exact[d] as number)) * 64 + popcount(toned[d] as number);
    return { doc: d, score, phrase: phrase[d] === 1 };
  });
  const published = input.published;
  ranked.sort((x, y) => y.score - x.score || (published[y.doc] as number) - (published[x.doc] as number));
  return ranked;
}
