/**
 * A segment's positions kept out of memory: its positions byte stream cut into
 * fixed pages, stored beside the snapshot and read on demand into a bounded
 * cache. Ranking stays synchronous: before its phrase pass a query notes the
 * pages it needs (`want`, `holds`) and its caller reads them (`loadMissing`);
 * a decode of a page not in the cache returns no positions and notes the page
 * (SearchIndex.withPositions then loads it and runs the query again). A page the store cannot give
 * (deleted, or of another snapshot) is marked lost: its records then rank
 * without phrase data, and `lost` tells the owner to reload the index.
 */
import { decodePositions, type PositionsOut, type PositionsWindow } from './postings';

export const PAGE_SHIFT = 16;
/** 64 KB: a rare term's positions fit in one; a common term's are read in a few dozen. */
export const PAGE_BYTES = 1 << PAGE_SHIFT;
export const pageOf = (offset: number): number => offset >>> PAGE_SHIFT;
/**
 * Bytes of pages kept in memory at once (per index). Positions no bigger are
 * not paged at all (index-store.ts): above about 20,000 articles only.
 */
export const CACHE_BYTES = 24 << 20;
/**
 * When room is made, a page's last use counts for its query's number plus
 * this many queries per doubling of the queries that used it: pages of common
 * syllables, which most queries need, outlive a run of queries over rarer
 * ones (simulated over 50,000 articles: 12 % fewer reads than dropping the
 * least recently used, on queries made from articles; 28 % on the bench's).
 */
const USES_WEIGHT = 200;

/**
 * Pages a block of the cache's memory holds (1 MB). Pages read are copied
 * into blocks the cache keeps, so a page read dies young and a page dropped
 * is a slot to reuse, not old garbage for a full collection to find.
 */
const BLOCK_PAGES = 16;

/** Reads pages by number, in one go; undefined for a page the store does not hold. */
export type PageLoader = (pages: number[]) => Promise<Array<Uint8Array | undefined>>;

export function cutPages(positions: Uint8Array): Uint8Array[] {
  const pages: Uint8Array[] = [];
  for (let at = 0; at < positions.length; at += PAGE_BYTES) pages.push(positions.slice(at, at + PAGE_BYTES));
  return pages;
}

/**
 * Positions written in order (a merge's, PositionsOut), cut into pages as
 * they come: `take` hands out those filled since, and, once the merge has
 * finished (`result`), the last one too.
 */
export class PageCutter implements PositionsOut {
  length = 0;
  private page = new Uint8Array(PAGE_BYTES);
  private at = 0;
  private full: Uint8Array[] = [];

  bytesFrom(data: Uint8Array, from: number, to: number): void {
    while (from < to) {
      const n = Math.min(to - from, PAGE_BYTES - this.at);
      this.page.set(data.subarray(from, from + n), this.at);
      this.at += n;
      this.length += n;
      from += n;
      if (this.at === PAGE_BYTES) {
        this.full.push(this.page);
        this.page = new Uint8Array(PAGE_BYTES);
        this.at = 0;
      }
    }
  }

  /** The merge ended: the last page is cut; the segment holds no positions. */
  result(): Uint8Array {
    if (this.at > 0) this.full.push(this.page.slice(0, this.at));
    this.at = 0;
    return new Uint8Array(0);
  }

  take(): Uint8Array[] {
    return this.full.splice(0);
  }
}

/**
 * The cache's memory, in blocks: one for all the paged segments of an index
 * (a build saved in parts has several), so that together they stay within
 * one budget. Each segment keeps to its share (PagedPositions.budget).
 */
export class PageSlots {
  private readonly blocks: Uint8Array[] = [];
  private readonly free: number[] = [];

  constructor(readonly budget = CACHE_BYTES) {}

  /** A free slot, a new block's while within the budget; undefined when none is left. */
  take(): number | undefined {
    if (this.free.length === 0 && this.blocks.length * BLOCK_PAGES * PAGE_BYTES < this.budget) {
      const first = this.blocks.length * BLOCK_PAGES;
      this.blocks.push(new Uint8Array(BLOCK_PAGES * PAGE_BYTES));
      for (let k = BLOCK_PAGES - 1; k >= 0; k--) this.free.push(first + k);
    }
    return this.free.pop();
  }

  give(slot: number): void {
    this.free.push(slot);
  }

  /** The slot's memory, `length` bytes of it. */
  view(slot: number, length: number): Uint8Array {
    const at = (slot % BLOCK_PAGES) * PAGE_BYTES;
    return (this.blocks[Math.floor(slot / BLOCK_PAGES)] as Uint8Array).subarray(at, at + length);
  }
}

export class PagedPositions {
  private readonly pages: Array<Uint8Array | undefined>;
  /** The last query that needed each page (queries are numbered from 1): the query running keeps its pages until it ends. */
  private readonly used: Uint32Array;
  /** How many queries needed each page, and what that and the last use are worth (USES_WEIGHT): the least is dropped first. */
  private readonly uses: Uint32Array;
  private readonly worth: Float64Array;
  private readonly lostPages: Uint8Array;
  /** Each page's slot in `slots` (−1: held as read, past the budget). */
  private readonly slotOf: Int32Array;
  private queries = 0;
  /** The query running (0: none). */
  private query = 0;
  /** Bytes of pages held now. */
  cached = 0;
  /** Pages decodes asked for that are not held, since the last load. */
  readonly missing = new Set<number>();
  /** Some page could not be read: the index answers without some phrase data until reloaded. */
  lost = false;
  private scratch = new Uint8Array(256);

  /**
   * `first`: the number of its first page among the pages `loader` reads (a
   * save in parts stores each part's after the previous one's); `budget`:
   * its share of the memory of `slots`; `arraysAt`: the page holding the
   * segment's other arrays, when a save in parts stored them there
   * (snapshot.ts: encodePart), for later saves to refer to.
   */
  constructor(
    readonly length: number,
    private readonly loader: PageLoader,
    public budget = CACHE_BYTES,
    readonly first = 0,
    readonly slots = new PageSlots(budget),
    readonly arraysAt?: number,
  ) {
    const count = Math.ceil(length / PAGE_BYTES);
    this.pages = new Array<Uint8Array | undefined>(count);
    this.used = new Uint32Array(count);
    this.uses = new Uint32Array(count);
    this.worth = new Float64Array(count);
    this.lostPages = new Uint8Array(count);
    this.slotOf = new Int32Array(count).fill(-1);
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Like decodePositions over the whole stream; −1 (and the page noted) when a page is not held, 0 when it is lost. */
  decode(from: number, to: number, out: Int32Array): number {
    if (from >= to) return 0;
    const first = from >>> PAGE_SHIFT;
    const last = (to - 1) >>> PAGE_SHIFT;
    if (first === last) {
      const page = this.pages[first];
      if (page) return decodePositions(page, from - first * PAGE_BYTES, to - first * PAGE_BYTES, out);
    }
    // A record across a page boundary (or a page not held): its bytes joined first.
    if (this.scratch.length < to - from) this.scratch = new Uint8Array(2 * (to - from));
    let complete = true;
    let lost = false;
    for (let p = first; p <= last; p++) {
      const page = this.pages[p];
      if (!page) {
        complete = false;
        if (this.lostPages[p]) lost = true;
        else this.missing.add(p);
        continue;
      }
      const lo = Math.max(from, p * PAGE_BYTES);
      const hi = Math.min(to, (p + 1) * PAGE_BYTES);
      this.scratch.set(page.subarray(lo - p * PAGE_BYTES, hi - p * PAGE_BYTES), lo - from);
    }
    return complete ? decodePositions(this.scratch, 0, to - from, out) : lost ? 0 : -1;
  }

  /** A query starts: the pages it uses stay until `endQuery`, so its runs make progress however much it reads. */
  beginQuery(): void {
    this.missing.clear();
    this.query = ++this.queries;
  }

  /** The query ended: back within the budget. */
  endQuery(): void {
    this.missing.clear();
    this.query = 0;
    this.evictFor(0);
  }

  /** Whether the pages of bytes [from, to) are held (or lost), kept for the query running; the others are noted as missing. */
  want(from: number, to: number): boolean {
    if (this.cached === this.length) return true;
    let held = true;
    for (let p = from >>> PAGE_SHIFT; from < to && p <= (to - 1) >>> PAGE_SHIFT; p++) {
      if (this.pages[p]) this.use(p);
      else if (!this.lostPages[p]) {
        this.missing.add(p);
        held = false;
      }
    }
    return held;
  }

  /** Whether every page of bytes [from, to) is held (or lost); if so they are kept for the query running, else nothing is noted. */
  holds(from: number, to: number): boolean {
    if (this.cached === this.length) return true;
    const first = from >>> PAGE_SHIFT;
    const last = (to - 1) >>> PAGE_SHIFT;
    for (let p = first; from < to && p <= last; p++) if (!this.pages[p] && !this.lostPages[p]) return false;
    for (let p = first; from < to && p <= last; p++) if (this.pages[p]) this.use(p);
    return true;
  }

  private use(p: number): void {
    if (this.used[p] === this.query) return;
    this.used[p] = this.query;
    this.uses[p] = (this.uses[p] as number) + 1;
    this.worth[p] = this.query + USES_WEIGHT * Math.log2(this.uses[p] as number);
  }

  /** Reads the missing pages (one call of the loader), making room by dropping those worth least. */
  async loadMissing(): Promise<void> {
    const wanted = [...this.missing].sort((a, b) => a - b);
    this.missing.clear();
    if (wanted.length === 0) return;
    let got: Array<Uint8Array | undefined>;
    try {
      got = await this.loader(wanted.map((p) => p + this.first));
    } catch {
      got = [];
    }
    wanted.forEach((p, i) => {
      const page = got[i];
      const size = Math.min(PAGE_BYTES, this.length - p * PAGE_BYTES);
      if (!(page instanceof Uint8Array) || page.length !== size) {
        this.lostPages[p] = 1;
        this.lost = true;
        return;
      }
      if (this.pages[p]) return;
      this.evictFor(page.length);
      this.pages[p] = this.place(p, page);
      this.use(p);
      this.cached += page.length;
    });
  }

  /** A copy of `page` in a free slot (a new block while within the budget), or the page itself when none is left. */
  private place(p: number, page: Uint8Array): Uint8Array {
    const slot = this.slots.take();
    if (slot === undefined) return page;
    this.slotOf[p] = slot;
    const view = this.slots.view(slot, page.length);
    view.set(page);
    return view;
  }

  /**
   * Bytes [from, to) of the stream, as a window starting at their first
   * page, read as stored (a full save reads every page once, in order: they
   * are not cached); undefined when a page is missing.
   */
  async window(from: number, to: number): Promise<PositionsWindow | undefined> {
    if (from >= to) return { bytes: new Uint8Array(0), base: from };
    const first = from >>> PAGE_SHIFT;
    const last = (to - 1) >>> PAGE_SHIFT;
    const all = Array.from({ length: last - first + 1 }, (_, k) => first + k);
    const got = await this.loader(all.filter((p) => !this.pages[p]).map((p) => p + this.first));
    const bytes = new Uint8Array(Math.min(this.length, (last + 1) * PAGE_BYTES) - first * PAGE_BYTES);
    let k = 0;
    for (const p of all) {
      const page = this.pages[p] ?? got[k++];
      if (!(page instanceof Uint8Array) || page.length !== Math.min(PAGE_BYTES, this.length - p * PAGE_BYTES)) return undefined;
      bytes.set(page, (p - first) * PAGE_BYTES);
    }
    return { bytes, base: first * PAGE_BYTES };
  }

  /** Drops the pages worth least, not those of the query running, until `bytes` more fit. */
  private evictFor(bytes: number): void {
    while (this.cached + bytes > this.budget) {
      let victim = -1;
      for (let p = 0; p < this.pages.length; p++) {
        if (!this.pages[p] || (this.query !== 0 && this.used[p] === this.query)) continue;
        if (victim < 0 || (this.worth[p] as number) < (this.worth[victim] as number)) victim = p;
      }
      if (victim < 0) return;
      this.cached -= (this.pages[victim] as Uint8Array).length;
      this.pages[victim] = undefined;
      if ((this.slotOf[victim] as number) >= 0) this.slots.give(this.slotOf[victim] as number);
      this.slotOf[victim] = -1;
    }
  }
}
