/**
 * Ranking over positional postings. Documents that hold every query syllable
 * come first (full matches); then, apart, those that miss one syllable of a
 * longer query or hold a word only with other diacritics than typed (loose
 * matches). A syllable is held when the document has it as typed (in the
 * toned form typed, when the reader typed accents), as Telex/VNI, or, for a
 * word the index does not know, as a typo neighbour; a document holding the
 * whole query as a phrase through typo neighbours holds it too.
 *
 * Within each group: documents holding the whole query as one phrase first,
 * ordered by that phrase (fewer typos › title › tags/summary › body › fewer
 * links across punctuation › more syllables in the typed diacritic form); then
 * by relevance: BM25 over the query syllables with field weights (a title
 * occurrence counts 3, tags and summary 2, body 1; typo neighbours of an
 * unknown word half, of a known word nothing),
 * plus, for each pair of neighbouring query syllables (most Vietnamese words
 * are two syllables) found side by side, one plus the weight of the rarer one. Newer
 * documents break ties.
 *
 * Work is bounded: phrases are looked for only in the best candidates by
 * BM25, up to a budget of postings, so a query of common words over a large
 * archive costs about what a rare one does.
 */
import type { Segment } from './postings';

/** One way a query syllable can match: an indexed term, possibly a typo correction. */
export interface Alternative {
  atom: number;
  term: number;
  fuzzy: boolean;
  /** Toned variant the reader typed (query had diacritics) or spelled in Telex/VNI, or -1 for no preference. */
  wantVariant: number;
  /**
   * The reader typed the accents: only that toned form holds the word. A tone
   * read from Telex/VNI keystrokes is a preference, as the letters may be a typo.
   */
  typedTone?: boolean;
}

export interface RankInput {
  segments: Segment[];
  alive: Uint8Array;
  published: ArrayLike<number>;
  /** Syllables indexed per document, and their mean over live documents. */
  lengths: ArrayLike<number>;
  averageLength: number;
  /** Live documents. */
  documents: number;
  alternatives: Alternative[];
  atoms: number;
}

export interface Ranked {
  doc: number;
  score: number;
  /** Every query syllable matched, as one phrase (typo matches included). */
  phrase: boolean;
  /** Holds every query syllable (see above). */
  full: boolean;
}

/** Positions: fields live in separate ranges, so a phrase never spans two fields. */
export const TAG_BASE = 1 << 10;
export const SUMMARY_BASE = 1 << 11;
export const BODY_BASE = 1 << 14;
/** Positions are 16-bit: bodies are indexed up to about 49,000 syllables. */
export const MAX_POSITION = 0xffff;

/** 2 for title, 1 for tags and summary, 0 for body. */
function fieldOf(pos: number): number {
  return pos < TAG_BASE ? 2 : pos < BODY_BASE ? 1 : 0;
}

/** Term-frequency weight of an occurrence by field (body, tags/summary, title). */
const FIELD_WEIGHT = [1, 2, 3];
const K1 = 1.2;
const B = 0.75;
const FUZZY_WEIGHT = 0.5;
/** A pair of query syllables side by side is worth this much more than the rarer of the two alone. */
const PAIR_WEIGHT = 1;
/** Postings the phrase pass may visit. */
const PHRASE_BUDGET = 400_000;
/**
 * Documents the phrase pass looks at for a query longer than one typed from
 * memory (a pasted sentence): its words are common, its article is among the
 * best by BM25 anyway.
 */
const LONG_QUERY = 5;
const LONG_QUERY_DOCS = 200;

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


export function rank(input: RankInput): Ranked[] {
  const { segments, alive, lengths, alternatives: alts, atoms: n } = input;
  const docCount = alive.length;
  const mask = new Uint32Array(docCount);
  const held = new Uint32Array(docCount);
  const relevance = new Float64Array(docCount);
  const postings = new Uint32Array(docCount);
  const touched: number[] = [];
  const idfOfAtom = new Float64Array(n);
  let exactAtoms = 0;
  for (const a of alts) if (!a.fuzzy) exactAtoms |= 1 << a.atom;
  const norm = K1 / Math.max(1, input.averageLength);
  // Per alternative: its documents and their saturated term frequencies, weighted by idf once df is known.
  let hitDocs = new Int32Array(1024);
  let hitSat = new Float64Array(1024);
  for (const a of alts) {
    const bit = 1 << a.atom;
    // A typo neighbour stands in only for a word the index does not know.
    const holds = !a.fuzzy || (exactAtoms & bit) === 0;
    let df = 0;
    for (const seg of segments) {
      const [lo, hi] = seg.range(a.term);
      const { doc, pos, variant } = seg;
      let last = -1;
      let tf = 0;
      const flush = (): void => {
        if (last < 0 || tf === 0) return;
        if (df === hitDocs.length) {
          const docsBigger = new Int32Array(df * 2);
          docsBigger.set(hitDocs);
          hitDocs = docsBigger;
          const satBigger = new Float64Array(df * 2);
          satBigger.set(hitSat);
          hitSat = satBigger;
        }
        const k = K1 * (1 - B) + norm * B * (lengths[last] as number);
        hitDocs[df] = last;
        hitSat[df] = (tf * (K1 + 1)) / (tf + k);
        df++;
      };
      for (let i = lo; i < hi; i++) {
        const d = doc[i] as number;
        if (!alive[d]) continue;
        if (d !== last) {
          flush();
          last = d;
          tf = 0;
          if (mask[d] === 0) touched.push(d);
          mask[d] = (mask[d] as number) | bit;
        }
        tf += FIELD_WEIGHT[fieldOf(pos[i] as number)] as number;
        postings[d] = (postings[d] as number) + 1;
        if (holds && ((held[d] as number) & bit) === 0 && (!a.typedTone || ((variant[i] as number) & ~AFTER_PUNCTUATION) === a.wantVariant)) {
          held[d] = (held[d] as number) | bit;
        }
      }
      flush();
    }
    const idf = Math.log(1 + (input.documents - df + 0.5) / (df + 0.5));
    idfOfAtom[a.atom] = Math.max(idfOfAtom[a.atom] as number, idf);
    // A typo neighbour of a known word only helps find a phrase typed with a slip; it adds no weight.
    const weight = holds ? idf * (a.fuzzy ? FUZZY_WEIGHT : 1) : 0;
    for (let j = 0; j < df; j++) {
      const d = hitDocs[j] as number;
      relevance[d] = (relevance[d] as number) + weight * (hitSat[j] as number);
    }
  }
  const all = (1 << n) - 1;
  // Candidates: every syllable matched somehow, or all but one of a longer query.
  const least = n >= 3 ? n - 1 : n;
  const docs = touched.filter((d) => popcount(mask[d] as number) >= least);
  if (docs.length === 0) return [];

  // The phrase pass looks at the best candidates first, up to its budget.
  docs.sort((x, y) => popcount(mask[y] as number) - popcount(mask[x] as number) || (relevance[y] as number) - (relevance[x] as number));
  let spent = 0;
  let cut = 0;
  const maxDocs = n >= LONG_QUERY ? LONG_QUERY_DOCS : docs.length;
  while (cut < Math.min(maxDocs, docs.length) && (cut === 0 || spent + (postings[docs[cut] as number] as number) <= PHRASE_BUDGET)) {
    spent += postings[docs[cut] as number] as number;
    cut++;
  }
  const scanned = docs.slice(0, cut).sort((x, y) => x - y);

  // Phrase runs, document by document: every stream (an alternative's postings
  // in one segment) is sorted by document, so one cursor per stream sweeps forward.
  const streams = alts.flatMap((a) =>
    segments.map((seg) => {
      const [lo, hi] = seg.range(a.term);
      return { alt: a, seg, at: lo, hi };
    }),
  ).filter((s) => s.at < s.hi);
  const byAtom = Array.from({ length: n }, (_, atom) => streams.filter((s) => s.alt.atom === atom));
  const best = new Float64Array(docCount);
  const pairs = new Uint32Array(docCount);
  const phrase = new Uint8Array(docCount);
  const heldPhrase = new Uint8Array(docCount);
  // Epochs keep growing across queries so stale stamps never match; restart them before they overflow.
  if (scratch.epoch > 2 ** 30) scratch.reset();
  for (const d of scanned) {
    for (let atom = 0; atom < n; atom++) {
      const epoch = ++scratch.epoch;
      const even = atom % 2 === 0;
      const stamp = even ? scratch.stampA : scratch.stampB;
      const state = even ? scratch.stateA : scratch.stateB;
      const prevStamp = even ? scratch.stampB : scratch.stampA;
      const prevState = even ? scratch.stateB : scratch.stateA;
      for (const s of byAtom[atom] as typeof streams) {
        const { doc, pos, variant } = s.seg;
        s.at = seek(doc, s.at, s.hi, d);
        const a = s.alt;
        for (; s.at < s.hi && doc[s.at] === d; s.at++) {
          const p = pos[s.at] as number;
          if (p + 1 >= scratch.size) scratch.grow(p + 2);
          const linked = atom > 0 && p > 0 && prevStamp[p - 1] === epoch - 1;
          if (linked) pairs[d] = (pairs[d] as number) | (1 << atom);
          const before = linked ? (prevState[p - 1] as number) : 0;
          const v = variant[s.at] as number;
          const crossing = linked && v & AFTER_PUNCTUATION ? 1 : 0;
          const tonedHit = a.wantVariant >= 0 && (v & ~AFTER_PUNCTUATION) === a.wantVariant ? 1 : 0;
          const run = (before & 63) + 1;
          const typos = ((before >> 6) & 63) + (a.fuzzy ? 1 : 0);
          const crossings = ((before >> 12) & 63) + crossing;
          const tonedRun = ((before >> 18) & 63) + tonedHit;
          const heldRun = (before >> 24) + (!a.typedTone || tonedHit ? 1 : 0);
          stamp[p] = epoch;
          state[p] = run | (typos << 6) | (crossings << 12) | (tonedRun << 18) | (heldRun << 24);
          if (run === n) {
            phrase[d] = 1;
            if (heldRun === n) heldPhrase[d] = 1;
            // Phrase score = (((63 − typos)·4 + field)·64 + 63 − crossings)·64 + toned, ≥ 1.
            const score = 1 + (((63 - typos) * 4 + fieldOf(p)) * 64 + 63 - crossings) * 64 + tonedRun;
            if (score > (best[d] as number)) best[d] = score;
          }
        }
      }
    }
  }

  const ranked: Ranked[] = docs.map((d) => {
    let bonus = 0;
    const linked = pairs[d] as number;
    for (let atom = 1; atom < n; atom++) {
      if (linked & (1 << atom)) bonus += PAIR_WEIGHT + Math.min(idfOfAtom[atom - 1] as number, idfOfAtom[atom] as number);
    }
    // Below 1e4 however long the query; the phrase score, when any, outweighs it.
    const score = popcount(mask[d] as number) * 1e12 + (best[d] as number) * 1e4 + Math.min(9999, (relevance[d] as number) + bonus);
    return { doc: d, score, phrase: phrase[d] === 1, full: held[d] === all || heldPhrase[d] === 1 };
  });
  const published = input.published;
  ranked.sort((x, y) => Number(y.full) - Number(x.full) || y.score - x.score || (published[y.doc] as number) - (published[x.doc] as number));
  return ranked;
}
