/**
 * The doc records the first pass of ranking read, chained per document
 * (head → next), so the phrase pass visits only a document's own records:
 * no second walk over the postings, no seeking. Typed arrays reused across
 * queries; `head` is cleared per touched document by the caller. Records
 * are also kept in runs, one per term and segment read (`runs`): within a
 * run, documents and their positions ascend, so the position pages a run
 * needs can be told from its first and last record (position-pages.ts).
 */

/** A copy of `a` with room for `size` entries. */
export function grown(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * Entries kept once a query is done with them: one over common syllables
 * with typo alternatives pushes about a million (24 MB); they are let go
 * after the next query that needed no more than this.
 */
const KEEP = 1 << 16;

export const records = {
  length: 0,
  head: new Int32Array(0),
  /** Where each run starts; a run ends where the next starts, the last at `length`. */
  runs: [] as number[],
  doc: new Int32Array(1 << 12),
  next: new Int32Array(1 << 12),
  alt: new Int32Array(1 << 12),
  seg: new Int32Array(1 << 12),
  posAt: new Int32Array(1 << 12),
  posEnd: new Int32Array(1 << 12),
  mask: new Int32Array(1 << 12),
  forDocs(n: number): void {
    if (n > this.head.length) this.head = new Int32Array(Math.max(n, this.head.length * 2)).fill(-1);
    if (this.next.length > KEEP && this.length <= KEEP) {
      for (const key of ['doc', 'next', 'alt', 'seg', 'posAt', 'posEnd', 'mask'] as const) this[key] = new Int32Array(KEEP);
    }
    this.length = 0;
    this.runs.length = 0;
  },
  /** The records pushed next are of another term or segment. */
  beginRun(): void {
    this.runs.push(this.length);
  },
  push(d: number, alt: number, seg: number, posAt: number, posEnd: number, mask: number): void {
    if (this.length === this.next.length) {
      const size = this.length * 2;
      this.doc = grown(this.doc, size);
      this.next = grown(this.next, size);
      this.alt = grown(this.alt, size);
      this.seg = grown(this.seg, size);
      this.posAt = grown(this.posAt, size);
      this.posEnd = grown(this.posEnd, size);
      this.mask = grown(this.mask, size);
    }
    const e = this.length++;
    this.doc[e] = d;
    this.next[e] = this.head[d] as number;
    this.head[d] = e;
    this.alt[e] = alt;
    this.seg[e] = seg;
    this.posAt[e] = posAt;
    this.posEnd[e] = posEnd;
    this.mask[e] = mask;
  },
};
