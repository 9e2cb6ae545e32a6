/**
 * Compact positional postings. A segment stores, term by term (CSR layout),
 * parallel typed arrays of document ordinal (32 bits), position (16 bits) and
 * toned-variant id (16 bits): 8 bytes a posting, sorted by document then position.
 */

/** Growable log of postings, in arrival order. */
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

export class Segment {
  constructor(
    /** Postings of term t are [start[t], start[t + 1]); terms past the end have none. */
    readonly start: Uint32Array,
    readonly doc: Uint32Array,
    readonly pos: Uint16Array,
    readonly variant: Uint16Array,
  ) {}

  static empty(): Segment {
    return new Segment(new Uint32Array(1), new Uint32Array(0), new Uint16Array(0), new Uint16Array(0));
  }

  get length(): number {
    return this.doc.length;
  }

  range(term: number): [number, number] {
    if (term + 1 >= this.start.length) return [0, 0];
    return [this.start[term] as number, this.start[term + 1] as number];
  }

  /** Whether `doc` has a posting for `term` (binary search; postings are sorted by doc). */
  has(term: number, doc: number): boolean {
    let [lo, hi] = this.range(term);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.doc[mid] as number;
      if (d === doc) return true;
      if (d < doc) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /**
   * Counting sort of logs into a segment. Logs are appended in document order,
   * so a stable sort by term keeps each term's postings sorted by document.
   * `keep` drops postings of removed documents.
   */
  static fromLogs(termCount: number, parts: Array<Segment | PostingLog>, keep: (doc: number) => boolean): Segment {
    const start = new Uint32Array(termCount + 1);
    const eachPosting = (visit: (t: number, i: number, p: Segment | PostingLog) => void): void => {
      for (const p of parts) {
        if (p instanceof PostingLog) {
          for (let i = 0; i < p.length; i++) if (keep(p.doc[i] as number)) visit(p.term[i] as number, i, p);
        } else {
          for (let t = 0; t + 1 < p.start.length; t++) {
            for (let i = p.start[t] as number; i < (p.start[t + 1] as number); i++) if (keep(p.doc[i] as number)) visit(t, i, p);
          }
        }
      }
    };
    eachPosting((t) => void (start[t + 1] = (start[t + 1] as number) + 1));
    for (let t = 0; t < termCount; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
    const total = start[termCount] as number;
    const doc = new Uint32Array(total);
    const pos = new Uint16Array(total);
    const variant = new Uint16Array(total);
    const fill = start.slice(0, termCount);
    eachPosting((t, i, p) => {
      const at = fill[t] as number;
      fill[t] = at + 1;
      doc[at] = p.doc[i] as number;
      pos[at] = p.pos[i] as number;
      variant[at] = p.variant[i] as number;
    });
    return new Segment(start, doc, pos, variant);
  }
}
