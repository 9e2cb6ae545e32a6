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
 * about what a rare one does; typo neighbours of a known word (slips) are
 * read last, only in documents holding every other syllable. Each stage
 * after the first pass has a budget counted in work (work.ts), not time, so
 * results never depend on the machine: the first phrase pass 500,000
 * position bytes, a later one 250,000 for the documents given records since;
 * slips 200,000 doc records, and in a query of three syllables or more they
 * are sought only where the other syllables stand with a hole for them,
 * when their neighbours are common (up to 1,000,000 position bytes to find
 * those, best by BM25 first) or finding those is cheap. Within the budget,
 * a candidate holding every syllable is first checked cheaply for the whole
 * phrase (phrase.ts); all its
 * positions are read only when it holds the phrase, or when its pair bonus
 * could still lift it among the best `limit` of its group (when a query of 3+
 * syllables has many candidates holding every word, these are read whole at
 * once: their bonuses would be read anyway). Once `limit` candidates hold
 * the phrase, one whose best possible score cannot reach them is not read at
 * all (checkPhrases). Loose matches are
 * ranked only when the full ones do not fill `limit` (only then are they shown).
 */
import { records } from './doc-records';
import { beginPhrases, boundOfClass, found, holdsPhrase, linkedPairs, phraseBound, positionsHeld, scanPhrases } from './phrase';
import { variantBit, type RecordCursor, type Segment } from './postings';
import { work } from './work';

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
  /**
   * Asked when no candidate holds the whole phrase: more alternatives (typo
   * neighbours) to rank with, or none. Typo neighbours of known words are
   * read into this pass; any other makes it start over.
   */
  widen?: () => Alternative[];
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
  /** The best full matches, then (only when the full ones are fewer than `limit`) the best loose ones; each best first, at most `limit`. */
  full: Ranked[];
  loose: Ranked[];
  total: number;
  looseTotal: number;
}

const K1 = 1.2;
const B = 0.75;
const FUZZY_WEIGHT = 0.5;
/** A pair of query syllables side by side is worth this much more than the rarer of the two alone. */
const PAIR_WEIGHT = 1;
/** Bytes of positions the first phrase pass may decode (about 1.3 bytes a posting). */
const PHRASE_BUDGET = 500_000;
/** The same for a pass after typo neighbours were read, counting only documents given records since (phraseCost). */
const LATER_PHRASE_BUDGET = 250_000;
/**
 * Documents the phrase pass looks at for a query longer than one typed from
 * memory (a pasted sentence): its words are common, its article is among the
 * best by BM25 anyway.
 */
const LONG_QUERY = 5;
const LONG_QUERY_DOCS = 200;
/**
 * Candidates holding every word of a 3+-syllable query above which they are
 * read whole at once (rankCandidates).
 */
const READ_WHOLE = 64;
/** A seek costs about as much as decoding this many records. */
const SEEK_COST = 16;
/** Records a seek decodes, about: half the gap between skip entries (postings.ts). */
const RECORDS_PER_SEEK = 32;
/** Doc records that typo neighbours of known words (slips) may read in one query (readSlips). */
const SLIP_RECORDS = 200_000;
/** Position bytes keepHoles may read to find where slips could complete the phrase. */
const HOLE_BUDGET = 1_000_000;
/** Levels of the histograms that stand in for sorts (the phrase pass's budget, the order pair bonuses are read in). */
const LEVELS = 1024;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Per-document accumulators, reused across queries and cleared through the list of touched documents. */
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
  /** 1: in the phrase pass's budget; 2: also read whole (best and pairs are exact). */
  state: new Uint8Array(0),
  /**
   * What an earlier phrase pass of this query learnt of a document that held
   * no phrase, kept while no record is added to it (a pass after typo
   * neighbours were read): 1, it does not hold the phrase; 2, also read
   * whole, its pairs in knownPairs.
   */
  known: new Uint8Array(0),
  knownPairs: new Uint32Array(0),
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
    this.state = new Uint8Array(this.docs);
    this.known = new Uint8Array(this.docs);
    this.knownPairs = new Uint32Array(this.docs);
  },
};
const SCANNED = 1;
const EXACT = 2;

/**
 * A list of documents whose storage is kept from query to query: it grows,
 * never shrinks. Over common syllables a query lists tens of thousands of
 * documents several times over, and fresh arrays of that size each time (a
 * JS array grown by push, or a typed array) cost more than the ranking
 * itself: new memory is paid for on first touch.
 */
class DocList<T extends Int32Array | Float64Array = Int32Array> {
  length = 0;

  constructor(private items: T) {}

  push(value: number): void {
    if (this.length === this.items.length) {
      const bigger = new (this.items.constructor as new (n: number) => T)(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.length++] = value;
  }

  /** The values pushed since the list was last emptied (a view: valid until the next push). */
  view(): T {
    return this.items.subarray(0, this.length) as T;
  }
}

/** The lists a query builds, one of each at a time (see DocList). */
const lists = {
  touched: new DocList(new Int32Array(1024)),
  candidates: new DocList(new Int32Array(1024)),
  scanned: new DocList(new Int32Array(1024)),
  sure: new DocList(new Int32Array(1024)),
  pending: new DocList(new Int32Array(1024)),
  upper: new DocList(new Float64Array(1024)),
};
const NO_PHRASE = 1;
const READ = 2;

/**
 * Ranks in steps: when positions the phrase pass may read are paged out
 * and not in memory, it notes their pages (position-pages.ts) and yields, so
 * that the caller reads them first; then it goes on (a page still missing
 * counts as no positions). Without a phrase, it asks `widen` for typo
 * neighbours and looks again. The caller must drive it to the end: ranking
 * state is shared by all queries.
 */
export function* rankSteps(input: RankInput): Generator<void, RankResult> {
  // The loops are in plain functions: V8 optimises a long loop while it runs (OSR) only outside generators.
  const touched = lists.touched;
  touched.length = 0;
  // Alternatives added by widening are appended, so the records read keep their indexes.
  const query: RankInput = { ...input, alternatives: [...input.alternatives] };
  try {
    let pass = firstPass(query, touched);
    for (let later = false; ; later = true) {
      const candidates = phraseCandidates(query, touched, later ? LATER_PHRASE_BUDGET : PHRASE_BUDGET);
      for (const d of candidates.scanned) scratch.state[d] = SCANNED;
      if (candidates.scanned.length > 0 && !positionsHeld(scratch.state, query.segments)) yield;
      const phrase = checkPhrases(query, candidates.scanned, pass.idfOfAtom);
      const more = phrase ? [] : (query.widen?.() ?? []);
      if (more.length === 0) return candidates.docs.length === 0 ? none() : select(query, candidates.docs, pass.idfOfAtom);
      clearPhrases(touched);
      const from = query.alternatives.length;
      query.alternatives.push(...more);
      if (more.every((a) => isSlip(a, pass.exactAtoms))) {
        const gates = slipGates(query, touched, pass, from);
        const holed = holeGates(query, pass, from, gates);
        if (holed.length > 0) {
          markGates(gates, holed, SCANNED);
          if (!positionsHeld(scratch.state, query.segments)) yield;
          markGates(gates, holed, 0);
          keepHoles(query, gates, holed);
        }
        readSlips(query, touched, pass, from, gates);
      } else {
        clearScratch(touched);
        touched.length = 0;
        pass = firstPass(query, touched);
      }
    }
  } finally {
    clearScratch(touched);
  }
}

/** Forgets what the phrase pass found, before it runs again over more alternatives. */
function clearPhrases(touched: DocList): void {
  const { best, pairs, heldPhrase, state } = scratch;
  for (const d of touched.view()) {
    best[d] = 0;
    pairs[d] = 0;
    heldPhrase[d] = 0;
    state[d] = 0;
  }
}

/** Clears the accumulators of the documents a query touched: all at once (a fill) when they are many. */
function clearScratch(touched: DocList): void {
  const { mask, held, relevance, cost, best, pairs, heldPhrase, state, known } = scratch;
  if (touched.length * 8 > scratch.docs) {
    mask.fill(0);
    held.fill(0);
    relevance.fill(0);
    cost.fill(0);
    records.head.fill(-1);
    best.fill(0);
    pairs.fill(0);
    heldPhrase.fill(0);
    state.fill(0);
    known.fill(0);
    return;
  }
  for (const d of touched.view()) {
    mask[d] = 0;
    held[d] = 0;
    relevance[d] = 0;
    cost[d] = 0;
    records.head[d] = -1;
    best[d] = 0;
    pairs[d] = 0;
    heldPhrase[d] = 0;
    state[d] = 0;
    known[d] = 0;
  }
}

const none = (): RankResult => ({ full: [], loose: [], total: 0, looseTotal: 0 });

/** What the first pass leaves for reading slips later: the atoms' weights, the order they were read in, and how many a candidate may miss. */
interface Pass {
  idfOfAtom: Float64Array;
  order: number[];
  spare: number;
  /** Bit i: atom i has an exact alternative. */
  exactAtoms: number;
}

/**
 * A typo neighbour of a known word adds no weight: it only completes a phrase
 * typed with one slip, so it is read last, and only in documents that hold
 * every other syllable (a phrase needs them all).
 */
const isSlip = (a: Alternative, exactAtoms: number): boolean => a.fuzzy && (exactAtoms & (1 << a.atom)) !== 0;

/**
 * The documents of `touched` whose mask, within `bits`, is `want`, sorted.
 * When `touched` holds much of the archive (common words), the masks are
 * walked in document order, which needs no sort.
 */
function documentsHolding(touched: DocList, docs: number, bits: number, want: number): Int32Array {
  const { mask } = scratch;
  const holds = (d: number): boolean => mask[d] !== 0 && ((mask[d] as number) & bits) === want;
  if (touched.length * 4 < docs) return touched.view().filter(holds).sort();
  let count = 0;
  for (let d = 0; d < docs; d++) if (holds(d)) count++;
  const out = new Int32Array(count);
  for (let d = 0, i = 0; i < count; d++) if (holds(d)) out[i++] = d;
  return out;
}

/** Reads one record into the accumulators: BM25, which syllables the document holds, its records chained (doc-records.ts). */
function visitor(input: RankInput, pass: Pass, touched: DocList, ai: number): (c: RecordCursor, si: number) => void {
  const { segments, alive, lengths } = input;
  const { mask, held, relevance, cost, known } = scratch;
  const a = input.alternatives[ai] as Alternative;
  const bit = 1 << a.atom;
  const holds = !isSlip(a, pass.exactAtoms);
  const toneBit = a.typedTone ? variantBit(a.wantVariant) : 0;
  let df = 0;
  for (const seg of segments) df += input.removed > 0 ? liveDf(seg, a.term, alive) : seg.df(a.term);
  const idf = Math.log(1 + Math.max(0, input.documents - df + 0.5) / (df + 0.5));
  pass.idfOfAtom[a.atom] = Math.max(pass.idfOfAtom[a.atom] as number, idf);
  const weight = holds ? idf * (a.fuzzy ? FUZZY_WEIGHT : 1) : 0;
  const norm = K1 / Math.max(1, input.averageLength);
  return (c, si) => {
    const d = c.doc;
    if (!alive[d]) return;
    const tf = c.weight;
    relevance[d] = (relevance[d] as number) + (weight * tf * (K1 + 1)) / (tf + K1 * (1 - B) + norm * B * (lengths[d] as number));
    const m = mask[d] as number;
    if (m === 0) touched.push(d);
    mask[d] = m | bit;
    cost[d] = (cost[d] as number) + c.posEnd - c.posAt;
    if (holds && (toneBit === 0 || (c.mask & toneBit) !== 0)) held[d] = (held[d] as number) | bit;
    // A new record may complete a phrase: what an earlier phrase pass learnt of this document no longer holds.
    known[d] = 0;
    records.push(d, ai, a.atom, si, c.posAt, c.posEnd, c.mask);
  };
}

/** Reads the doc records of every alternative; the documents met go to `touched`. */
function firstPass(input: RankInput, touched: DocList): Pass {
  const { segments, alive, alternatives: alts, atoms: n } = input;
  scratch.forDocs(alive.length);
  records.forDocs(alive.length);
  const { mask } = scratch;
  let exactAtoms = 0;
  for (const a of alts) if (!a.fuzzy) exactAtoms |= 1 << a.atom;
  const least = n >= 3 ? n - 1 : n;
  // Atoms are read rarest first: once more atoms are read than a candidate
  // may miss, a document not met yet can no longer become one, and the
  // commoner atoms are looked up for the documents met so far only.
  const reach = new Float64Array(n);
  for (const a of alts) if (!isSlip(a, exactAtoms)) for (const seg of segments) reach[a.atom] = (reach[a.atom] as number) + seg.df(a.term);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => (reach[x] as number) - (reach[y] as number));
  // At most one record per posting read: the storage is made once, not doubled as it fills.
  records.reserve(reach.reduce((sum, r) => sum + r, 0));
  // A slip read later may supply one more syllable.
  const spare = n - least + (alts.some((a) => isSlip(a, exactAtoms)) ? 1 : 0);
  const pass: Pass = { idfOfAtom: new Float64Array(n), order, spare, exactAtoms };
  for (let i = 0; i < n; i++) {
    const atom = order[i] as number;
    const gated = i > spare;
    // Documents that can still become candidates, sorted, built only when a look-up by seeking pays.
    let gate: Int32Array | null = null;
    let gateSize = -1;
    if (gated) {
      gateSize = 0;
      for (const d of touched.view()) if (popcount(mask[d] as number) + spare + 1 > i) gateSize++;
    }
    for (let ai = 0; ai < alts.length; ai++) {
      const a = alts[ai] as Alternative;
      if (a.atom !== atom || isSlip(a, exactAtoms)) continue;
      const visit = visitor(input, pass, touched, ai);
      for (let si = 0; si < segments.length; si++) {
        const seg = segments[si] as Segment;
        const c = seg.cursor(a.term);
        records.beginRun();
        if (gated && gateSize * SEEK_COST < seg.df(a.term)) {
          gate ??= touched
            .view()
            .filter((d) => popcount(mask[d] as number) + spare + 1 > i)
            .sort();
          for (const d of gate) {
            if (!c.seek(d)) break;
            if (c.doc === d) visit(c, si);
          }
        } else {
          while (c.next()) if (!gated || mask[c.doc] !== 0) visit(c, si);
        }
      }
    }
  }
  readSlips(input, touched, pass, 0);
  return pass;
}

/**
 * For each syllable with slips among the alternatives from `from` on, the
 * documents (sorted) that hold every other syllable as typed (or as a
 * neighbour of an unknown word): one slip per phrase.
 */
function slipGates(input: RankInput, touched: DocList, pass: Pass, from: number): Map<number, Int32Array> {
  const { alternatives: alts, atoms: n } = input;
  const all = (1 << n) - 1;
  const gates = new Map<number, Int32Array>();
  for (let ai = from; ai < alts.length; ai++) {
    const atom = (alts[ai] as Alternative).atom;
    if (!isSlip(alts[ai] as Alternative, pass.exactAtoms) || gates.has(atom)) continue;
    completeFor(input, touched, pass, atom);
    const others = all & ~(1 << atom);
    gates.set(atom, documentsHolding(touched, input.alive.length, others, others));
  }
  return gates;
}

/**
 * The syllables whose gates keepHoles narrows before their slips are read,
 * in a query of three or more (of two, one syllable leaves a place beside it
 * almost everywhere, so a hole narrows nothing):
 * - those whose slips would cost more than their share of SLIP_RECORDS doc
 *   records to look up: common syllables have tens of common neighbours,
 *   each in much of the archive, and read whole they cost hundreds of
 *   thousands of records. Their gates are cut to what keepHoles may read
 *   (HOLE_BUDGET position bytes between them), best by BM25 first;
 * - the others whose whole gate's positions fit their share of HOLE_BUDGET:
 *   reading their slips costs little, but the phrase pass after them would
 *   read every document given one again (in a query of three common words
 *   over a few thousand articles, most of its time). A bigger gate has its
 *   slips read in it as they are, as its phrase pass is bounded anyway.
 */
function holeGates(input: RankInput, pass: Pass, from: number, gates: Map<number, Int32Array>): number[] {
  if (input.atoms < 3) return [];
  const share = SLIP_RECORDS / gates.size;
  const costly = [...gates.keys()].filter((atom) => slipCost(input, pass, from, atom, (gates.get(atom) as Int32Array).length) > share);
  for (const atom of costly) {
    const gate = gates.get(atom) as Int32Array;
    gates.set(atom, withinBudget(gate, gate.length, input.atoms, HOLE_BUDGET / costly.length, gateCost).slice().sort());
  }
  const fits = [...gates.keys()].filter((atom) => !costly.includes(atom) && positionBytes(gates.get(atom) as Int32Array) <= HOLE_BUDGET / gates.size);
  return [...costly, ...fits];
}

/** Position bytes of a document's records so far. */
const gateCost = (d: number): number => scratch.cost[d] as number;

function positionBytes(docs: Int32Array): number {
  let bytes = 0;
  for (const d of docs) bytes += gateCost(d);
  return bytes;
}

/** Records reading the slips of `atom` in `size` documents of its gate costs about: a seek per document, or the whole list when that is less. */
function slipCost(input: RankInput, pass: Pass, from: number, atom: number, size: number): number {
  const { segments, alternatives: alts } = input;
  let cost = 0;
  for (let ai = from; ai < alts.length; ai++) {
    const a = alts[ai] as Alternative;
    if (a.atom !== atom || !isSlip(a, pass.exactAtoms)) continue;
    for (const seg of segments) {
      const df = seg.df(a.term);
      cost += size * SEEK_COST < df ? Math.min(df, size * RECORDS_PER_SEEK) : df;
    }
  }
  return cost;
}

/** Marks (or unmarks, with 0) the documents of the gates of `atoms` in scratch.state, for positionsHeld. */
function markGates(gates: Map<number, Int32Array>, atoms: number[], value: number): void {
  const { state } = scratch;
  for (const atom of atoms) for (const d of gates.get(atom) as Int32Array) state[d] = value;
}

/**
 * Keeps, of the gates of `atoms`, the documents where the other syllables
 * stand in the query's order with one syllable free for the slip: only there
 * can a slip complete the phrase, the one thing a slip adds (it has no
 * weight). Their positions must be in memory (the caller marks and reads them).
 * A document the phrase pass read whole has its neighbouring pairs known:
 * without every pair the hole leaves whole, it is passed over unread (most
 * of a bag of common words' gate is such; their positions were decoded twice).
 */
function keepHoles(input: RankInput, gates: Map<number, Int32Array>, atoms: number[]): void {
  const { known, knownPairs } = scratch;
  const n = input.atoms;
  beginPhrases();
  for (const atom of atoms) {
    // Bit i: syllable i right after i − 1, for both of them outside the hole.
    const needed = ((1 << n) - 2) & ~(1 << atom) & ~(1 << (atom + 1));
    const possible = (d: number): boolean => known[d] !== READ || ((knownPairs[d] as number) & needed) === needed;
    gates.set(atom, (gates.get(atom) as Int32Array).filter((d) => possible(d) && holdsPhrase(d, input, atom)));
  }
}

/**
 * Reads the slips among the alternatives from `from` on, each only in the
 * documents of its syllable's gate; within SLIP_RECORDS doc records, shared
 * out between the syllables: a gate that would cost more is cut to its best
 * documents by BM25 (the phrase pass looks at the best first anyway), and
 * reading stops at the budget whatever the estimate said.
 */
function readSlips(input: RankInput, touched: DocList, pass: Pass, from: number, gates = slipGates(input, touched, pass, from)): void {
  const { segments, alternatives: alts } = input;
  const stop = work.records + SLIP_RECORDS;
  let left = gates.size;
  for (const [atom, whole] of gates) {
    const share = (stop - work.records) / left--;
    let keep = whole.length;
    if (slipCost(input, pass, from, atom, keep) > share) {
      let lo = 0;
      while (keep - lo > 1) {
        const mid = (lo + keep) >>> 1;
        if (slipCost(input, pass, from, atom, mid) <= share) lo = mid;
        else keep = mid;
      }
      keep = lo;
    }
    const gate = bestOfGate(whole, keep);
    for (let ai = from; ai < alts.length; ai++) {
      const a = alts[ai] as Alternative;
      if (a.atom !== atom || !isSlip(a, pass.exactAtoms)) continue;
      const visit = visitor(input, pass, touched, ai);
      if (gate.length === 0) continue;
      for (let si = 0; si < segments.length && work.records < stop; si++) {
        const seg = segments[si] as Segment;
        const c = seg.cursor(a.term);
        records.beginRun();
        if (gate.length * SEEK_COST < seg.df(a.term)) {
          for (const d of gate) {
            if (work.records >= stop || !c.seek(d)) break;
            if (c.doc === d) visit(c, si);
          }
        } else {
          let g = 0;
          while (work.records < stop && c.next()) {
            while (g < gate.length && (gate[g] as number) < c.doc) g++;
            if (g === gate.length) break;
            if (gate[g] === c.doc) visit(c, si);
          }
        }
      }
    }
  }
}

/** The `keep` documents of a gate (sorted) best by BM25 so far, still sorted; of equals, the first. */
function bestOfGate(gate: Int32Array, keep: number): Int32Array {
  if (keep >= gate.length) return gate;
  const { relevance } = scratch;
  const sorted = Float64Array.from(gate, (d) => relevance[d] as number).sort();
  const threshold = keep > 0 ? (sorted[gate.length - keep] as number) : Infinity;
  let ties = keep;
  for (const d of gate) if ((relevance[d] as number) > threshold) ties--;
  return gate.filter((d) => {
    const r = relevance[d] as number;
    return r > threshold || (r === threshold && ties-- > 0);
  });
}

/**
 * Before slips of `atom` are looked for: when no syllable could be missed
 * (a query of one or two), the atoms read after it were read only in the
 * documents met before; a slip may stand where those documents were not, so
 * the rest of those atoms is read (once).
 */
function completeFor(input: RankInput, touched: DocList, pass: Pass, atom: number): void {
  if (pass.spare > 0) return;
  const { segments, alternatives: alts } = input;
  const { mask } = scratch;
  for (let i = pass.order.indexOf(atom) + 1; i < pass.order.length; i++) {
    const later = pass.order[i] as number;
    for (let ai = 0; ai < alts.length; ai++) {
      const a = alts[ai] as Alternative;
      if (a.atom !== later || isSlip(a, pass.exactAtoms)) continue;
      const visit = visitor(input, pass, touched, ai);
      for (let si = 0; si < segments.length; si++) {
        const c = (segments[si] as Segment).cursor(a.term);
        records.beginRun();
        while (c.next()) if (mask[c.doc] === 0) visit(c, si);
      }
    }
  }
  // Read after the first atom, every other atom is now whole.
  if (pass.order[0] === atom) pass.spare = 1;
}

/** Candidates (every syllable matched somehow, or all but one of a longer query), and those the phrase pass looks at. */
function phraseCandidates(input: RankInput, touched: DocList, budget: number): { docs: Int32Array; scanned: Int32Array } {
  const n = input.atoms;
  const least = n >= 3 ? n - 1 : n;
  const { mask } = scratch;
  const list = lists.candidates;
  list.length = 0;
  for (const d of touched.view()) if (popcount(mask[d] as number) >= least) list.push(d);
  const docs = list.view();
  return { docs, scanned: docs.length === 0 ? docs : withinBudget(docs, n >= LONG_QUERY ? LONG_QUERY_DOCS : docs.length, n, budget, phraseCost) };
}

/** Position bytes the phrase pass may decode for a document: none when a pass before learnt what it holds and no record was added since (checkPhrases). */
const phraseCost = (d: number): number => (scratch.known[d] !== 0 ? 0 : (scratch.cost[d] as number));

/** Pair bonus of the neighbouring query syllables marked in `linked` (bit i: syllable i right after i − 1). */
function pairBonus(linked: number, idfOfAtom: Float64Array, n: number): number {
  let bonus = 0;
  for (let atom = 1; atom < n; atom++) {
    if (linked & (1 << atom)) bonus += PAIR_WEIGHT + Math.min(idfOfAtom[atom - 1] as number, idfOfAtom[atom] as number);
  }
  return bonus;
}

/**
 * Phrase pass: every candidate in the budget that holds every syllable is
 * checked for the whole phrase (cheaply: holdsPhrase); those holding it are
 * read whole. True when some candidate holds it.
 *
 * Those holding every syllable as typed are full matches whatever their
 * phrase, so only their order needs it: once `limit` of them hold the phrase,
 * one whose score with the best phrase its records allow (phraseBound: typos,
 * field of each syllable's first position, typed tones) and every pair cannot
 * beat the `limit`-th best found so far is passed over, unread: it cannot be
 * among the best shown. Once `limit` hold the phrase, the rest are read
 * best bound first, so that the best phrases set the bound early (in the
 * order of the archive, phrases in bodies found first bounded nothing
 * below titles found last). The others are all
 * checked, as only a phrase makes them full matches (the count of full
 * matches depends on it).
 */
function checkPhrases(input: RankInput, scanned: Int32Array, idfOfAtom: Float64Array): boolean {
  const { atoms: n, limit } = input;
  const { mask, held, relevance, best, pairs, heldPhrase, state, known, knownPairs } = scratch;
  const all = (1 << n) - 1;
  let anyPhrase = false;
  beginPhrases();
  const read = (d: number): void => {
    if (known[d] === READ) {
      // Read whole by the pass before this one, no record added since: no phrase, the same pairs.
      best[d] = 0;
      pairs[d] = knownPairs[d] as number;
      heldPhrase[d] = 0;
      state[d] = EXACT;
      return;
    }
    scanPhrases(d, input);
    best[d] = found.best;
    pairs[d] = found.linked;
    heldPhrase[d] = found.held ? 1 : 0;
    state[d] = EXACT;
    if (found.best === 0) {
      known[d] = READ;
      knownPairs[d] = found.linked;
    }
  };
  // A pass after typo neighbours were read finds only what they add: a document the pass before found without the phrase, and given no record since, is known.
  const hasPhrase = (d: number): boolean => {
    if (known[d] !== 0) return false;
    if (holdsPhrase(d, input)) return true;
    known[d] = NO_PHRASE;
    return false;
  };
  // With many candidates holding every word, pair bonuses hardly ever rule one
  // out (common words are seldom side by side, so the best own few pairs and
  // every bound with all pairs stays above them): asking for the phrase, then
  // reading the pairs, would read most of them twice. Those are read whole.
  let heldAll = 0;
  if (n >= 3) for (const d of scanned) if (held[d] === all) heldAll++;
  const readHeld = heldAll > READ_WHOLE;
  const check = (d: number): void => {
    if (readHeld && held[d] === all) {
      read(d);
      if ((best[d] as number) > 0) anyPhrase = true;
    } else if (hasPhrase(d)) {
      read(d);
      anyPhrase = true;
    } else if (n === 2) {
      // Two syllables not side by side: the one pair is not linked, nothing to read.
      state[d] = EXACT;
    }
  };
  // The full group's score, as select() computes it (pairs still unread count as none: a lower bound).
  const lower = (d: number): number => scoreOf(n, best[d] as number, relevance[d] as number, state[d] === EXACT ? (pairs[d] as number) : 0, idfOfAtom, n);
  const kth = new KthBest(limit);
  const sureList = lists.sure;
  sureList.length = 0;
  for (const d of scanned) {
    if (mask[d] !== all) continue;
    if (held[d] === all) {
      sureList.push(d);
      continue;
    }
    check(d);
    if (heldPhrase[d] === 1) kth.add(lower(d));
  }
  const sure = sureList.view();
  if (sure.length <= limit) {
    for (const d of sure) check(d);
    return anyPhrase;
  }
  const everyPair = all & (all << 1);
  // Below this, fewer than `limit` phrases were found: every candidate may still be among the best, nothing to bound.
  const phrases = scoreOf(n, 1, 0, 0, idfOfAtom, n);
  // In the archive's order (positions are read in the order they are stored)
  // until `limit` phrases are found: every candidate is checked until a
  // phrase is, as none means looking again with typo neighbours.
  let next = 0;
  for (; next < sure.length && !(anyPhrase && kth.value >= phrases); next++) {
    const d = sure[next] as number;
    check(d);
    kth.add(lower(d));
  }
  // Then the rest, best bound first (the phrase its records allow, then BM25):
  // the best phrases raise the bound early, and it passes over more of the rest.
  const restList = lists.pending;
  const upperList = lists.upper;
  restList.length = 0;
  upperList.length = 0;
  for (; next < sure.length; next++) {
    const d = sure[next] as number;
    if (kth.value > scoreOf(n, boundOfClass(0), relevance[d] as number, everyPair, idfOfAtom, n)) continue;
    restList.push(d);
    upperList.push(scoreOf(n, boundOfClass(phraseBound(d, input)), relevance[d] as number, everyPair, idfOfAtom, n));
  }
  const rest = restList.view();
  const upper = upperList.view();
  for (const i of byUpperBound(upper, kth.value)) {
    if (kth.value > (upper[i] as number)) continue;
    const d = rest[i] as number;
    check(d);
    kth.add(lower(d));
  }
  return anyPhrase;
}

/**
 * A candidate's score: syllables matched, then phrase, then relevance with
 * pair bonuses. One function for select() and the phrase pass's bounds, so
 * that a bound compares exactly.
 */
function scoreOf(matched: number, phrase: number, relevance: number, linked: number, idfOfAtom: Float64Array, n: number): number {
  return matched * 1e12 + phrase * 1e4 + Math.min(9999, relevance + pairBonus(linked, idfOfAtom, n));
}

/**
 * Selection, after the phrase pass. Candidates without the phrase only lack
 * their pair bonus, which matters only for the order among the best: it is
 * computed, best bound first, for those whose score with every possible pair
 * could still reach the best `limit` of their group.
 */
function select(input: RankInput, docs: Int32Array, idfOfAtom: Float64Array): RankResult {
  const { atoms: n, limit } = input;
  const { mask, held, relevance, best, pairs, heldPhrase, state } = scratch;
  const all = (1 << n) - 1;
  const score = (d: number, linked: number): number => scoreOf(popcount(mask[d] as number), best[d] as number, relevance[d] as number, linked, idfOfAtom, n);
  let fullCount = 0;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i] as number;
    if (held[d] === all || heldPhrase[d] === 1) fullCount++;
  }
  // A candidate selectBest reads has no phrase (else it was read above): only its pairs are missing.
  const readPairs = (d: number): void => {
    pairs[d] = linkedPairs(d, input);
    state[d] = EXACT;
  };
  const full = selectBest(docs, limit, input.published, all, true, score, readPairs);
  // Looser matches are shown only when the full ones do not fill the page.
  const loose = fullCount < limit ? selectBest(docs, limit, input.published, all, false, score, readPairs) : null;
  return {
    full: full.result(true),
    loose: loose?.result(false) ?? [],
    total: fullCount,
    looseTotal: docs.length - fullCount,
  };
}

/**
 * The best `limit` of the candidates in a group (the full matches, holding
 * all syllables, `all`, or the phrase; or the others). Those in the phrase pass's
 * budget without the phrase (not read yet) only lack their pair bonus; it is
 * read, best upper bound first, only for those whose score with every pair
 * possible could still reach the group's best `limit`.
 */
function selectBest(
  docs: Int32Array,
  limit: number,
  published: ArrayLike<number>,
  all: number,
  full: boolean,
  score: (d: number, linked: number) => number,
  read: (d: number) => void,
): TopK {
  const { mask, pairs, state, held, heldPhrase } = scratch;
  const top = new TopK(limit, published);
  const floor = new KthBest(limit);
  const pendingList = lists.pending;
  const upperList = lists.upper;
  pendingList.length = 0;
  upperList.length = 0;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i] as number;
    if ((held[d] === all || heldPhrase[d] === 1) !== full) continue;
    const m = mask[d] as number;
    const possible = m & (m << 1);
    if (state[d] === SCANNED && possible !== 0) {
      pendingList.push(d);
      upperList.push(score(d, possible));
      floor.add(score(d, 0));
    } else {
      const s = score(d, pairs[d] as number);
      top.offer(d, s, (scratch.best[d] as number) > 0);
      floor.add(s);
    }
  }
  const pending = pendingList.view();
  const upper = upperList.view();
  for (const i of byUpperBound(upper, floor.value)) {
    const d = pending[i] as number;
    if (top.full && top.lowest > (upper[i] as number)) continue;
    read(d);
    top.offer(d, score(d, pairs[d] as number), false);
  }
  return top;
}

/**
 * Indexes of `upper` at or above `min` (below the k-th best lower bound, a
 * candidate cannot be among the best, whatever its pairs), highest first by
 * level: a counting sort over LEVELS steps, not a sort by comparison.
 */
function byUpperBound(upper: Float64Array, min: number): Int32Array {
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  for (const u of upper) {
    if (u < min) continue;
    count++;
    if (u < lo) lo = u;
    if (u > hi) hi = u;
  }
  const out = new Int32Array(count);
  if (count === 0) return out;
  const step = (LEVELS - 1) / (hi - lo || 1);
  const start = new Int32Array(LEVELS + 1);
  for (const u of upper) {
    if (u < min) continue;
    const l = LEVELS - Math.floor((u - lo) * step);
    start[l] = (start[l] as number) + 1;
  }
  for (let l = 0; l < LEVELS; l++) start[l + 1] = (start[l + 1] as number) + (start[l] as number);
  upper.forEach((u, i) => {
    if (u < min) return;
    const l = LEVELS - 1 - Math.floor((u - lo) * step);
    out[start[l] as number] = i;
    start[l] = (start[l] as number) + 1;
  });
  return out;
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
function withinBudget(docs: Int32Array, maxDocs: number, atoms: number, budgetBytes: number, cost: (d: number) => number): Int32Array {
  const { mask, relevance } = scratch;
  // Each document's cost, asked once (three loops below read it).
  const costOf = budget.costsFor(docs.length);
  let total = 0;
  let top = 0;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i] as number;
    const c = cost(d);
    costOf[i] = c;
    total += c;
    const r = relevance[d] as number;
    if (r > top) top = r;
  }
  if (docs.length <= maxDocs && total <= budgetBytes) return docs;
  // Each document's level, computed once; the histograms are reused, cleared over the levels this query has.
  const keys = budget.keysFor(docs.length);
  const levels = (atoms + 1) * LEVELS;
  const { costs, counts } = budget;
  costs.fill(0, 0, levels);
  counts.fill(0, 0, levels);
  const high = top || 1;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i] as number;
    const k = popcount(mask[d] as number) * LEVELS + Math.min(LEVELS - 1, Math.floor(((relevance[d] as number) / high) * (LEVELS - 1)));
    keys[i] = k;
    costs[k] = (costs[k] as number) + (costOf[i] as number);
    counts[k] = (counts[k] as number) + 1;
  }
  // Whole levels, best first, while they fit; then what fits of the next one.
  let threshold = levels;
  let spent = 0;
  let taken = 0;
  while (threshold > 0) {
    const k = threshold - 1;
    if (taken > 0 && (spent + (costs[k] as number) > budgetBytes || taken + (counts[k] as number) > maxDocs)) break;
    spent += costs[k] as number;
    taken += counts[k] as number;
    threshold = k;
  }
  const scanned = lists.scanned;
  scanned.length = 0;
  for (let i = 0; i < docs.length; i++) if ((keys[i] as number) >= threshold) scanned.push(docs[i] as number);
  for (let i = 0; i < docs.length; i++) {
    const c = costOf[i] as number;
    if (keys[i] !== threshold - 1 || spent + c > budgetBytes || scanned.length >= maxDocs) continue;
    spent += c;
    scanned.push(docs[i] as number);
  }
  return scanned.view();
}

/** withinBudget's scratch: a level per candidate, and the histograms of cost and count per level (syllables matched · LEVELS + relevance level). */
const budget = {
  keys: new Int32Array(0),
  docCosts: new Float64Array(0),
  costs: new Float64Array(33 * LEVELS),
  counts: new Uint32Array(33 * LEVELS),
  keysFor(n: number): Int32Array {
    if (this.keys.length < n) this.keys = new Int32Array(Math.max(n, 2 * this.keys.length));
    return this.keys;
  },
  costsFor(n: number): Float64Array {
    if (this.docCosts.length < n) this.docCosts = new Float64Array(Math.max(n, 2 * this.docCosts.length));
    return this.docCosts;
  },
};

/** The k-th best of the values added (−∞ until k were added). */
class KthBest {
  private readonly values: number[] = [];

  constructor(private readonly k: number) {}

  get value(): number {
    if (this.k <= 0) return Infinity;
    return this.values.length < this.k ? -Infinity : (this.values[this.k - 1] as number);
  }

  add(v: number): void {
    if (this.k <= 0) return;
    const values = this.values;
    if (values.length === this.k) {
      if (v <= (values[this.k - 1] as number)) return;
      values.pop();
    }
    let i = values.length;
    while (i > 0 && (values[i - 1] as number) < v) i--;
    values.splice(i, 0, v);
  }
}

/** The best `limit` documents offered, by score, then date, then the later added. */
class TopK {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];
  private readonly phrases: boolean[] = [];

  constructor(
    private readonly limit: number,
    private readonly published: ArrayLike<number>,
  ) {}

  get full(): boolean {
    return this.docs.length >= this.limit;
  }

  /** Score of the last kept. */
  get lowest(): number {
    return this.scores.length === 0 ? -Infinity : (this.scores[this.scores.length - 1] as number);
  }

  private better(d: number, score: number, i: number): boolean {
    const s = this.scores[i] as number;
    if (score !== s) return score > s;
    const other = this.docs[i] as number;
    const p = this.published[d] as number;
    const q = this.published[other] as number;
    return p !== q ? p > q : d > other;
  }

  offer(d: number, score: number, phrase: boolean): void {
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
