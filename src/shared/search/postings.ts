/**
 * Compressed positional postings. New postings go to a PostingLog (typed
 * arrays, in arrival order); a log is then encoded into a Segment of two byte
 * streams, term by term:
 *
 * - doc records, one per (term, document), sorted by document: varints of the
 *   document gap and of a header packing the field-weighted term frequency,
 *   the byte length of the document's positions and whether a mask of the
 *   toned spellings the document holds follows (when it holds another than
 *   the term's first); larger values follow the header. Most records take
 *   2 bytes;
 * - positions: per record, varints of the first position (offset in its
 *   field · 4 + field) then of the gaps, each ·2 + the punctuation flag.
 *
 * Ranking reads the doc records alone (about 3 bytes each); positions are
 * decoded only for the documents a phrase is looked for in. Every SKIP_EVERY
 * records of a term, a skip entry (document, offsets) lets a cursor jump
 * ahead to a document without decoding the records between. A segment is its
 * byte arrays, so a snapshot is restored by copying them.
 */
import { ByteWriter } from './codec';
import { AFTER_PUNCTUATION, BODY_BASE, fieldOf, FIELD_WEIGHT, SUMMARY_BASE, TAG_BASE } from './fields';

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
/** Header fields: weight in 3 bits, position bytes in 3, mask flag in 1; 0 in either field means "in a varint after". */
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
    this.doc += this.uint() + 1;
    const header = this.uint();
    const weight = (header >>> 4) & SMALL;
    const posBytes = (header >>> 1) & SMALL;
    this.weight = weight === 0 ? this.uint() : weight;
    this.posAt = this.posEnd;
    this.posEnd += posBytes === 0 ? this.uint() : posBytes;
    this.mask = header & 1 ? this.uint() : 1;
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
 * Decodes the positions in positions[from, to) (one record's) into `out`, as
 * position·2 + punctuation flag; returns how many. `out` must hold to − from.
 */
export function decodePositions(positions: Uint8Array, from: number, to: number, out: Int32Array): number {
  let at = from;
  let pos = -1;
  let n = 0;
  while (at < to) {
    let b = positions[at++] as number;
    let v = b & 0x7f;
    for (let shift = 7; b >= 0x80; shift += 7) {
      b = positions[at++] as number;
      v |= (b & 0x7f) << shift;
    }
    const flag = v & 1;
    v >>>= 1;
    pos = pos < 0 ? (FIELD_BASES[v & 3] as number) + (v >>> 2) : pos + v;
    out[n++] = pos * 2 + flag;
  }
  return n;
}

export class Segment {
  constructor(readonly arrays: SegmentArrays) {}

  get docStart(): Uint32Array {
    return this.arrays.docStart;
  }
  get posStart(): Uint32Array {
    return this.arrays.posStart;
  }
  get docs(): Uint8Array {
    return this.arrays.docs;
  }
  get positions(): Uint8Array {
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
    return a.docs.length + a.positions.length + words * 4;
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
    const count = new Uint32Array(termCount + 1);
    for (let i = 0; i < log.length; i++) {
      const t = (log.term[i] as number) + 1;
      count[t] = (count[t] as number) + 1;
    }
    for (let t = 0; t < termCount; t++) count[t + 1] = (count[t + 1] as number) + (count[t] as number);
    // Stable counting sort by term keeps each term's postings in document, then position, order.
    const order = new Uint32Array(log.length);
    const fill = count.slice(0, termCount);
    for (let i = 0; i < log.length; i++) {
      const t = log.term[i] as number;
      order[fill[t] as number] = i;
      fill[t] = (fill[t] as number) + 1;
    }
    const out = new SegmentWriter(termCount);
    const pw = out.positions;
    for (let t = 0; t < termCount; t++) {
      const lo = count[t] as number;
      const hi = count[t + 1] as number;
      out.startTerm(t);
      for (let k = lo; k < hi; ) {
        const d = log.doc[order[k] as number] as number;
        const from = pw.length;
        let weight = 0;
        let mask = 0;
        let last = -1;
        for (; k < hi && log.doc[order[k] as number] === d; k++) {
          const i = order[k] as number;
          const p = log.pos[i] as number;
          const v = log.variant[i] as number;
          const flag = v & AFTER_PUNCTUATION ? 1 : 0;
          const zone = p >= BODY_BASE_AT ? 3 : p >= SUMMARY_BASE_AT ? 2 : p >= TAG_BASE_AT ? 1 : 0;
          weight += ZONE_WEIGHT[zone] as number;
          mask |= variantBit(v & ~AFTER_PUNCTUATION);
          const value = last < 0 ? (p - (FIELD_BASES[zone] as number)) * 4 + zone : p - last;
          pw.uint(value * 2 + flag);
          last = p;
          out.occurrence();
        }
        out.record(d, weight, pw.length - from, mask);
      }
    }
    return out.finish();
  }

  /**
   * Joins segments holding ascending, disjoint document ranges into one,
   * renumbering documents by `map` (−1 drops a document and its postings).
   */
  static merge(termCount: number, parts: Segment[], map: (doc: number) => number): Segment {
    const out = new SegmentWriter(termCount);
    const pw = out.positions;
    for (let t = 0; t < termCount; t++) {
      out.startTerm(t);
      for (const p of parts) {
        if (t + 1 >= p.docStart.length) continue;
        const c = p.cursor(t);
        while (c.next()) {
          const d = map(c.doc);
          if (d < 0) continue;
          pw.bytesFrom(p.positions, c.posAt, c.posEnd);
          for (let i = c.posAt; i < c.posEnd; i++) if ((p.positions[i] as number) < 0x80) out.occurrence();
          out.record(d, c.weight, c.posEnd - c.posAt, c.mask);
        }
      }
    }
    return out.finish();
  }
}

/** Builds a segment's arrays term by term, in term order. */
class SegmentWriter {
  readonly docs = new ByteWriter();
  readonly positions = new ByteWriter();
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

  constructor(private readonly termCount: number) {
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

  occurrence(): void {
    this.occ[this.term] = (this.occ[this.term] as number) + 1;
  }

  /** Adds the record of document d, whose positions were just written. */
  record(d: number, weight: number, posBytes: number, mask: number): void {
    const w = this.docs;
    w.uint(this.lastDoc < 0 ? d : d - this.lastDoc - 1);
    const smallWeight = weight <= SMALL ? weight : 0;
    const smallBytes = posBytes <= SMALL ? posBytes : 0;
    w.uint((smallWeight << 4) | (smallBytes << 1) | (mask !== 1 ? 1 : 0));
    if (smallWeight === 0) w.uint(weight);
    if (smallBytes === 0) w.uint(posBytes);
    if (mask !== 1) w.uint(mask);
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
