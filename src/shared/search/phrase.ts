/**
 * Phrases inside one document, read from the records the first pass of
 * ranking chained for it (doc-records.ts).
 *
 * `holdsPhrase` only answers whether the whole query stands there as one
 * phrase: it starts from the query syllable with the fewest position bytes
 * in this document and drops phrase starts syllable by syllable, rarest
 * first, so a document without the phrase usually costs the decoding of its
 * two rarest syllables. `scanPhrases` walks every position to compute what
 * ranking needs: the best phrase's score, which neighbouring query syllables
 * stand side by side, and whether a phrase of held words exists;
 * `linkedPairs` only the neighbouring pairs, for a document without the phrase.
 */
import { ALT, ATOM, DOC, grown, MASK, NEXT, POS_AT, POS_END, records, SEG, STRIDE } from './doc-records';
import { fieldOf } from './fields';
import { PAGE_BYTES, pageOf } from './position-pages';
import { work } from './work';
import { variantBit, type Segment } from './postings';
import type { Alternative } from './rank';

export interface PhraseQuery {
  segments: Segment[];
  alternatives: Alternative[];
  atoms: number;
}

/** What scanPhrases found in the last document it read. */
export const found = {
  /** Best phrase score (0: no phrase): (((63 − typos)·4 + field)·64 + 63 − crossings)·64 + toned, + 1. */
  best: 0,
  /** Bit i: query syllable i stands right after syllable i − 1 somewhere. */
  linked: 0,
  /** Some phrase is made of held words only (typed tone, no typo of a known word). */
  held: false,
};

/**
 * Per-position tables, one pair per parity of the query syllable, whose
 * stamps tell which (document, syllable) wrote an entry, so nothing is
 * cleared between documents; a document's records grouped by query syllable.
 */
const t = {
  size: 1 << 15,
  epoch: 0,
  stampA: new Int32Array(1 << 15),
  stateA: new Int32Array(1 << 15),
  stampB: new Int32Array(1 << 15),
  stateB: new Int32Array(1 << 15),
  decoded: new Int32Array(1024),
  starts: new Int32Array(1024),
  byAtom: new Int32Array(256),
  /** Records of query syllable i are byAtom[atomStart[i], atomStart[i + 1]). */
  atomStart: new Int32Array(34),
  atomFill: new Int32Array(33),
  /** A decode found its positions' page not in memory (position-pages.ts). */
  missed: false,
  /** The document byAtom holds (holdsPhrase then scanPhrases read the same one); −1 after beginPhrases. */
  bucketed: -1,
  /** Position bytes of query syllable i's records in the document bucketed. */
  atomBytes: new Float64Array(33),
  /** Its records in chain order, as bucket walked them. */
  chain: new Int32Array(256),
  /** phraseBound's best field per syllable. */
  fields: new Float64Array(33),
  order: new Int32Array(33),
};

function grow(min: number): void {
  let size = t.size;
  while (size < min) size *= 2;
  t.stampA = grown(t.stampA, size);
  t.stateA = grown(t.stateA, size);
  t.stampB = grown(t.stampB, size);
  t.stateB = grown(t.stateB, size);
  t.size = size;
}

/** Call once per query: epochs keep growing across queries so stale stamps never match; restart them before they overflow. */
export function beginPhrases(): void {
  t.bucketed = -1;
  if (t.epoch < 2 ** 30) return;
  t.epoch = 0;
  t.stampA.fill(0);
  t.stampB.fill(0);
}

/**
 * Groups document d's records by query syllable, with each syllable's
 * position bytes: one walk of its chain (a linked list, each step a
 * dependent load), the records copied out to group them.
 */
function bucket(d: number, q: PhraseQuery): void {
  if (t.bucketed === d) return;
  t.bucketed = d;
  const n = q.atoms;
  const { atomStart, atomFill, atomBytes } = t;
  for (let i = 0; i <= n; i++) {
    atomStart[i] = 0;
    atomBytes[i] = 0;
  }
  const f = records.fields;
  let chain = t.chain;
  let length = 0;
  for (let e = records.head[d] as number; e >= 0; e = f[e * STRIDE + NEXT] as number) {
    if (length === chain.length) chain = t.chain = grown(chain, 2 * length);
    chain[length++] = e;
    const at = e * STRIDE;
    const atom = f[at + ATOM] as number;
    atomStart[atom + 1] = (atomStart[atom + 1] as number) + 1;
    atomBytes[atom] = (atomBytes[atom] as number) + (f[at + POS_END] as number) - (f[at + POS_AT] as number);
  }
  for (let i = 0; i < n; i++) {
    atomStart[i + 1] = (atomStart[i + 1] as number) + (atomStart[i] as number);
    atomFill[i] = atomStart[i] as number;
  }
  if (t.byAtom.length < length) t.byAtom = new Int32Array(2 * length);
  const byAtom = t.byAtom;
  for (let k = 0; k < length; k++) {
    const e = chain[k] as number;
    const atom = f[e * STRIDE + ATOM] as number;
    byAtom[atomFill[atom] as number] = e;
    atomFill[atom] = (atomFill[atom] as number) + 1;
  }
}

/** Decodes record e's positions into t.decoded; returns how many (none when their page is not in memory: t.missed). */
function decode(e: number, segments: Segment[]): number {
  const f = records.fields;
  const at = e * STRIDE;
  const posAt = f[at + POS_AT] as number;
  const posEnd = f[at + POS_END] as number;
  work.positionBytes += posEnd - posAt;
  if (t.decoded.length < posEnd - posAt) t.decoded = new Int32Array(2 * (posEnd - posAt));
  const n = (segments[f[at + SEG] as number] as Segment).decode(posAt, posEnd, t.decoded);
  if (n >= 0) return n;
  t.missed = true;
  return 0;
}

/**
 * Notes the position pages not in memory that the records of the documents
 * marked in `wanted` need (position-pages.ts); true when none is missing.
 * A run of records (doc-records.ts) whose whole span of positions is held is
 * passed over at once; only a run with a page missing is walked record by
 * record, so a query whose pages are in memory costs next to nothing here.
 */
export function positionsHeld(wanted: Uint8Array, segments: Segment[]): boolean {
  const { runs, fields: f } = records;
  let held = true;
  for (let r = 0; r < runs.length; r++) {
    const start = runs[r] as number;
    const end = r + 1 < runs.length ? (runs[r + 1] as number) : records.length;
    const pages = start < end ? (segments[f[start * STRIDE + SEG] as number] as Segment).paged : null;
    if (!pages || pages.holds(f[start * STRIDE + POS_AT] as number, f[(end - 1) * STRIDE + POS_END] as number)) continue;
    // Positions ascend within a run: a record ending in a page already asked about adds nothing.
    let asked = -1;
    for (let e = start; e < end; e++) {
      const at = e * STRIDE;
      const posEnd = f[at + POS_END] as number;
      const last = pageOf(posEnd - 1);
      if (last <= asked || !wanted[f[at + DOC] as number]) continue;
      if (!pages.want(Math.max(f[at + POS_AT] as number, (asked + 1) * PAGE_BYTES), posEnd)) held = false;
      asked = last;
    }
  }
  return held;
}

const firstAt = new Int32Array(3);

/**
 * The best phrase score (as `found.best`) document d could have, from its
 * records alone and the first position of each: a phrase has a typo for each
 * syllable held only through typo neighbours, stands in one field (where every
 * syllable occurs: the first position of a syllable is its best field), and
 * counts a typed tone only where the document holds it. Returned as a class
 * (0 for the highest bound; see boundOfClass).
 */
export function phraseBound(d: number, q: PhraseQuery): number {
  const { alternatives: alts, atoms: n } = q;
  let exact = 0;
  let toned = 0;
  let field = 2;
  let seen = 0;
  // Best field of each syllable, through `fieldOf` of its first positions; unknown (page not in memory) counts as the title.
  const fields = t.fields;
  fields.fill(-1, 0, n);
  const f = records.fields;
  for (let e = records.head[d] as number; e >= 0; e = f[e * STRIDE + NEXT] as number) {
    const at = e * STRIDE;
    const a = alts[f[at + ALT] as number] as Alternative;
    const bit = 1 << a.atom;
    seen |= bit;
    if (!a.fuzzy) exact |= bit;
    if (a.wantVariant >= 0 && ((f[at + MASK] as number) & variantBit(a.wantVariant)) !== 0) toned |= bit;
    const posAt = f[at + POS_AT] as number;
    const posEnd = f[at + POS_END] as number;
    if (posAt === posEnd) continue;
    // The first position takes at most 3 bytes (postings.ts).
    const count = (q.segments[f[at + SEG] as number] as Segment).decode(posAt, Math.min(posEnd, posAt + 3), firstAt);
    const first = count > 0 ? fieldOf((firstAt[0] as number) >> 1) : 2;
    if (first > (fields[a.atom] as number)) fields[a.atom] = first;
  }
  for (let atom = 0; atom < n; atom++) field = Math.min(field, Math.max(0, fields[atom] as number));
  let typos = 0;
  let tonedCount = 0;
  for (let atom = 0; atom < n; atom++) {
    if (seen & ~exact & (1 << atom)) typos++;
    if (toned & (1 << atom)) tonedCount++;
  }
  return (Math.min(8, typos) * 3 + 2 - field) * 9 + 8 - Math.min(8, tonedCount);
}

/** The phrase score bound of a class of phraseBound (same packing as `found.best`, no punctuation crossed). */
export function boundOfClass(c: number): number {
  const toned = 8 - (c % 9);
  const field = 2 - (Math.floor(c / 9) % 3);
  const typos = Math.floor(c / 27);
  return 1 + (((63 - typos) * 4 + field) * 64 + 63) * 64 + toned;
}

/**
 * Whether document d holds every query syllable, one right after the other,
 * somewhere (any alternative of each); with a `hole`, every syllable but that
 * one, in their places around whatever stands in its place.
 */
export function holdsPhrase(d: number, q: PhraseQuery, hole = -1): boolean {
  const n = q.atoms;
  bucket(d, q);
  const { atomStart, atomBytes, order } = t;
  let ordered = 0;
  for (let atom = 0; atom < n; atom++) {
    if (atom === hole) continue;
    const bytes = atomBytes[atom] as number;
    // Insertion by position bytes, fewest first.
    let i = ordered++;
    while (i > 0 && (atomBytes[order[i - 1] as number] as number) > bytes) {
      order[i] = order[i - 1] as number;
      i--;
    }
    order[i] = atom;
  }
  t.missed = false;
  // Phrase starts the rarest syllable allows.
  const anchor = order[0] as number;
  let m = 0;
  let last = -1;
  for (let k = atomStart[anchor] as number; k < (atomStart[anchor + 1] as number); k++) {
    const count = decode(t.byAtom[k] as number, q.segments);
    if (t.starts.length < m + count) t.starts = grown(t.starts, 2 * (m + count));
    for (let i = 0; i < count; i++) {
      const s = ((t.decoded[i] as number) >> 1) - anchor;
      if (s < 0) continue;
      t.starts[m++] = s;
      if (s > last) last = s;
    }
  }
  for (let o = 1; o < ordered && m > 0; o++) {
    const atom = order[o] as number;
    const epoch = ++t.epoch;
    if (last + atom >= t.size) grow(last + atom + 1);
    for (let k = atomStart[atom] as number; k < (atomStart[atom + 1] as number); k++) {
      const count = decode(t.byAtom[k] as number, q.segments);
      const decoded = t.decoded;
      for (let i = 0; i < count; i++) {
        const p = (decoded[i] as number) >> 1;
        // Positions past the last start left cannot continue a phrase.
        if (p > last + atom) break;
        t.stampA[p] = epoch;
      }
    }
    const { starts, stampA } = t;
    let kept = 0;
    let keptLast = -1;
    for (let i = 0; i < m; i++) {
      const s = starts[i] as number;
      if (stampA[s + atom] !== epoch) continue;
      starts[kept++] = s;
      if (s > keptLast) keptLast = s;
    }
    m = kept;
    last = keptLast;
  }
  // Positions not in memory: every syllable's are asked for, so that the next run has them all at once.
  if (t.missed) for (let k = atomStart[0] as number; k < (atomStart[n] as number); k++) decode(t.byAtom[k] as number, q.segments);
  return m > 0;
}

/** Reads every position of document d's query syllables; the answer is in `found`. */
export function scanPhrases(d: number, q: PhraseQuery): void {
  const { alternatives: alts, atoms: n } = q;
  bucket(d, q);
  let linkedAtoms = 0;
  let bestScore = 0;
  let held = false;
  for (let atom = 0; atom < n; atom++) {
    const epoch = ++t.epoch;
    const even = atom % 2 === 0;
    for (let k = t.atomStart[atom] as number; k < (t.atomStart[atom + 1] as number); k++) {
      const e = t.byAtom[k] as number;
      const a = alts[records.fields[e * STRIDE + ALT] as number] as Alternative;
      const count = decode(e, q.segments);
      // Diacritics are known per document: the typed form counts when the document holds it.
      const tonedHit = a.wantVariant >= 0 && ((records.fields[e * STRIDE + MASK] as number) & variantBit(a.wantVariant)) !== 0 ? 1 : 0;
      const heldHit = !a.typedTone || tonedHit ? 1 : 0;
      const typo = a.fuzzy ? 1 : 0;
      const decoded = t.decoded;
      // Positions ascend: the last is the largest.
      const top = count > 0 ? (decoded[count - 1] as number) >> 1 : 0;
      if (top + 1 >= t.size) grow(top + 2);
      const stamp = even ? t.stampA : t.stampB;
      const state = even ? t.stateA : t.stateB;
      const prevStamp = even ? t.stampB : t.stampA;
      const prevState = even ? t.stateB : t.stateA;
      for (let i = 0; i < count; i++) {
        const packed = decoded[i] as number;
        const p = packed >> 1;
        const linked = atom > 0 && p > 0 && prevStamp[p - 1] === epoch - 1;
        if (linked) linkedAtoms |= 1 << atom;
        const before = linked ? (prevState[p - 1] as number) : 0;
        const crossing = linked && packed & 1 ? 1 : 0;
        const run = (before & 63) + 1;
        const typos = ((before >> 6) & 63) + typo;
        const crossings = ((before >> 12) & 63) + crossing;
        const tonedRun = ((before >> 18) & 63) + tonedHit;
        const heldRun = (before >> 24) + heldHit;
        stamp[p] = epoch;
        state[p] = run | (typos << 6) | (crossings << 12) | (tonedRun << 18) | (heldRun << 24);
        if (run === n) {
          if (heldRun === n) held = true;
          const score = 1 + (((63 - typos) * 4 + fieldOf(p)) * 64 + 63 - crossings) * 64 + tonedRun;
          if (score > bestScore) bestScore = score;
        }
      }
    }
  }
  found.best = bestScore;
  found.linked = linkedAtoms;
  found.held = held;
}

/**
 * Which neighbouring query syllables stand side by side in document d (bit
 * i: syllable i right after i − 1), for a document known not to hold the
 * whole phrase: positions are only stamped, no phrase state is kept.
 */
export function linkedPairs(d: number, q: PhraseQuery): number {
  const n = q.atoms;
  bucket(d, q);
  let linked = 0;
  for (let atom = 0; atom < n; atom++) {
    const epoch = ++t.epoch;
    const even = atom % 2 === 0;
    for (let k = t.atomStart[atom] as number; k < (t.atomStart[atom + 1] as number); k++) {
      const count = decode(t.byAtom[k] as number, q.segments);
      const decoded = t.decoded;
      // Positions ascend: the last is the largest.
      const top = count > 0 ? (decoded[count - 1] as number) >> 1 : 0;
      if (top + 1 >= t.size) grow(top + 2);
      const stamp = even ? t.stampA : t.stampB;
      const prevStamp = even ? t.stampB : t.stampA;
      for (let i = 0; i < count; i++) {
        const p = (decoded[i] as number) >> 1;
        if (atom > 0 && p > 0 && prevStamp[p - 1] === epoch - 1) linked |= 1 << atom;
        stamp[p] = epoch;
      }
    }
  }
  return linked;
}
