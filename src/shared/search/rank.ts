/**
 * Ranking over compressed positional postings. Documents that hold every
 * query syllable come first (full matches); then, apart, those that miss one
 * syllable of a longer query or hold a word only with other diacritics than
 * typed (loose matches). A syllable is held when the document has it as typed
 * (in the toned form typed, when the reader typed accents), as Telex/VNI, or,
 * for a word the index does not know, as a typo neighbour; a document holding
 * the whole query as a phrase through typo neighbours holds it too.
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
 * Work is bounded: the first pass reads doc records only (no positions);
 * phrases are looked for only in the best candidates by BM25, up to a budget
 * of position bytes, so a query of common words over a large archive costs
 * about what a rare one does; only the best `limit` of each group are sorted.
 */
import { fieldOf } from './fields';
import { decodePositions, variantBit, type Segment } from './postings';

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
  /** Removed documents whose postings are still in the segments. */
  removed: number;
  alternatives: Alternative[];
  atoms: number;
  /** Best documents wanted of each group. */
  limit: number;
}

export interface Ranked {
  doc: number;
  score: number;
  /** Every query syllable matched, as one phrase (typo matches included). */
  phrase: boolean;
  /** Holds every query syllable (see above). */
  full: boolean;
}

export interface RankResult {
  /** The best full matches, then the best loose ones, each best first and at most `limit`. */
  full: Ranked[];
  loose: Ranked[];
  total: number;
  looseTotal: number;
  /** Some candidate holds the whole query as a phrase. */
  phrase: boolean;
}

const K1 = 1.2;
const B = 0.75;
const FUZZY_WEIGHT = 0.5;
/** A pair of query syllables side by side is worth this much more than the rarer of the two alone. */
const PAIR_WEIGHT = 1;
/** Bytes of positions the phrase pass may decode (about 1.3 bytes a posting). */
const PHRASE_BUDGET = 500_000;
/**
 * Documents the phrase pass looks at for a query longer than one typed from
 * memory (a pasted sentence): its words are common, its article is among the
 * best by BM25 anyway.
 */
const LONG_QUERY = 5;
const LONG_QUERY_DOCS = 200;
/** A seek costs about as much as decoding this many records. */
const SEEK_COST = 16;
/** Relevance levels the phrase pass's budget is shared out by. */
const LEVELS = 1024;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Reused tables: per-document accumulators (cleared through the list of
 * touched documents), and per-position tables for phrase runs, one pair per
 * parity of the query syllable, whose stamps tell which (document, syllable)
 * wrote an entry, so nothing is cleared between documents.
 */
const scratch = {
  docs: 0,
  mask: new Uint32Array(0),
  held: new Uint32Array(0),
  relevance: new Float64Array(0),
  cost: new Uint32Array(0),
  /** Phrase pass: best phrase score, query syllables linked to the previous one, phrase of held words. */
  best: new Float64Array(0),
  pairs: new Uint32Array(0),
  heldPhrase: new Uint8Array(0),
  size: 1 << 15,
  epoch: 0,
  stampA: new Int32Array(1 << 15),
  stateA: new Int32Array(1 << 15),
  stampB: new Int32Array(1 << 15),
  stateB: new Int32Array(1 << 15),
  decoded: new Int32Array(1024),
  forDocs(n: number): void {
    if (n <= this.docs) return;
    this.docs = Math.max(n, this.docs * 2);
    this.mask = new Uint32Array(this.docs);
    this.held = new Uint32Array(this.docs);
    this.relevance = new Float64Array(this.docs);
    this.cost = new Uint32Array(this.docs);
    this.best = new Float64Array(this.docs);
    this.pairs = new Uint32Array(this.docs);
    this.heldPhrase = new Uint8Array(this.docs);
  },
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

/**
 * The doc records the first pass read, chained per document (head → next),
 * so the phrase pass visits only a document's own records: no second walk
 * over the postings, no seeking.
 */
const seen = {
  length: 0,
  head: new Int32Array(0),
  next: new Int32Array(1 << 12),
  alt: new Int32Array(1 << 12),
  seg: new Int32Array(1 << 12),
  posAt: new Int32Array(1 << 12),
  posEnd: new Int32Array(1 << 12),
  mask: new Int32Array(1 << 12),
  forDocs(n: number): void {
    if (n > this.head.length) this.head = new Int32Array(Math.max(n, this.head.length * 2)).fill(-1);
  },
  push(d: number, alt: number, seg: number, posAt: number, posEnd: number, mask: number): void {
    if (this.length === this.next.length) {
      const size = this.length * 2;
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(size);
        b.set(a);
        return b;
      };
      this.next = grow(this.next);
      this.alt = grow(this.alt);
      this.seg = grow(this.seg);
      this.posAt = grow(this.posAt);
      this.posEnd = grow(this.posEnd);
      this.mask = grow(this.mask);
    }
    const e = this.length++;
    this.next[e] = this.head[d] as number;
    this.head[d] = e;
    this.alt[e] = alt;
    this.seg[e] = seg;
    this.posAt[e] = posAt;
    this.posEnd[e] = posEnd;
    this.mask[e] = mask;
  },
};

export function rank(input: RankInput): RankResult {
  const { segments, alive, lengths, alternatives: alts, atoms: n } = input;
  scratch.forDocs(alive.length);
  seen.forDocs(alive.length);
  seen.length = 0;
  const { mask, held, relevance, cost } = scratch;
  const touched: number[] = [];
  const idfOfAtom = new Float64Array(n);
  let exactAtoms = 0;
  for (const a of alts) if (!a.fuzzy) exactAtoms |= 1 << a.atom;
  const norm = K1 / Math.max(1, input.averageLength);
  const least = n >= 3 ? n - 1 : n;
  // Atoms are read rarest first: once more atoms are read than a candidate
  // may miss, a document not met yet can no longer become one, and the
  // commoner atoms are looked up for the documents met so far only.
  const reach = new Float64Array(n);
  for (const a of alts) for (const seg of segments) reach[a.atom] = (reach[a.atom] as number) + seg.df(a.term);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => (reach[x] as number) - (reach[y] as number));
  for (let i = 0; i < n; i++) {
    const atom = order[i] as number;
    const gate = i > n - least ? Int32Array.from(touched.filter((d) => popcount(mask[d] as number) + n - i >= least)).sort() : null;
    for (let ai = 0; ai < alts.length; ai++) {
      const a = alts[ai] as Alternative;
      if (a.atom !== atom) continue;
      const bit = 1 << atom;
      // A typo neighbour stands in only for a word the index does not know.
      const holds = !a.fuzzy || (exactAtoms & bit) === 0;
      const toneBit = a.typedTone ? variantBit(a.wantVariant) : 0;
      let df = 0;
      for (const seg of segments) df += input.removed > 0 ? liveDf(seg, a.term, alive) : seg.df(a.term);
      const idf = Math.log(1 + Math.max(0, input.documents - df + 0.5) / (df + 0.5));
      idfOfAtom[atom] = Math.max(idfOfAtom[atom] as number, idf);
      // A typo neighbour of a known word only helps find a phrase typed with a slip; it adds no weight.
      const weight = holds ? idf * (a.fuzzy ? FUZZY_WEIGHT : 1) : 0;
      for (let si = 0; si < segments.length; si++) {
        const seg = segments[si] as Segment;
        const c = seg.cursor(a.term);
        const visit = (): void => {
          const d = c.doc;
          if (!alive[d]) return;
          const tf = c.weight;
          relevance[d] = (relevance[d] as number) + (weight * tf * (K1 + 1)) / (tf + K1 * (1 - B) + norm * B * (lengths[d] as number));
          const m = mask[d] as number;
          if (m === 0) touched.push(d);
          mask[d] = m | bit;
          cost[d] = (cost[d] as number) + c.posEnd - c.posAt;
          if (holds && (toneBit === 0 || (c.mask & toneBit) !== 0)) held[d] = (held[d] as number) | bit;
          seen.push(d, ai, si, c.posAt, c.posEnd, c.mask);
        };
        if (gate && gate.length * SEEK_COST < seg.df(a.term)) {
          for (const d of gate) {
            if (!c.seek(d)) break;
            if (c.doc === d) visit();
          }
        } else {
          while (c.next()) if (!gate || mask[c.doc] !== 0) visit();
        }
      }
    }
  }
  try {
    return rankCandidates(input, touched, idfOfAtom);
  } finally {
    for (const d of touched) {
      mask[d] = 0;
      held[d] = 0;
      relevance[d] = 0;
      cost[d] = 0;
      seen.head[d] = -1;
      scratch.best[d] = 0;
      scratch.pairs[d] = 0;
      scratch.heldPhrase[d] = 0;
    }
  }
}

function rankCandidates(input: RankInput, touched: number[], idfOfAtom: Float64Array): RankResult {
  const { segments, alternatives: alts, atoms: n, limit } = input;
  const { mask, held, relevance, best, pairs, heldPhrase } = scratch;
  const all = (1 << n) - 1;
  // Candidates: every syllable matched somehow, or all but one of a longer query.
  const least = n >= 3 ? n - 1 : n;
  const docs = touched.filter((d) => popcount(mask[d] as number) >= least);
  const none: RankResult = { full: [], loose: [], total: 0, looseTotal: 0, phrase: false };
  if (docs.length === 0) return none;
  const scanned = withinBudget(docs, n >= LONG_QUERY ? LONG_QUERY_DOCS : docs.length);
  let anyPhrase = false;
  // Epochs keep growing across queries so stale stamps never match; restart them before they overflow.
  if (scratch.epoch > 2 ** 30) scratch.reset();
  for (const d of scanned) {
    let linkedAtoms = 0;
    let bestScore = 0;
    for (let atom = 0; atom < n; atom++) {
      const epoch = ++scratch.epoch;
      const even = atom % 2 === 0;
      const stamp = even ? scratch.stampA : scratch.stampB;
      const state = even ? scratch.stateA : scratch.stateB;
      const prevStamp = even ? scratch.stampB : scratch.stampA;
      const prevState = even ? scratch.stateB : scratch.stateA;
      for (let e = seen.head[d] as number; e >= 0; e = seen.next[e] as number) {
        const a = alts[seen.alt[e] as number] as Alternative;
        if (a.atom !== atom) continue;
        const posAt = seen.posAt[e] as number;
        const posEnd = seen.posEnd[e] as number;
        if (scratch.decoded.length < posEnd - posAt) scratch.decoded = new Int32Array(2 * (posEnd - posAt));
        const count = decodePositions((segments[seen.seg[e] as number] as Segment).positions, posAt, posEnd, scratch.decoded);
        // Diacritics are known per document: the typed form counts when the document holds it.
        const tonedHit = a.wantVariant >= 0 && ((seen.mask[e] as number) & variantBit(a.wantVariant)) !== 0 ? 1 : 0;
        const heldHit = !a.typedTone || tonedHit ? 1 : 0;
        for (let k = 0; k < count; k++) {
          const packed = scratch.decoded[k] as number;
          const p = packed >> 1;
          if (p + 1 >= scratch.size) scratch.grow(p + 2);
          const linked = atom > 0 && p > 0 && prevStamp[p - 1] === epoch - 1;
          if (linked) linkedAtoms |= 1 << atom;
          const before = linked ? (prevState[p - 1] as number) : 0;
          const crossing = linked && packed & 1 ? 1 : 0;
          const run = (before & 63) + 1;
          const typos = ((before >> 6) & 63) + (a.fuzzy ? 1 : 0);
          const crossings = ((before >> 12) & 63) + crossing;
          const tonedRun = ((before >> 18) & 63) + tonedHit;
          const heldRun = (before >> 24) + heldHit;
          stamp[p] = epoch;
          state[p] = run | (typos << 6) | (crossings << 12) | (tonedRun << 18) | (heldRun << 24);
          if (run === n) {
            if (heldRun === n) heldPhrase[d] = 1;
            // Phrase score = (((63 − typos)·4 + field)·64 + 63 − crossings)·64 + toned, ≥ 1.
            const score = 1 + (((63 - typos) * 4 + fieldOf(p)) * 64 + 63 - crossings) * 64 + tonedRun;
            if (score > bestScore) bestScore = score;
          }
        }
      }
    }
    pairs[d] = linkedAtoms;
    best[d] = bestScore;
    if (bestScore > 0) anyPhrase = true;
  }

  const published = input.published;
  const full = new TopK(limit, published);
  const loose = new TopK(limit, published);
  for (const d of docs) {
    let bonus = 0;
    const linked = pairs[d] as number;
    for (let atom = 1; atom < n; atom++) {
      if (linked & (1 << atom)) bonus += PAIR_WEIGHT + Math.min(idfOfAtom[atom - 1] as number, idfOfAtom[atom] as number);
    }
    const phraseScore = best[d] as number;
    // Below 1e4 however long the query; the phrase score, when any, outweighs it.
    const score = popcount(mask[d] as number) * 1e12 + phraseScore * 1e4 + Math.min(9999, (relevance[d] as number) + bonus);
    const isFull = held[d] === all || heldPhrase[d] === 1;
    (isFull ? full : loose).offer(d, score, phraseScore > 0);
  }
  return {
    full: full.result(true),
    loose: loose.result(false),
    total: full.count,
    looseTotal: loose.count,
    phrase: anyPhrase,
  };
}

/** Live documents holding a term, while removed ones still have postings. */
function liveDf(seg: Segment, term: number, alive: Uint8Array): number {
  let df = 0;
  const c = seg.cursor(term);
  while (c.next()) df += alive[c.doc] as number;
  return df;
}

/**
 * The candidates the phrase pass looks at: all when they fit its budget,
 * else the best (more syllables matched, then BM25), found through a
 * histogram of (syllables, relevance level) rather than by sorting them all.
 */
function withinBudget(docs: number[], maxDocs: number): number[] {
  const { mask, relevance, cost } = scratch;
  let total = 0;
  let top = 0;
  for (const d of docs) {
    total += cost[d] as number;
    top = Math.max(top, relevance[d] as number);
  }
  if (docs.length <= maxDocs && total <= PHRASE_BUDGET) return docs;
  const key = (d: number): number => popcount(mask[d] as number) * LEVELS + Math.min(LEVELS - 1, Math.floor(((relevance[d] as number) / (top || 1)) * (LEVELS - 1)));
  const costs = new Float64Array(33 * LEVELS);
  const counts = new Uint32Array(33 * LEVELS);
  for (const d of docs) {
    const k = key(d);
    costs[k] = (costs[k] as number) + (cost[d] as number);
    counts[k] = (counts[k] as number) + 1;
  }
  // Whole levels, best first, while they fit; then what fits of the next one.
  let threshold = costs.length;
  let spent = 0;
  let taken = 0;
  while (threshold > 0) {
    const k = threshold - 1;
    if (taken > 0 && (spent + (costs[k] as number) > PHRASE_BUDGET || taken + (counts[k] as number) > maxDocs)) break;
    spent += costs[k] as number;
    taken += counts[k] as number;
    threshold = k;
  }
  const scanned: number[] = [];
  for (const d of docs) if (key(d) >= threshold) scanned.push(d);
  for (const d of docs) {
    if (key(d) !== threshold - 1 || spent + (cost[d] as number) > PHRASE_BUDGET || scanned.length >= maxDocs) continue;
    spent += cost[d] as number;
    scanned.push(d);
  }
  return scanned;
}

/** The best `limit` documents offered, by score then date; counts all offered. */
class TopK {
  count = 0;
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];
  private readonly phrases: boolean[] = [];

  constructor(
    private readonly limit: number,
    private readonly published: ArrayLike<number>,
  ) {}

  private better(d: number, score: number, i: number): boolean {
    const s = this.scores[i] as number;
    return score > s || (score === s && (this.published[d] as number) > (this.published[this.docs[i] as number] as number));
  }

  offer(d: number, score: number, phrase: boolean): void {
    this.count++;
    if (this.limit <= 0) return;
    let i = this.docs.length;
    if (i === this.limit) {
      if (!this.better(d, score, i - 1)) return;
      this.docs.pop();
      this.scores.pop();
      this.phrases.pop();
      i--;
    }
    // Insertion into a short sorted list: most offers fall below the last and stop above.
    while (i > 0 && this.better(d, score, i - 1)) i--;
    this.docs.splice(i, 0, d);
    this.scores.splice(i, 0, score);
    this.phrases.splice(i, 0, phrase);
  }

  result(full: boolean): Ranked[] {
    return this.docs.map((doc, i) => ({ doc, score: this.scores[i] as number, phrase: this.phrases[i] as boolean, full }));
  }
}
