/**
 * Compressed positional postings. New postings go to a PostingLog (typed
 * arrays, in arrival order); a log is then encoded into a Segment of two byte
 * streams, term by term:
 *
 * - doc records, one per (term, document), sorted by document: a varint of
 *   the document gap, then a header byte packing the field-weighted term
 *   frequency, the byte length of the document's positions and the mask of
 *   the toned spellings the document holds (when it is one of the term's
 *   first three spellings alone); larger values follow as varints. Most
 *   records take 2 bytes;
 * - positions: per record, the first position (offset in its field · 4 +
 *   field) then the gaps, each ·2 + the punctuation flag, in 1–3 bytes (see
 *   writePosition).
 *
 * Ranking reads the doc records alone (about 3 bytes each); positions are
 * decoded only for the documents a phrase is looked for in. Every SKIP_EVERY
 * records of a term (a few more where segments were joined), a skip entry
 * (document, offsets) lets a cursor jump ahead to a document without decoding
 * the records between. A segment is its
 * byte arrays, so a snapshot is restored by copying them.
 */
import { ByteWriter } from './codec';
import type { PagedPositions } from './position-pages';
import { AFTER_PUNCTUATION, BODY_BASE, fieldOf, FIELD_WEIGHT, SUMMARY_BASE, TAG_BASE } from './fields';
import { work } from './work';

/** Variant ids at or above this share the mask's last bit. */
export const MASK_VARIANTS = 27;
/** Read in the encoding loop: local copies of the field bases. */
const [TAG_BASE_AT, SUMMARY_BASE_AT, BODY_BASE_AT] = [TAG_BASE, SUMMARY_BASE, BODY_BASE];
const FIELD_BASES = Int32Array.of(0, TAG_BASE_AT, SUMMARY_BASE_AT, BODY_BASE_AT);
/** Term-frequency weight by zone (title, tags, summary, body), read in the encoding loop. */
const ZONE_WEIGHT = Int32Array.from(FIELD_BASES, (base) => FIELD_WEIGHT[fieldOf(base)] as number);
/** Records between two skip entries. */
const SKIP_EVERY = 64;
const END = 0x7fffffff;
/** Largest weight or position-byte count held in the header byte (see writeRecord). */
const SMALL = 7;

export function variantBit(variant: number): number {
  return 1 << Math.min(variant, MASK_VARIANTS);
}

/** Growable log of postings, in arrival order (documents ascending, positions ascending within one). */
export class PostingLog {
  term = new Uint32Array(1024);
  doc = new Uint32Array(1024);
  pos = new Uint16Array(1024);
  variant = new Uint16Array(1024);
  length = 0;

  push(term: number, doc: number, pos: number, variant: number): void {
    if (this.length === this.term.length) this.grow();
    const i = this.length++;
    this.term[i] = term;
    this.doc[i] = doc;
    this.pos[i] = pos;
    this.variant[i] = variant;
  }

  private grow(): void {
    const size = this.term.length * 2;
    const copy = <T extends Uint32Array | Uint16Array>(a: T, b: T): T => (b.set(a), b);
    this.term = copy(this.term, new Uint32Array(size));
    this.doc = copy(this.doc, new Uint32Array(size));
    this.pos = copy(this.pos, new Uint16Array(size));
    this.variant = copy(this.variant, new Uint16Array(size));
  }
}

/** The arrays a segment is made of, as stored in a snapshot. */
export interface SegmentArrays {
  /** Doc records of term t are docs[docStart[t], docStart[t + 1]); its positions start at posStart[t]. */
  docStart: Uint32Array;
  posStart: Uint32Array;
  /** Documents and occurrences per term. */
  df: Uint32Array;
  occurrences: Uint32Array;
  docs: Uint8Array;
  positions: Uint8Array;
  /**
   * Skip entries of term t are [skipStart[t], skipStart[t + 1]): after the
   * record of document skipDoc[k], the next record starts at byte
   * skipByte[k] and its positions at skipPos[k].
   */
  skipStart: Uint32Array;
  skipDoc: Uint32Array;
  skipByte: Uint32Array;
  skipPos: Uint32Array;
}

/** Reads the doc records of one term in one segment, in document order. */
export class RecordCursor {
  doc = -1;
  /** Field-weighted term frequency. */
  weight = 0;
  /** Positions of the current record: positions[posAt, posEnd). */
  posAt = 0;
  posEnd = 0;
  /** Bit v set: the document holds toned variant v (see variantBit). */
  mask = 1;
  private at: number;
  private readonly end: number;
  private readonly bytes: Uint8Array;
  private skip: number;
  private readonly skipEnd: number;
  private readonly skips: SegmentArrays;

  constructor(seg: Segment, term: number) {
    const a = (this.skips = seg.arrays);
    this.bytes = a.docs;
    const inRange = term + 1 < a.docStart.length;
    this.at = inRange ? (a.docStart[term] as number) : 0;
    this.end = inRange ? (a.docStart[term + 1] as number) : 0;
    this.posEnd = inRange ? (a.posStart[term] as number) : 0;
    this.skip = inRange ? (a.skipStart[term] as number) : 0;
    this.skipEnd = inRange ? (a.skipStart[term + 1] as number) : 0;
  }

  /** Moves to the next record; false at the end. */
  next(): boolean {
    if (this.at >= this.end) {
      this.doc = END;
      return false;
    }
    work.records++;
    this.doc += this.uint() + 1;
    const header = this.bytes[this.at++] as number;
    const weight = header >>> 5;
    const posBytes = (header >>> 2) & SMALL;
    const maskCode = header & 3;
    this.weight = weight === 0 ? this.uint() : weight;
    this.posAt = this.posEnd;
    this.posEnd += posBytes === 0 ? this.uint() : posBytes;
    this.mask = maskCode === 3 ? this.uint() : 1 << maskCode;
    return true;
  }

  /** Moves to the first record whose document is ≥ d; false when there is none. */
  seek(d: number): boolean {
    if (this.doc >= d) return this.doc !== END;
    // Past every skip entry before d; jump to the last one, if it is ahead.
    const { skipDoc, skipByte, skipPos } = this.skips;
    let k = this.skip;
    while (k < this.skipEnd && (skipDoc[k] as number) < d) k++;
    if (k > this.skip) {
      this.skip = k;
      if ((skipByte[k - 1] as number) > this.at) {
        this.doc = skipDoc[k - 1] as number;
        this.at = skipByte[k - 1] as number;
        this.posEnd = skipPos[k - 1] as number;
      }
    }
    while (this.doc < d) if (!this.next()) return false;
    return true;
  }

  private uint(): number {
    const bytes = this.bytes;
    let b = bytes[this.at++] as number;
    if (b < 0x80) return b;
    let value = b & 0x7f;
    let scale = 0x80;
    do {
      b = bytes[this.at++] as number;
      value += (b & 0x7f) * scale;
      scale *= 0x80;
    } while (b >= 0x80);
    return value;
  }
}

/**
 * Position values take 1 byte below ONE_BYTE, 2 below TWO_BYTES (first byte
 * ONE_BYTE…THREE_BYTE_LEAD − 1), else 3 (up to 2^19 above TWO_BYTES, more than
 * a first position in a 49,000-syllable body needs). The one-byte range is
 * wider than a varint's 128: most gaps between occurrences fall below 216.
 */
const ONE_BYTE = 216;
const THREE_BYTE_LEAD = 248;
const TWO_BYTES = ONE_BYTE + (THREE_BYTE_LEAD - ONE_BYTE) * 256;

function writePosition(bytes: Uint8Array, at: number, v: number): number {
  if (v < ONE_BYTE) {
    bytes[at] = v;
    return at + 1;
  }
  if (v < TWO_BYTES) {
    const w = v - ONE_BYTE;
    bytes[at] = ONE_BYTE + (w >>> 8);
    bytes[at + 1] = w & 0xff;
    return at + 2;
  }
  const w = v - TWO_BYTES;
  bytes[at] = THREE_BYTE_LEAD + (w >>> 16);
  bytes[at + 1] = (w >>> 8) & 0xff;
  bytes[at + 2] = w & 0xff;
  return at + 3;
}

/** Positions in positions[from, to), counted without decoding them. */
function countPositions(positions: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let at = from; at < to; n++) {
    const b = positions[at] as number;
    at += b < ONE_BYTE ? 1 : b < THREE_BYTE_LEAD ? 2 : 3;
  }
  return n;
}

/**
 * Decodes the positions in positions[from, to) (one record's) into `out`, as
 * position·2 + punctuation flag; returns how many. `out` must hold to − from.
 */
export function decodePositions(positions: Uint8Array, from: number, to: number, out: Int32Array): number {
  let at = from;
  let pos = -1;
  let n = 0;
  while (at < to) {
    const b = positions[at++] as number;
    let v: number;
    if (b < ONE_BYTE) v = b;
    else if (b < THREE_BYTE_LEAD) v = ONE_BYTE + ((b - ONE_BYTE) << 8) + (positions[at++] as number);
    else {
      v = TWO_BYTES + ((b - THREE_BYTE_LEAD) << 16) + ((positions[at] as number) << 8) + (positions[at + 1] as number);
      at += 2;
    }
    const flag = v & 1;
    v >>>= 1;
    pos = pos < 0 ? (FIELD_BASES[v & 3] as number) + (v >>> 2) : pos + v;
    out[n++] = pos * 2 + flag;
  }
  return n;
}

/** Per term, its last record's document and how many records follow its last skip entry (what joining needs). */
interface Tails {
  doc: Int32Array;
  count: Uint32Array;
}

export class Segment {
  /**
   * Set when the positions are kept out of memory (position-pages.ts); then
   * `arrays.positions` is empty and only `decode` reads them.
   */
  paged: PagedPositions | null = null;

  constructor(
    readonly arrays: SegmentArrays,
    private tailsOf: Tails | null = null,
  ) {}

  /** A segment whose positions stay in `pages`; `arrays.positions` is left empty. */
  static paged(arrays: SegmentArrays, pages: PagedPositions): Segment {
    const seg = new Segment(arrays);
    seg.paged = pages;
    return seg;
  }

  /** Positions in the stream's bytes [from, to), as decodePositions; −1 while their page is not in memory (see PagedPositions). */
  decode(from: number, to: number, out: Int32Array): number {
    return this.paged ? this.paged.decode(from, to, out) : decodePositions(this.arrays.positions, from, to, out);
  }

  /** Known when the segment was encoded here; decoded once for a restored one. */
  private tails(): Tails {
    if (this.tailsOf) return this.tailsOf;
    const terms = this.arrays.df.length;
    const tails: Tails = { doc: new Int32Array(terms).fill(-1), count: new Uint32Array(terms) };
    for (let t = 0; t < terms; t++) {
      const tail = lastRecords(this, t);
      tails.doc[t] = tail.doc;
      tails.count[t] = tail.count;
    }
    return (this.tailsOf = tails);
  }

  get docStart(): Uint32Array {
    return this.arrays.docStart;
  }
  get posStart(): Uint32Array {
    return this.arrays.posStart;
  }
  get docs(): Uint8Array {
    return this.arrays.docs;
  }
  /** The whole positions stream; only a segment that holds it (not paged) has it. */
  get positions(): Uint8Array {
    if (this.paged) throw new Error('Positions of a paged segment are read through decode()');
    return this.arrays.positions;
  }

  static empty(): Segment {
    return Segment.fromLog(0, new PostingLog());
  }

  /** Postings (occurrences) in the segment. */
  get length(): number {
    let n = 0;
    for (const c of this.arrays.occurrences) n += c;
    return n;
  }

  get bytes(): number {
    const a = this.arrays;
    const words = a.docStart.length + a.posStart.length + a.df.length + a.occurrences.length + a.skipStart.length + a.skipDoc.length * 3;
    return a.docs.length + (this.paged?.length ?? a.positions.length) + words * 4;
  }

  df(term: number): number {
    return term < this.arrays.df.length ? (this.arrays.df[term] as number) : 0;
  }

  occurrences(term: number): number {
    return term < this.arrays.occurrences.length ? (this.arrays.occurrences[term] as number) : 0;
  }

  cursor(term: number): RecordCursor {
    return new RecordCursor(this, term);
  }

  /** Encodes a log (postings in document order) term by term. */
  static fromLog(termCount: number, log: PostingLog): Segment {
    const n = log.length;
    const { term, doc, pos, variant } = log;
    const start = new Uint32Array(termCount + 1);
    for (let i = 0; i < n; i++) {
      const t = (term[i] as number) + 1;
      start[t] = (start[t] as number) + 1;
    }
    for (let t = 0; t < termCount; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
    // Stable counting sort by term keeps each term's postings in document, then position, order;
    // the postings are moved, not indexed, so the encoding below reads them in sequence.
    const sDoc = new Uint32Array(n);
    const sPos = new Uint16Array(n);
    const sVariant = new Uint16Array(n);
    const fill = start.slice(0, termCount);
    for (let i = 0; i < n; i++) {
      const t = term[i] as number;
      const k = fill[t] as number;
      fill[t] = k + 1;
      sDoc[k] = doc[i] as number;
      sPos[k] = pos[i] as number;
      sVariant[k] = variant[i] as number;
    }
    const out = emptyArrays(termCount);
    // A position value takes at most 3 bytes (see writePosition).
    const positions = new Uint8Array(3 * n);
    let docs = new Uint8Array(2 * n + 64);
    const skips = new SkipList((n >>> 6) + 16);
    const tails: Tails = { doc: new Int32Array(termCount).fill(-1), count: new Uint32Array(termCount) };
    let at = 0;
    let pat = 0;
    for (let t = 0; t < termCount; t++) {
      out.docStart[t] = at;
      out.posStart[t] = pat;
      out.skipStart[t] = skips.length;
      const hi = start[t + 1] as number;
      let lastDoc = -1;
      let records = 0;
      for (let k = start[t] as number; k < hi; ) {
        const d = sDoc[k] as number;
        const from = pat;
        let weight = 0;
        let mask = 0;
        let last = -1;
        for (; k < hi && sDoc[k] === d; k++) {
          const p = sPos[k] as number;
          const v = sVariant[k] as number;
          const zone = p >= BODY_BASE_AT ? 3 : p >= SUMMARY_BASE_AT ? 2 : p >= TAG_BASE_AT ? 1 : 0;
          weight += ZONE_WEIGHT[zone] as number;
          mask |= variantBit(v & ~AFTER_PUNCTUATION);
          const value = last < 0 ? (p - (FIELD_BASES[zone] as number)) * 4 + zone : p - last;
          pat = writePosition(positions, pat, value * 2 + (v & AFTER_PUNCTUATION ? 1 : 0));
          last = p;
        }
        if (at + MAX_RECORD > docs.length) {
          const bigger = new Uint8Array(docs.length * 2);
          bigger.set(docs);
          docs = bigger;
        }
        at = writeRecord(docs, at, lastDoc < 0 ? d : d - lastDoc - 1, weight, pat - from, mask);
        if (++records % SKIP_EVERY === 0) skips.push(d, at, pat);
        lastDoc = d;
      }
      out.df[t] = records;
      out.occurrences[t] = hi - (start[t] as number);
      tails.doc[t] = lastDoc;
      tails.count[t] = records % SKIP_EVERY;
    }
    out.docStart[termCount] = at;
    out.posStart[termCount] = pat;
    out.skipStart[termCount] = skips.length;
    out.docs = docs.slice(0, at);
    out.positions = positions.slice(0, pat);
    [out.skipDoc, out.skipByte, out.skipPos] = skips.result();
    return new Segment(out, tails);
  }

  /**
   * Joins segments holding ascending, disjoint document ranges into one,
   * keeping their document numbers. Each term's bytes are copied as they are:
   * only its first record in each part is re-encoded (its document gap is then
   * relative to the previous part's last document), and skip entries move with
   * their bytes, so joining costs about a copy of the bytes.
   */
  static concat(termCount: number, parts: Segment[]): Segment {
    const docLength = parts.reduce((n, p) => n + p.docs.length, 0);
    const posLength = parts.reduce((n, p) => n + p.positions.length, 0);
    // A re-encoded first gap is never longer than the absolute document it replaces.
    const docs = new Uint8Array(docLength);
    const positions = new Uint8Array(posLength);
    const out = emptyArrays(termCount);
    out.docs = docs;
    out.positions = positions;
    const skips = new SkipList(parts.reduce((n, p) => n + p.arrays.skipDoc.length, 0) + termCount);
    const tails: Tails = { doc: new Int32Array(termCount).fill(-1), count: new Uint32Array(termCount) };
    const partTails = parts.map((p) => p.tails());
    let at = 0;
    let posAt = 0;
    for (let t = 0; t < termCount; t++) {
      out.docStart[t] = at;
      out.posStart[t] = posAt;
      out.skipStart[t] = skips.length;
      let lastDoc = -1;
      let sinceSkip = 0;
      for (let pi = 0; pi < parts.length; pi++) {
        const p = parts[pi] as Segment;
        const a = p.arrays;
        if (t + 1 >= a.docStart.length) continue;
        const from = a.docStart[t] as number;
        const to = a.docStart[t + 1] as number;
        if (from === to) continue;
        if (lastDoc >= 0 && sinceSkip >= SKIP_EVERY / 2) {
          // A skip entry at the join keeps runs without one short.
          skips.push(lastDoc, at, posAt);
          sinceSkip = 0;
        }
        // The first record's gap is its document (nothing before it in the part).
        let read = from;
        let first = 0;
        for (let scale = 1; ; scale *= 0x80) {
          const b = a.docs[read++] as number;
          first += (b & 0x7f) * scale;
          if (b < 0x80) break;
        }
        const written = writeUint(docs, at, lastDoc < 0 ? first : first - lastDoc - 1);
        const shift = written - at - (read - from);
        docs.set(a.docs.subarray(read, to), written);
        const posFrom = a.posStart[t] as number;
        const posTo = a.posStart[t + 1] as number;
        positions.set(a.positions.subarray(posFrom, posTo), posAt);
        const s0 = a.skipStart[t] as number;
        const s1 = a.skipStart[t + 1] as number;
        for (let k = s0; k < s1; k++) {
          skips.push(a.skipDoc[k] as number, (a.skipByte[k] as number) - from + at + shift, (a.skipPos[k] as number) - posFrom + posAt);
        }
        const tail = partTails[pi] as Tails;
        sinceSkip = s1 > s0 ? (tail.count[t] as number) : sinceSkip + p.df(t);
        out.df[t] = (out.df[t] as number) + p.df(t);
        out.occurrences[t] = (out.occurrences[t] as number) + p.occurrences(t);
        lastDoc = tail.doc[t] as number;
        at = written + (to - read);
        posAt += posTo - posFrom;
      }
      tails.doc[t] = lastDoc;
      tails.count[t] = sinceSkip;
    }
    out.docStart[termCount] = at;
    out.posStart[termCount] = posAt;
    out.skipStart[termCount] = skips.length;
    out.docs = docs.slice(0, at);
    [out.skipDoc, out.skipByte, out.skipPos] = skips.result();
    return new Segment(out, tails);
  }

  /**
   * Joins segments holding ascending, disjoint document ranges into one,
   * renumbering documents by `map` (−1 drops a document and its postings).
   */
  static merge(termCount: number, parts: Segment[], map: (doc: number) => number): Segment {
    const merger = new SegmentMerger(termCount, parts, map);
    merger.mergeTo(
      termCount,
      parts.map((p) => ({ bytes: p.positions, base: 0 })),
    );
    return merger.finish();
  }
}

/** Bytes of a segment's positions stream from `base` on: all of it, or the part a run of terms needs. */
export interface PositionsWindow {
  bytes: Uint8Array;
  base: number;
}

/** Where merged positions go: a ByteWriter, or pages cut as they come (position-pages.ts: PageCutter). */
export interface PositionsOut {
  readonly length: number;
  bytesFrom(data: Uint8Array, from: number, to: number): void;
  /** The positions the segment holds (none when they went out as pages). */
  result(): Uint8Array;
}

/**
 * Segment.merge a run of terms at a time: each run reads the parts'
 * positions from windows holding just its bytes, and may write its own out
 * as it goes, so that a merge of positions kept in pages never holds all of
 * them (the full save, search-index.ts: toPages).
 */
export class SegmentMerger {
  private readonly out: SegmentWriter;
  /** Terms merged so far. */
  merged = 0;

  constructor(
    private readonly termCount: number,
    private readonly parts: Segment[],
    private readonly map: (doc: number) => number,
    positions?: PositionsOut,
  ) {
    this.out = new SegmentWriter(termCount, positions);
  }

  /** Merges the terms before `to`, reading part i's positions from windows[i]. */
  mergeTo(to: number, windows: PositionsWindow[]): void {
    const { out, parts, map } = this;
    const pw = out.positions;
    for (let t = this.merged; t < to; t++) {
      out.startTerm(t);
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i] as Segment;
        if (t + 1 >= p.docStart.length) continue;
        const { bytes, base } = windows[i] as PositionsWindow;
        const c = p.cursor(t);
        while (c.next()) {
          const d = map(c.doc);
          if (d < 0) continue;
          pw.bytesFrom(bytes, c.posAt - base, c.posEnd - base);
          out.occurrences(countPositions(bytes, c.posAt - base, c.posEnd - base));
          out.record(d, c.weight, c.posEnd - c.posAt, c.mask);
        }
      }
    }
    this.merged = Math.max(this.merged, to);
  }

  finish(): Segment {
    return this.out.finish();
  }
}

/** Empty per-term tables for `termCount` terms, to fill. */
function emptyArrays(termCount: number): SegmentArrays {
  return {
    docStart: new Uint32Array(termCount + 1),
    posStart: new Uint32Array(termCount + 1),
    df: new Uint32Array(termCount),
    occurrences: new Uint32Array(termCount),
    docs: new Uint8Array(0),
    positions: new Uint8Array(0),
    skipStart: new Uint32Array(termCount + 1),
    skipDoc: new Uint32Array(0),
    skipByte: new Uint32Array(0),
    skipPos: new Uint32Array(0),
  };
}

/** Longest doc record: a gap, a header byte, a weight, position bytes and a mask. */
const MAX_RECORD = 5 + 1 + 5 + 5 + 5;

/**
 * Writes one doc record at `at` (see the top of this file); returns where the
 * next byte goes. The header byte packs the weight (3 bits), the position bytes
 * (3 bits) and the mask (2 bits: one of the first three spellings alone, or
 * a varint after); 0 in a field means its value follows as a varint.
 */
function writeRecord(bytes: Uint8Array, at: number, gap: number, weight: number, posBytes: number, mask: number): number {
  at = writeUint(bytes, at, gap);
  const smallWeight = weight <= SMALL ? weight : 0;
  const smallBytes = posBytes <= SMALL ? posBytes : 0;
  const maskCode = mask === 1 ? 0 : mask === 2 ? 1 : mask === 4 ? 2 : 3;
  bytes[at++] = (smallWeight << 5) | (smallBytes << 2) | maskCode;
  if (smallWeight === 0) at = writeUint(bytes, at, weight);
  if (smallBytes === 0) at = writeUint(bytes, at, posBytes);
  if (maskCode === 3) at = writeUint(bytes, at, mask);
  return at;
}

/** Writes `value` as a varint at `at`; returns where the next byte goes. */
function writeUint(bytes: Uint8Array, at: number, value: number): number {
  let v = value >>> 0;
  while (v >= 0x80) {
    bytes[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  bytes[at++] = v;
  return at;
}

/** A term's records after its last skip entry in a segment (all, without one): how many, and the last one's document. */
function lastRecords(seg: Segment, term: number): { count: number; doc: number } {
  const c = seg.cursor(term);
  const a = seg.arrays;
  const lastSkip = (a.skipStart[term + 1] as number) - 1;
  let count = 0;
  if (lastSkip >= (a.skipStart[term] as number)) {
    c.seek((a.skipDoc[lastSkip] as number) + 1);
    if (c.doc === END) return { count: 0, doc: a.skipDoc[lastSkip] as number };
    count = 1;
  }
  let doc = c.doc;
  while (c.next()) {
    doc = c.doc;
    count++;
  }
  return { count, doc };
}

/** Skip entries as they are appended: (document, doc-record byte, position byte). */
class SkipList {
  length = 0;
  private doc: Uint32Array;
  private byte: Uint32Array;
  private pos: Uint32Array;

  constructor(capacity: number) {
    this.doc = new Uint32Array(capacity);
    this.byte = new Uint32Array(capacity);
    this.pos = new Uint32Array(capacity);
  }

  push(doc: number, byte: number, pos: number): void {
    if (this.length === this.doc.length) {
      const grow = (a: Uint32Array): Uint32Array => {
        const b = new Uint32Array(a.length * 2 + 16);
        b.set(a);
        return b;
      };
      this.doc = grow(this.doc);
      this.byte = grow(this.byte);
      this.pos = grow(this.pos);
    }
    this.doc[this.length] = doc;
    this.byte[this.length] = byte;
    this.pos[this.length++] = pos;
  }

  result(): [Uint32Array, Uint32Array, Uint32Array] {
    return [this.doc.slice(0, this.length), this.byte.slice(0, this.length), this.pos.slice(0, this.length)];
  }
}

/** Builds a segment's arrays term by term, in term order. */
class SegmentWriter {
  readonly docs = new ByteWriter();
  private readonly docStart: Uint32Array;
  private readonly posStart: Uint32Array;
  private readonly df: Uint32Array;
  private readonly occ: Uint32Array;
  private term = -1;
  private lastDoc = -1;
  private records = 0;
  private readonly skipStart: Uint32Array;
  private readonly skipDoc: number[] = [];
  private readonly skipByte: number[] = [];
  private readonly skipPos: number[] = [];

  constructor(
    private readonly termCount: number,
    readonly positions: PositionsOut = new ByteWriter(),
  ) {
    this.docStart = new Uint32Array(termCount + 1);
    this.posStart = new Uint32Array(termCount + 1);
    this.df = new Uint32Array(termCount);
    this.occ = new Uint32Array(termCount);
    this.skipStart = new Uint32Array(termCount + 1);
  }

  startTerm(t: number): void {
    this.closeTerm();
    this.term = t;
    this.lastDoc = -1;
    this.records = 0;
    this.skipStart[t] = this.skipDoc.length;
    this.docStart[t] = this.docs.length;
    this.posStart[t] = this.positions.length;
  }

  occurrences(n: number): void {
    this.occ[this.term] = (this.occ[this.term] as number) + n;
  }

  /** Adds the record of document d, whose positions were just written. */
  record(d: number, weight: number, posBytes: number, mask: number): void {
    const w = this.docs;
    w.reserve(MAX_RECORD);
    w.length = writeRecord(w.bytes, w.length, this.lastDoc < 0 ? d : d - this.lastDoc - 1, weight, posBytes, mask);
    if (++this.records % SKIP_EVERY === 0) {
      this.skipDoc.push(d);
      this.skipByte.push(w.length);
      this.skipPos.push(this.positions.length);
    }
    this.lastDoc = d;
    this.df[this.term] = (this.df[this.term] as number) + 1;
  }

  private closeTerm(): void {
    if (this.term >= 0) {
      this.docStart[this.term + 1] = this.docs.length;
      this.posStart[this.term + 1] = this.positions.length;
      this.skipStart[this.term + 1] = this.skipDoc.length;
    }
  }

  finish(): Segment {
    this.closeTerm();
    // Terms after the last started one have no records.
    for (let t = this.term + 1; t < this.termCount; t++) {
      this.docStart[t + 1] = this.docs.length;
      this.posStart[t + 1] = this.positions.length;
      this.skipStart[t + 1] = this.skipDoc.length;
    }
    return new Segment({
      docStart: this.docStart,
      posStart: this.posStart,
      df: this.df,
      occurrences: this.occ,
      docs: this.docs.result(),
      positions: this.positions.result(),
      skipStart: this.skipStart,
      skipDoc: Uint32Array.from(this.skipDoc),
      skipByte: Uint32Array.from(this.skipByte),
      skipPos: Uint32Array.from(this.skipPos),
    });
  }
}
