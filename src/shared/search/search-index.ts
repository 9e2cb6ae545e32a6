/**
 * Offline full-text search over articles: an inverted index from folded
 * syllables to compressed positional postings (postings.ts). A query walks
 * query.ts (atoms and their expansions), rank.ts (full matches, then loose
 * ones), and suggest.ts when nothing matched; snapshot.ts saves and restores
 * it. New articles go to a log, sealed into a segment when it grows; segments
 * of similar size are merged (so there are few of them, and each posting is
 * copied a logarithmic number of times while an archive is built).
 *
 * A restored index may keep its positions out of memory, in pages
 * (position-pages.ts): `withPositions` then runs a query again once the pages
 * it asked for are read. Such a segment is never joined with others. Saving
 * keeps its pages and adds what changed since (`toAppended`), until the
 * changes weigh; then it writes all again (`toPages`), reading the stored
 * pages a window at a time.
 */
import { AFTER_PUNCTUATION, BODY_BASE, MAX_POSITION, SUMMARY_BASE, TAG_BASE } from './fields';
import { CACHE_BYTES, PAGE_BYTES, PageCutter, PagedPositions, PageSlots, type PageLoader } from './position-pages';
import { MASK_VARIANTS, PostingLog, Segment, SegmentMerger, type PositionsWindow } from './postings';
import { joinedSplits, splitAtom } from './joined';
import { exactAlternatives, MAX_ATOMS, parseQuery, typoAlternatives, withinBudget, type QueryAtom } from './query';
import { rankSteps, type Alternative, type RankResult, type Ranked } from './rank';
import { decodeSnapshot, encodePart, encodeSnapshot, type IndexParts, type SnapshotSegment } from './snapshot';
import { suggest } from './suggest';
import { isCodeJoint, forEachSyllable } from './tokenize';
import { Vocabulary } from './vocabulary';
import { warmUpQueries } from './warm-up';

export interface SearchDoc {
  id: string;
  title: string;
  summary: string;
  text: string;
  tags: string[];
  published: number;
}

export interface SearchHit {
  id: string;
  score: number;
  /** Folded syllables of the query that matched (after typo/telex expansion), for highlighting. */
  terms: string[];
}

export interface SearchResult {
  /** Articles holding every query word (typo, Telex and VNI readings count), best first. */
  hits: SearchHit[];
  /** How many articles hold every query word. */
  total: number;
  /** Looser matches, shown apart: one word missing from a longer query, or other diacritics than typed. */
  loose: SearchHit[];
  looseTotal: number;
}

export interface SearchOptions {
  limit?: number;
}

/**
 * Whether the characters between two syllables end a phrase: anything but
 * spaces, except one connector inside a code or number (11-CT/TU, 18/5, 3,5).
 */
function breaksPhrase(text: string, from: number, to: number): boolean {
  if (to === from + 1 && text.charCodeAt(from) === 32) return false;
  const sep = text.slice(from, to);
  if (/^\s+$/.test(sep)) return false;
  return !(sep.length === 1 && isCodeJoint(text, from));
}
const RAW_CACHE_LIMIT = 200_000;
/** Postings the log holds before it is sealed into a segment (12 bytes each while in the log). */
const LOG_LIMIT = 1 << 20;
/** Longest query whose known words also get typo neighbours. */
const MAX_ATOMS_ALL_TYPOS = 4;
/**
 * A word typed joined that the index holds itself is read as the syllables
 * it joins only when this many times more articles hold them side by side,
 * checked over at most MAX_JOINED_CHECK results (unjoined).
 */
const JOINED_OVER_WORD = 2;
const MAX_JOINED_CHECK = 200;
/**
 * Runs of a query over paged positions at most: the first notes the pages it
 * needs, the second normally has them all; pages a query read stay until it
 * ends, so each run only adds pages (the bound is a safeguard).
 */
const PAGE_ROUNDS = 16;

const isPaged = (s: Segment | undefined): boolean => s?.paged != null;
/** A segment in pages, as a snapshot refers to it. */
const apart = (segment: Segment): SnapshotSegment => (segment.paged ? { segment, apartFrom: segment.paged.first, arraysAt: segment.paged.arraysAt } : { segment });
/**
 * A save keeps the stored positions and appends what changed while the
 * positions added since are at most ADDED_SHARE of them, and the removed
 * articles at most REMOVED_SHARE of all (their postings are still read and
 * skipped): beyond, it writes everything again, dense. The articles added
 * are a second segment with its positions in memory and in the snapshot: at
 * 50,000 articles a quarter made the snapshot 52.6 MB and the restored index
 * 94 MB once queries had filled the page cache (targets 40 and 80 MB); a
 * sixteenth adds at most about 5 MB to either, and a full save comes after
 * about 3,000 new articles.
 */
export const ADDED_SHARE = 1 / 16;
const REMOVED_SHARE = 1 / 4;
/** Bytes of stored positions a full save reads at a time (and about as many it writes). */
const WINDOW_BYTES = 4 << 20;

/**
 * Ranking state is shared by every query (rank.ts, phrase.ts): a query
 * waiting for position pages keeps it, and the next waits its turn.
 */
let turn: Promise<unknown> = Promise.resolve();
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = turn.then(task);
  turn = run.catch(() => undefined);
  return run;
}

/** Runs a query's steps to the end, positions in memory. */
function drive<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export class SearchIndex {
  private vocabulary = new Vocabulary();
  /** Word as written → term·65536 + variant, so each distinct spelling is folded once. */
  private rawCache = new Map<string, number>();

  private ids: string[] = [];
  private published: number[] = [];
  /** Syllables indexed per document (BM25's document length), and their sum over live documents. */
  private lengths: number[] | Uint32Array = [];
  private totalLength = 0;
  private alive = new Uint8Array(64);
  private ords = new Map<string, number>();
  private dead = 0;

  /** Sealed segments, in document order: each holds documents after the previous one's. */
  private sealed: Segment[] = [];
  private log = new PostingLog();
  /** Where the positions of a segment restored apart are read from (toAppended keeps using them). */
  private pages: PageLoader | undefined;
  /** Counts additions and removals, so a caller can tell whether the index changed while it waited. */
  changes = 0;

  static build(docs: Iterable<SearchDoc>): SearchIndex {
    const index = new SearchIndex();
    index.addMany(docs);
    index.settle();
    return index;
  }

  /**
   * Adds documents in bulk, leaving them in the log: queries in between still
   * see them (flush() first spares them encoding it). Call settle() once the
   * last are in.
   */
  addMany(docs: Iterable<SearchDoc>): void {
    for (const doc of docs) this.indexDoc(doc);
  }

  /**
   * Encodes what addMany added since into a segment, so that queries in
   * between read it as it is (a build calls this after each batch: the
   * encoding is the build's work, not the next answer's).
   */
  flush(): void {
    if (this.log.length > 0) this.seal(Infinity);
  }

  /** Folds bulk additions into one segment. */
  settle(): void {
    this.merge();
    // The spelling cache pays off while bulk indexing; do not keep it around.
    this.rawCache.clear();
    this.vocabulary.trim();
  }

  get size(): number {
    return this.ords.size;
  }

  /** Adds a document, replacing any previous one with the same id. */
  add(doc: SearchDoc): void {
    this.indexDoc(doc);
  }

  remove(id: string): void {
    const ord = this.ords.get(id);
    if (ord === undefined) return;
    this.changes++;
    this.ords.delete(id);
    this.alive[ord] = 0;
    this.totalLength -= this.lengths[ord] as number;
    this.dead++;
    // Postings of removed documents are skipped at query time; drop them once they weigh.
    if (this.dead > 256 && this.dead > this.ords.size / 4) this.merge();
  }

  /** Answers a query; positions paged out and not in memory count as absent (use searchAsync for such an index). */
  search(query: string, options: SearchOptions = {}): SearchResult {
    return drive(this.searchSteps(query, options));
  }

  /** Answers a query, reading the position pages its phrase pass needs first (position-pages.ts). */
  searchAsync(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const paged = this.sealed.flatMap((s) => (s.paged ? [s.paged] : []));
    if (paged.length === 0) return Promise.resolve(this.search(query, options));
    return exclusive(async () => {
      for (const p of paged) p.beginQuery();
      try {
        const steps = this.searchSteps(query, options);
        // A step stops when the phrase pass needs pages not in memory: read those it noted, then go on.
        for (;;) {
          const step = steps.next();
          if (step.done) return step.value;
          await Promise.all(paged.map((p) => p.loadMissing()));
        }
      } finally {
        for (const p of paged) p.endQuery();
      }
    });
  }

  private *searchSteps(query: string, options: SearchOptions): Generator<void, SearchResult> {
    const limit = options.limit ?? 20;
    const atoms = yield* this.unjoined(parseQuery(query));
    if (atoms.length === 0) return { hits: [], total: 0, loose: [], looseTotal: 0 };
    let alts = exactAlternatives(atoms, this.vocabulary);
    // Typo neighbours only when no document holds the whole query as a phrase,
    // for one typo: of the words the index does not know, or, when it knows
    // them all, of every word of a query as short as one typed from memory (a
    // typo may spell another word).
    const stages = atoms.length > MAX_ATOMS_ALL_TYPOS ? (['unknown'] as const) : (['unknown', 'all'] as const);
    let stage = 0;
    // The next stage's neighbours, added to alts; none when every stage is done.
    const widen = (): Alternative[] => {
      while (stage < stages.length) {
        const known = new Set(alts.map((a) => a.atom));
        const all = stages[stage++] === 'all';
        const expand = atoms.map((_, i) => all || !known.has(i));
        const typos = withinBudget(typoAlternatives(atoms, alts, expand, this.vocabulary), (t) => this.frequency(t));
        if (typos.length > 0) {
          alts = alts.concat(typos);
          return typos;
        }
      }
      return [];
    };
    // A word the index does not know: no phrase holds the query as typed, so
    // its neighbours are ranked with from the start, and it is taken for the
    // typo: the known words' neighbours would make a second one, found hardly
    // any article sought (README, search) and cost the most. Otherwise
    // ranking asks for them when it finds no phrase.
    if (atoms.some((_, i) => !alts.some((a) => a.atom === i))) {
      widen();
      stage = stages.length;
    }
    const ranked = yield* this.rankWith(alts, atoms.length, limit, widen);
    const matched = this.matchedTerms([...ranked.full, ...ranked.loose].map((r) => r.doc), alts);
    const toHit = (r: Ranked): SearchHit => ({ id: this.ids[r.doc] as string, score: r.score, terms: matched.get(r.doc) ?? [] });
    return { hits: ranked.full.map(toHit), total: ranked.total, loose: ranked.loose.map(toHit), looseTotal: ranked.looseTotal };
  }

  /**
   * The atoms with each word that is no known syllable (nor Telex/VNI for
   * one) read as the syllables it joins (vietnam → viet nam), when some
   * article holds them side by side: the first of its cuts (joined.ts) that a
   * phrase check with limit 1 finds. Other words keep their reading; a word
   * with no such cut is left to the typo neighbours.
   */
  private *unjoined(atoms: QueryAtom[]): Generator<void, QueryAtom[]> {
    const out: QueryAtom[] = [];
    for (const atom of atoms) {
      const decoded = atom.decoded !== null && this.vocabulary.term(atom.decoded) !== undefined;
      // A joined word the index holds (a link, a name: Helen, Putin) yields only to a phrase far commoner.
      const own = this.vocabulary.term(atom.folded);
      const need = own === undefined ? 1 : JOINED_OVER_WORD * this.documentFrequency(own) + 1;
      let parts = [atom];
      for (const cut of decoded || need > MAX_JOINED_CHECK ? [] : joinedSplits(atom.folded, this.vocabulary, (t) => this.frequency(t))) {
        const check = yield* this.rankWith(cut.map((term, i) => ({ atom: i, term, fuzzy: false, wantVariant: -1 })), cut.length, need);
        if (check.full.filter((r) => r.phrase).length >= need) {
          parts = splitAtom(atom, cut, this.vocabulary);
          break;
        }
      }
      out.push(...parts);
    }
    return out.slice(0, MAX_ATOMS);
  }

  /**
   * Queries to run, one per idle turn, once the index is loaded: made from
   * a few article titles, so that V8 optimises the ranking code before the
   * reader's first query rather than during it (warm-up.ts).
   */
  warmUpQueries(titles: readonly string[]): string[] {
    return warmUpQueries(titles, (folded) => this.frequency(this.vocabulary.term(folded) ?? -1));
  }

  /** "Did you mean" (see suggest.ts): null when there is nothing to fix. */
  suggest(query: string): string | null {
    return suggest(query, {
      vocabulary: this.vocabulary,
      frequency: (term) => this.frequency(term),
      topDoc: (q) => {
        const top = this.search(q, { limit: 1 });
        const hit = top.hits[0] ?? top.loose[0];
        return hit === undefined ? undefined : this.ords.get(hit.id);
      },
      variantCounts: (term, doc) => this.variantCounts(term, doc),
    });
  }

  /**
   * Runs `query` (search, suggest) once the position pages it reads are in
   * memory: it runs, the pages it found missing are read, and it runs again,
   * until none is missing. Without paged positions it just runs.
   */
  withPositions<T>(query: () => T): Promise<T> {
    const paged = this.sealed.flatMap((s) => (s.paged ? [s.paged] : []));
    if (paged.length === 0) return Promise.resolve(query());
    return exclusive(async () => {
      for (const p of paged) p.beginQuery();
      try {
        for (let round = 1; ; round++) {
          const result = query();
          if (round === PAGE_ROUNDS || paged.every((p) => p.missing.size === 0)) return result;
          await Promise.all(paged.map((p) => p.loadMissing()));
        }
      } finally {
        for (const p of paged) p.endQuery();
      }
    });
  }

  /** Some position page could not be read: some phrases are not seen until the index is loaded again. */
  get positionsLost(): boolean {
    return this.sealed.some((s) => s.paged?.lost === true);
  }

  /** Bytes of position pages held in memory. */
  get cachedPositionBytes(): number {
    return this.sealed.reduce((n, s) => n + (s.paged?.cached ?? 0), 0);
  }

  /** Whether some positions are kept in pages (a save then keeps them apart again). */
  get pagedPositions(): boolean {
    return this.sealed.some(isPaged);
  }

  /** Bytes of positions, in memory or in pages. */
  get positionBytes(): number {
    return this.segments().reduce((n, s) => n + (s.paged?.length ?? s.positions.length), 0);
  }

  /**
   * The full save with positions apart: live documents renumbered densely,
   * the segments merged a run of terms at a time (about `windowBytes` of
   * stored pages read for each), the merged positions cut into pages and handed to
   * `write` as they come, so that neither the stored positions nor the new
   * ones are ever all in memory. Returns the snapshot without them and how
   * many pages were written; undefined when a stored page could not be read.
   * It saves the index as it was when called: changes made while it waits
   * are left to the next save.
   */
  async toPages(write: (pages: Uint8Array[]) => Promise<void>, windowBytes = WINDOW_BYTES): Promise<{ snapshot: Uint8Array; pages: number } | undefined> {
    const segments = [...this.segments()];
    const { parts, renumber, dense } = this.live();
    const cutter = new PageCutter();
    const first = segments[0];
    if (dense && first && !first.paged) {
      // Settled, nothing removed: its positions are cut as they are.
      const positions = first.positions;
      for (let at = 0; at < positions.length; at += windowBytes) {
        cutter.bytesFrom(positions, at, Math.min(positions.length, at + windowBytes));
        await write(cutter.take());
      }
      cutter.result();
      await write(cutter.take());
      return { snapshot: encodeSnapshot({ ...parts, segments: [{ segment: first, apartFrom: 0 }] }), pages: Math.ceil(positions.length / PAGE_BYTES) };
    }
    const termCount = this.vocabulary.size;
    const merger = new SegmentMerger(termCount, segments, (d) => renumber[d] as number, cutter);
    const posAt = (s: Segment, t: number): number => s.posStart[Math.min(t, s.arrays.df.length)] as number;
    const span = (from: number, to: number): number => segments.reduce((n, s) => n + (s.paged ? posAt(s, to) - posAt(s, from) : 0), 0);
    while (merger.merged < termCount) {
      const from = merger.merged;
      let to = from + 1;
      while (to < termCount && span(from, to + 1) <= windowBytes) to++;
      const windows = await Promise.all(segments.map((s) => (s.paged ? s.paged.window(posAt(s, from), posAt(s, to)) : { bytes: s.positions, base: 0 })));
      if (windows.some((w) => w === undefined)) return undefined;
      merger.mergeTo(to, windows as PositionsWindow[]);
      await write(cutter.take());
    }
    const main = merger.finish();
    await write(cutter.take());
    return { snapshot: encodeSnapshot({ ...parts, segments: [{ segment: main, apartFrom: 0 }] }), pages: Math.ceil(cutter.length / PAGE_BYTES) };
  }

  /**
   * The snapshot of an index restored with its positions apart, saved over
   * without them: the same document numbers, the removed ones listed, and the
   * articles added since as a second segment, positions inside; with the
   * loader of the positions it keeps using (their pages stay as stored).
   * Undefined when a full save is due (see ADDED_SHARE), or a page was lost.
   */
  toAppended(): { snapshot: Uint8Array; pages: PageLoader } | undefined {
    const { kept, rest } = this.split(this.sealed);
    const stored = kept.reduce((n, s) => n + (s.paged?.length ?? 0), 0);
    if (kept.length === 0 || kept.some((s) => s.paged?.lost) || !this.pages || rest.some(isPaged)) return undefined;
    const tail = this.log.length > 0 ? [...rest, Segment.fromLog(this.vocabulary.size, this.log)] : rest;
    const added = tail.reduce((n, seg) => n + seg.positions.length, 0);
    if (added > stored * ADDED_SHARE || this.dead > this.ids.length * REMOVED_SHARE) return undefined;
    const alive = this.alive;
    const merged = tail.length === 0 ? [] : [{ segment: Segment.merge(this.vocabulary.size, tail, (d) => (alive[d] === 1 ? d : -1)) }];
    return { snapshot: this.encodeWith([...kept.map(apart), ...merged]), pages: this.pages };
  }

  /**
   * A save in parts (a build's, as it goes): the segments whose positions
   * are in memory, merged into one part a run of terms at a time, its
   * positions handed to `write` as pages as they are cut (never copied
   * whole), then its other arrays as one more page (encodePart), numbered
   * from `first` among those `pages` reads, after the parts saved before;
   * the snapshot refers to every part's pages.
   * `commit`, once it is stored, drops the part's positions from memory: they
   * are read from its pages as the other parts' are, through one cache
   * (unless the index changed meanwhile).
   * Undefined when the positions are not all in memory after the parts in
   * pages, or a page was lost (a full save is then due).
   */
  async toPart(pages: PageLoader, first: number, write: (pages: Uint8Array[]) => Promise<void>): Promise<{ snapshot: Uint8Array; pages: number; commit: () => void } | undefined> {
    const segments = [...this.segments()];
    const { kept, rest } = this.split(segments);
    if (rest.some(isPaged) || kept.some((s) => s.paged?.lost)) return undefined;
    const termCount = this.vocabulary.size;
    const cutter = new PageCutter();
    // Documents keep their numbers, removed ones too, as the parts before keep theirs.
    const merger = new SegmentMerger(termCount, rest, (d) => d, cutter);
    const windows = rest.map((s) => ({ bytes: s.positions, base: 0 }));
    const posAt = (t: number): number => rest.reduce((n, s) => n + (s.posStart[Math.min(t, s.arrays.df.length)] as number), 0);
    while (merger.merged < termCount) {
      const from = posAt(merger.merged);
      let to = merger.merged + 1;
      while (to < termCount && posAt(to + 1) - from <= WINDOW_BYTES) to++;
      merger.mergeTo(to, windows);
      await write(cutter.take());
    }
    const merged = merger.finish();
    const positionPages = Math.ceil(cutter.length / PAGE_BYTES);
    await write(cutter.take());
    const slots = kept[0]?.paged?.slots ?? new PageSlots(CACHE_BYTES);
    let part: Segment | undefined;
    if (cutter.length > 0) {
      await write([encodePart(merged)]);
      part = Segment.paged(merged.arrays, new PagedPositions(cutter.length, pages, 0, first, slots, first + positionPages));
    }
    const now = part ? [...kept, part] : kept;
    const snapshot = this.encodeWith(now.map(apart));
    const commit = (): void => {
      // Segments joined since (a change while it saved): the part is not taken, its positions stay in memory.
      if (segments.some((s, i) => this.sealed[i] !== s)) return;
      this.sealed = [...now, ...this.sealed.slice(segments.length)];
      this.pages = pages;
      const paged = this.sealed.flatMap((s) => (s.paged ? [s.paged] : []));
      const total = paged.reduce((n, p) => n + p.length, 0);
      for (const p of paged) p.budget = (slots.budget * p.length) / total;
    };
    return { snapshot, pages: part ? positionPages + 1 : 0, commit };
  }

  /** Bytes of positions held in memory, not in pages (those a save in parts would write). */
  get memoryPositionBytes(): number {
    return this.segments().reduce((n, s) => n + (s.paged ? 0 : s.positions.length), 0);
  }

  /** The leading segments whose positions are in pages, and the others. */
  private split(segments: Segment[]): { kept: Segment[]; rest: Segment[] } {
    let k = 0;
    while (k < segments.length && isPaged(segments[k])) k++;
    return { kept: segments.slice(0, k), rest: segments.slice(k) };
  }

  /** The snapshot of these segments, the documents kept with their numbers and the removed ones listed. */
  private encodeWith(segments: SnapshotSegment[]): Uint8Array {
    const removed: number[] = [];
    for (let d = 0; d < this.ids.length; d++) if (!this.alive[d]) removed.push(d);
    return encodeSnapshot({
      ids: this.ids,
      published: this.published,
      lengths: Uint32Array.from(this.lengths),
      vocabulary: this.vocabulary,
      segments,
      removed: Uint32Array.from(removed),
    });
  }

  /** The loader of the pages of positions kept apart (undefined when none are). */
  get pageLoader(): PageLoader | undefined {
    return this.pages;
  }

  /** The index as bytes to store (see snapshot.ts): live documents, renumbered densely; positions inside. */
  toBytes(): Uint8Array {
    const { main, ...parts } = this.parts();
    return encodeSnapshot({ ...parts, segments: [{ segment: main }] });
  }

  /**
   * The snapshot without its positions, and the positions stream (to store
   * as pages), or with `inline` when they are small, the snapshot with them
   * and no stream. Positions must be in memory (toPages saves paged ones).
   */
  toParts(inline: (positionBytes: number) => boolean = () => false): { snapshot: Uint8Array; positions: Uint8Array } {
    const { main, ...parts } = this.parts();
    const positions = main.positions;
    if (inline(positions.length)) return { snapshot: encodeSnapshot({ ...parts, segments: [{ segment: main }] }), positions: new Uint8Array(0) };
    return { snapshot: encodeSnapshot({ ...parts, segments: [{ segment: main, apartFrom: 0 }] }), positions };
  }

  private parts(): Omit<IndexParts, 'segments'> & { main: Segment } {
    const segments = this.segments();
    const { parts, renumber, dense } = this.live();
    // A settled index without removals is numbered densely already.
    const main = dense ? (segments[0] as Segment) : Segment.merge(this.vocabulary.size, segments, (d) => renumber[d] as number);
    return { ...parts, main };
  }

  /** The live documents, renumbered densely (copies: the index may change while a save waits), and whether nothing needs merging. */
  private live(): { parts: Omit<IndexParts, 'segments'>; renumber: Int32Array; dense: boolean } {
    const renumber = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const published: number[] = [];
    const lengths: number[] = [];
    this.ids.forEach((id, ord) => {
      if (!this.alive[ord]) return;
      renumber[ord] = ids.length;
      ids.push(id);
      published.push(this.published[ord] as number);
      lengths.push(this.lengths[ord] as number);
    });
    // The log sealed first (segments()): one segment, nothing removed.
    const dense = this.dead === 0 && this.sealed.length === 1 && this.ids.length === ids.length;
    return { parts: { ids, published, lengths: Uint32Array.from(lengths), vocabulary: this.vocabulary }, renumber, dense };
  }

  /**
   * Restores an index from `toBytes()`, or from `toParts().snapshot` with a
   * loader of its positions' pages (toPages, position-pages.ts: cutPages); throws when
   * `data` is not such a snapshot. `stored`: the pages holding parts' arrays
   * (snapshot.ts: snapshotParts), as read.
   */
  static fromBytes(data: unknown, pages?: PageLoader, stored?: ReadonlyArray<Uint8Array | undefined>): SearchIndex {
    const parts = decodeSnapshot(data, pages, CACHE_BYTES, stored);
    const index = new SearchIndex();
    index.ids = parts.ids;
    index.published = parts.published;
    index.alive = new Uint8Array(Math.max(64, parts.ids.length)).fill(1, 0, parts.ids.length);
    for (const d of parts.removed ?? []) index.alive[d] = 0;
    index.dead = parts.removed?.length ?? 0;
    // A removed article's id may be a live one's too (its newer version): only live documents are looked up by id.
    parts.ids.forEach((id, ord) => {
      if (index.alive[ord]) index.ords.set(id, ord);
    });
    index.vocabulary = parts.vocabulary;
    index.sealed = parts.segments.map((s) => s.segment);
    index.lengths = parts.lengths;
    parts.lengths.forEach((n, ord) => {
      if (index.alive[ord]) index.totalLength += n;
    });
    if (index.sealed.some(isPaged)) index.pages = pages;
    return index;
  }

  private indexDoc(doc: SearchDoc): void {
    if (this.ords.has(doc.id)) this.remove(doc.id);
    this.changes++;
    const ord = this.ids.length;
    this.ids.push(doc.id);
    this.published.push(doc.published);
    if (ord >= this.alive.length) {
      const bigger = new Uint8Array(this.alive.length * 2);
      bigger.set(this.alive);
      this.alive = bigger;
    }
    this.alive[ord] = 1;
    this.ords.set(doc.id, ord);
    const before = this.log.length;
    this.indexField(ord, doc.title, 0, TAG_BASE);
    let pos = TAG_BASE;
    for (const tag of doc.tags) pos = this.indexField(ord, tag, pos, SUMMARY_BASE) + 1; // gap: no phrase across tags
    this.indexField(ord, doc.summary, SUMMARY_BASE, BODY_BASE);
    this.indexField(ord, doc.text, BODY_BASE, MAX_POSITION);
    if (!Array.isArray(this.lengths)) this.lengths = Array.from(this.lengths);
    this.lengths.push(this.log.length - before);
    this.totalLength += this.log.length - before;
    if (this.log.length >= LOG_LIMIT) this.seal(Infinity);
  }

  /** Indexes the syllables of `text` from position `from`, stopping before `limit`; returns the next position. */
  private indexField(ord: number, text: string, from: number, limit: number): number {
    let pos = from;
    let prevEnd = -1;
    forEachSyllable(text, (s, e) => {
      if (pos >= limit) return;
      const flag = prevEnd >= 0 && breaksPhrase(text, prevEnd, s) ? AFTER_PUNCTUATION : 0;
      prevEnd = e;
      const raw = text.slice(s, e);
      let packed = this.rawCache.get(raw);
      if (packed === undefined) {
        packed = this.vocabulary.intern(raw);
        if (this.rawCache.size >= RAW_CACHE_LIMIT) this.rawCache.clear();
        this.rawCache.set(raw, packed);
      }
      this.log.push(Math.floor(packed / 65536), ord, pos++, (packed % 65536) | flag);
    });
    return pos;
  }

  /**
   * Encodes the log into a segment, then merges the last segments while the
   * older is not much bigger and holds fewer than `mergeBelow` postings.
   */
  private seal(mergeBelow: number): void {
    if (this.log.length > 0) this.sealed.push(Segment.fromLog(this.vocabulary.size, this.log));
    this.log = new PostingLog();
    const s = this.sealed;
    for (;;) {
      const older = s[s.length - 2];
      if (!older || isPaged(older) || older.bytes > 2 * (s[s.length - 1] as Segment).bytes || older.length >= mergeBelow) return;
      const last = s.splice(-2);
      s.push(Segment.concat(this.vocabulary.size, last));
    }
  }

  /** Folds everything into one segment, dropping removed documents' postings. */
  private merge(): void {
    if (this.log.length === 0 && this.dead === 0 && this.sealed.length <= 1) return;
    // Paged positions are not in memory to copy: removed documents stay skipped until the index is saved.
    if (this.sealed.some(isPaged)) return;
    if (this.log.length > 0) this.sealed.push(Segment.fromLog(this.vocabulary.size, this.log));
    const alive = this.alive;
    this.sealed = [
      this.dead === 0 ? Segment.concat(this.vocabulary.size, this.sealed) : Segment.merge(this.vocabulary.size, this.sealed, (d) => (alive[d] === 1 ? d : -1)),
    ];
    this.log = new PostingLog();
    this.dead = 0;
  }

  /**
   * The segments a query reads. The log is sealed first: between batches of
   * a build, each query encodes only what was added since the last one (an
   * encoding of the whole log, thrown away at the next batch, cost several
   * times a settled query). It is merged only with segments smaller than a
   * full log, so that no query pays for copying the big ones.
   */
  private segments(): Segment[] {
    if (this.log.length > 0) this.seal(LOG_LIMIT);
    return this.sealed;
  }

  private rankWith(alternatives: Alternative[], atoms: number, limit: number, widen?: () => Alternative[]): Generator<void, RankResult> {
    return rankSteps({
      // A copy: the index may change while a query waits for pages.
      segments: [...this.segments()],
      alive: this.alive,
      published: this.published,
      lengths: this.lengths,
      averageLength: this.ords.size > 0 ? this.totalLength / this.ords.size : 1,
      documents: this.ords.size,
      removed: this.dead,
      alternatives,
      atoms,
      limit,
      widen,
    });
  }

  /**
   * What to highlight in each result: per query syllable, the exact forms
   * found in the document, or else one typo neighbour, so that a fuzzy query
   * does not light up every look-alike word in the text. One walk over each
   * alternative's records serves every result.
   */
  private matchedTerms(docs: number[], alts: Alternative[]): Map<number, string[]> {
    const sorted = [...new Set(docs)].sort((x, y) => x - y);
    const found = new Map<number, Map<number, Alternative[]>>();
    for (const a of alts) {
      for (const seg of this.segments()) {
        const c = seg.cursor(a.term);
        for (const d of sorted) {
          if (!c.seek(d)) break;
          if (c.doc !== d) continue;
          const byAtom = found.get(d) ?? new Map<number, Alternative[]>();
          found.set(d, byAtom);
          byAtom.set(a.atom, [...(byAtom.get(a.atom) ?? []), a]);
        }
      }
    }
    const out = new Map<number, string[]>();
    for (const [d, byAtom] of found) {
      const terms = new Set<string>();
      for (const list of byAtom.values()) {
        const exact = list.filter((a) => !a.fuzzy);
        for (const a of exact.length > 0 ? exact : list.slice(0, 1)) terms.add(this.vocabulary.terms[a.term] as string);
      }
      out.set(d, [...terms]);
    }
    return out;
  }

  /** Live and removed documents holding a term. */
  private documentFrequency(term: number): number {
    return this.segments().reduce((n, s) => n + s.df(term), 0);
  }

  /** Postings of a term, 0 for none. */
  private frequency(term: number): number {
    if (term < 0) return 0;
    return this.segments().reduce((n, s) => n + s.occurrences(term), 0);
  }

  /** Documents holding each variant of a term, `doc` counted above all others. */
  private variantCounts(term: number, doc: number | undefined): number[] {
    const counts = new Array<number>((this.vocabulary.variants[term] as string[]).length).fill(0);
    for (const s of this.segments()) {
      const c = s.cursor(term);
      while (c.next()) {
        if (!this.alive[c.doc]) continue;
        for (let v = 0; v < counts.length && v < MASK_VARIANTS; v++) {
          // An occurrence in the suggested article outweighs any count.
          if (c.mask & (1 << v)) counts[v] = (counts[v] as number) + (c.doc === doc ? 1e9 : 1);
        }
      }
    }
    return counts;
  }
}
