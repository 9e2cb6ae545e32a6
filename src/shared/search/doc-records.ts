/**
 * The doc records the first pass of ranking read, chained per document
 * (head → next), so the phrase pass visits only a document's own records:
 * no second walk over the postings, no seeking. Records are pushed term by
 * term, so a document's records lie far apart: each one's fields are kept
 * together (`fields`, STRIDE entries a record: one cache line holds a record
 * whole), not in one array per field, which cost a cache miss per field.
 * Typed arrays reused across queries; `head` is cleared per touched
 * document by the caller. Records are also kept in runs, one per term and
 * segment read (`runs`): within a run, documents and their positions ascend,
 * so the position pages a run needs can be told from its first and last
 * record (position-pages.ts).
 */

/** A copy of `a` with room for `size` entries. */
export function grown(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** Offsets of a record's fields, from `e · STRIDE` (e: the record's number). */
export const NEXT = 0;
/** The alternative read (rank.ts). */
export const ALT = 1;
/** Its query syllable. */
export const ATOM = 2;
export const SEG = 3;
/** Its positions: positions[POS_AT, POS_END) of its segment. */
export const POS_AT = 4;
export const POS_END = 5;
/** Toned spellings the document holds (postings.ts). */
export const MASK = 6;
export const DOC = 7;
export const STRIDE = 8;

/**
 * Records whose storage is kept from query to query (4 MB): enough for 95 %
 * of the queries over 50,000 articles (the sum of their syllables' document
 * frequencies). Fresh storage is paid for on first touch, page by page: a
 * query over common syllables that made its records' storage anew (4–5 MB)
 * spent more on that than on reading them. A query that needs more (one over
 * common syllables with typo alternatives pushes about a million, 32 MB) has
 * storage of its own, let go when the next query starts.
 */
const KEEP = 1 << 17;

export const records = {
  length: 0,
  head: new Int32Array(0),
  /** Where each run starts; a run ends where the next starts, the last at `length`. */
  runs: [] as number[],
  fields: new Int32Array(STRIDE << 12),
  /** The storage kept across queries, once made (KEEP records). */
  kept: null as Int32Array<ArrayBuffer> | null,
  forDocs(n: number): void {
    if (n > this.head.length) this.head = new Int32Array(Math.max(n, this.head.length * 2)).fill(-1);
    if (this.kept && this.fields.length > this.kept.length) this.fields = this.kept;
    this.length = 0;
    this.runs.length = 0;
  },
  /**
   * Room for `count` more records, made at once: grown by doubling, a query
   * over common syllables copied its records two or three times and paid
   * for each larger storage's fresh memory.
   */
  reserve(count: number): void {
    const size = (this.length + count) * STRIDE;
    if (size > this.fields.length) this.room(size);
  },
  /** Storage for `size` fields, the records pushed so far copied: the kept storage when it is big enough. */
  room(size: number): void {
    const used = this.fields.subarray(0, this.length * STRIDE);
    if (size <= KEEP * STRIDE) {
      this.kept ??= new Int32Array(KEEP * STRIDE);
      if (this.kept !== this.fields) this.kept.set(used);
      this.fields = this.kept;
      return;
    }
    const bigger = new Int32Array(size);
    bigger.set(used);
    this.fields = bigger;
  },
  /** The records pushed next are of another term or segment. */
  beginRun(): void {
    this.runs.push(this.length);
  },
  push(d: number, alt: number, atom: number, seg: number, posAt: number, posEnd: number, mask: number): void {
    if (this.length * STRIDE === this.fields.length) this.room(this.fields.length * 2);
    const e = this.length++;
    const f = this.fields;
    const at = e * STRIDE;
    f[at + NEXT] = this.head[d] as number;
    this.head[d] = e;
    f[at + ALT] = alt;
    f[at + ATOM] = atom;
    f[at + SEG] = seg;
    f[at + POS_AT] = posAt;
    f[at + POS_END] = posEnd;
    f[at + MASK] = mask;
    f[at + DOC] = d;
  },
};
