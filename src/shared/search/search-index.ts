/**
 * Offline full-text search over articles: an inverted index from folded
 * syllables to positional postings (document, position, toned variant).
 * Queries are expanded per syllable (Telex/VNI decoding, then typo neighbours
 * and completions of an unfinished last word, only when no document holds the
 * whole query as a phrase) and ranked by
 * rank.ts. New articles go to a small delta segment merged in the background
 * of later adds; the whole index serialises to a compact JSON snapshot.
 */
import { ByteReader, ByteWriter, fromBase64, toBase64 } from './codec';
import { foldKey, hasDiacritics, tonedKey } from './fold';
import { editNeighbours, MIN_FUZZY_LENGTH, VocabularyFuse } from './fuzzy';
import { PostingLog, Segment } from './postings';
import { AFTER_PUNCTUATION, BODY_BASE, MAX_ATOMS, MAX_POSITION, rank, SUMMARY_BASE, TAG_BASE, type Alternative } from './rank';
import { decodeInputMethod } from './telex';
import { forEachSyllable, isCodeJoint } from './tokenize';

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
  hits: SearchHit[];
  /**
   * Articles that match: those holding every query syllable or, when none
   * does, those holding the most (at least half of them).
   */
  total: number;
}

export interface SearchOptions {
  limit?: number;
}

/** One syllable of a query, as typed and as the index sees it. */
interface QueryAtom {
  folded: string;
  /** Toned key the reader meant (typed accents or Telex/VNI), or null. */
  toned: string | null;
  /** Folded Vietnamese the word spells as Telex/VNI, or null. */
  decoded: string | null;
  /** Last word with nothing typed after it: maybe still being typed. */
  open: boolean;
}

interface SnapshotV1 {
  format: 'bao-offline-search';
  version: 1;
  ids: string[];
  published: number[];
  /** Terms, newline-separated, in term-id order. */
  terms: string;
  /** Toned variants per term: space-separated, terms newline-separated. */
  variants: string;
  /** Per term: count, then (doc delta, position or position delta, variant·2 + punctuation flag) varints; base64. */
  postings: string;
  /** Number of postings. */
  count: number;
}

const MAX_VARIANT = AFTER_PUNCTUATION - 1;

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
/** Shortest unfinished last word that is completed, and how many completions at most. */
const MIN_PREFIX_LENGTH = 2;
const MAX_COMPLETIONS = 256;
/** Postings that typo alternatives of one query may add (the rarest syllables' first). */
const TYPO_BUDGET = 300_000;

export class SearchIndex {
  private terms: string[] = [];
  private termIds = new Map<string, number>();
  private variants: string[][] = [];
  /** Toned form → its variant id within the term it folds to. */
  private variantIds = new Map<string, number>();
  /** Word as written → term·65536 + variant, so each distinct spelling is folded once. */
  private rawCache = new Map<string, number>();

  private ids: string[] = [];
  private published: number[] = [];
  private alive = new Uint8Array(64);
  private ords = new Map<string, number>();
  private dead = 0;

  private main = Segment.empty();
  private log = new PostingLog();
  private deltaCache: Segment | null = null;
  private readonly fuse = new VocabularyFuse(() => this.terms);
  /** Vocabulary in code-unit order for prefix completion, built on first use. */
  private sortedTerms: string[] | null = null;

  static build(docs: Iterable<SearchDoc>): SearchIndex {
    const index = new SearchIndex();
    for (const doc of docs) index.indexDoc(doc);
    index.merge();
    // The spelling cache pays off while bulk indexing; do not keep it around.
    index.rawCache.clear();
    return index;
  }

  get size(): number {
    return this.ords.size;
  }

  /** Adds a document, replacing any previous one with the same id. */
  add(doc: SearchDoc): void {
    const vocabulary = this.terms.length;
    this.indexDoc(doc);
    if (this.terms.length !== vocabulary) {
      this.fuse.reset();
      this.sortedTerms = null;
    }
    // Keep the delta small: it is re-sorted on the next query.
    if (this.log.length > Math.max(1 << 16, this.main.length / 8)) this.merge();
  }

  remove(id: string): void {
    const ord = this.ords.get(id);
    if (ord === undefined) return;
    this.ords.delete(id);
    this.alive[ord] = 0;
    this.dead++;
    // Postings of removed documents are skipped at query time; drop them once they weigh.
    if (this.dead > 256 && this.dead > this.ords.size / 4) this.merge();
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = options.limit ?? 20;
    const atoms = this.parseQuery(query);
    if (atoms.length === 0) return { hits: [], total: 0 };
    let alts = this.exactAlternatives(atoms);
    let ranked = this.rankWith(alts, atoms.length);
    // Typo neighbours only when no document holds the whole query as a phrase:
    // first for the words the index does not know, then for every word.
    const complete = (): boolean => ranked.some((r) => r.phrase);
    for (const stage of ['unknown', 'all'] as const) {
      if (complete()) break;
      const known = new Set(alts.map((a) => a.atom));
      const expand = atoms.map((_, i) => stage === 'all' || !known.has(i));
      const typos = this.withinBudget(this.typoAlternatives(atoms, alts, expand));
      if (typos.length === 0) continue;
      alts = alts.concat(typos);
      ranked = this.rankWith(alts, atoms.length);
    }
    const hits = ranked.slice(0, limit).map((r) => ({
      id: this.ids[r.doc] as string,
      score: r.score,
      terms: this.matchedTerms(r.doc, alts),
    }));
    return { hits, total: ranked.length };
  }

  /**
   * "Did you mean": the query with each syllable that matches nothing exactly
   * replaced by its Telex/VNI reading or its closest, most frequent vocabulary
   * word, accented as in the best matching article. Null when there is nothing to fix.
   */
  suggest(query: string): string | null {
    const atoms = this.parseQuery(query);
    let changed = false;
    const folded = atoms.map((atom) => {
      const decoded = atom.decoded !== null && this.termIds.has(atom.decoded) ? atom.decoded : null;
      if (decoded !== null) changed = true;
      if (decoded !== null || this.termIds.has(atom.folded)) return decoded ?? atom.folded;
      const best = this.closeTerms(atom.folded).sort((a, b) => this.frequency(b) - this.frequency(a))[0];
      if (best === undefined) return atom.folded;
      changed = true;
      return best;
    });
    if (!changed) return null;
    const top = this.search(folded.join(' '), { limit: 1 }).hits[0];
    const doc = top === undefined ? undefined : this.ords.get(top.id);
    return folded.map((word, i) => this.accented(word, atoms[i]?.toned ?? null, doc)).join(' ');
  }

  toJSON(): SnapshotV1 {
    this.merge();
    const ids: string[] = [];
    const published: number[] = [];
    const renumber = new Int32Array(this.ids.length).fill(-1);
    this.ids.forEach((id, ord) => {
      if (!this.alive[ord]) return;
      renumber[ord] = ids.length;
      ids.push(id);
      published.push(this.published[ord] as number);
    });
    const w = new ByteWriter();
    const { doc, pos, variant } = this.main;
    for (let t = 0; t < this.terms.length; t++) {
      const [lo, hi] = this.main.range(t);
      w.uint(hi - lo);
      let lastDoc = 0;
      let lastPos = 0;
      for (let i = lo; i < hi; i++) {
        const d = renumber[doc[i] as number] as number;
        const p = pos[i] as number;
        w.uint(d - lastDoc);
        // Within a document positions ascend: store the gap.
        w.uint(d === lastDoc && i > lo ? p - lastPos : p);
        // Low bit: the punctuation flag, so common variants stay one byte.
        const v = variant[i] as number;
        w.uint(((v & MAX_VARIANT) << 1) | (v & AFTER_PUNCTUATION ? 1 : 0));
        lastDoc = d;
        lastPos = p;
      }
    }
    return {
      format: 'bao-offline-search',
      version: 1,
      ids,
      published,
      terms: this.terms.join('\n'),
      variants: this.variants.map((v) => v.join(' ')).join('\n'),
      postings: toBase64(w.result()),
      count: this.main.length,
    };
  }

  static fromJSON(data: unknown): SearchIndex {
    const snap = data as Partial<SnapshotV1> | null;
    if (!snap || snap.format !== 'bao-offline-search' || snap.version !== 1) {
      throw new Error('Not a search index snapshot (or an unsupported version)');
    }
    const index = new SearchIndex();
    const { ids = [], published = [], terms = '', variants = '', postings = '', count = 0 } = snap;
    index.ids = ids.slice();
    index.published = published.slice();
    index.alive = new Uint8Array(Math.max(64, ids.length)).fill(1, 0, ids.length);
    ids.forEach((id, ord) => index.ords.set(id, ord));
    index.terms = terms === '' ? [] : terms.split('\n');
    index.terms.forEach((t, id) => index.termIds.set(t, id));
    index.variants = index.terms.map(() => []);
    if (variants !== '') {
      variants.split('\n').forEach((line, t) => {
        const forms = line.split(' ');
        index.variants[t] = forms;
        forms.forEach((form, v) => index.variantIds.set(form, v));
      });
    }
    const r = new ByteReader(fromBase64(postings));
    const termCount = index.terms.length;
    const start = new Uint32Array(termCount + 1);
    // Decode straight into the final arrays; `count` sizes them up front.
    const doc = new Uint32Array(count);
    const pos = new Uint16Array(count);
    const variant = new Uint16Array(count);
    let at = 0;
    for (let t = 0; t < termCount; t++) {
      const end = at + r.uint();
      if (end > count) throw new Error('Corrupt search index snapshot');
      let lastDoc = 0;
      let lastPos = 0;
      for (let first = at; at < end; at++) {
        const d = lastDoc + r.uint();
        const gap = r.uint();
        const p = d === lastDoc && at > first ? lastPos + gap : gap;
        doc[at] = d;
        pos[at] = p;
        const v = r.uint();
        variant[at] = (v >>> 1) | (v & 1 ? AFTER_PUNCTUATION : 0);
        lastDoc = d;
        lastPos = p;
      }
      start[t + 1] = at;
    }
    index.main = new Segment(start, doc, pos, variant);
    return index;
  }

  private indexDoc(doc: SearchDoc): void {
    if (this.ords.has(doc.id)) this.remove(doc.id);
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
    this.indexField(ord, doc.title, 0, TAG_BASE);
    let pos = TAG_BASE;
    for (const tag of doc.tags) pos = this.indexField(ord, tag, pos, SUMMARY_BASE) + 1; // gap: no phrase across tags
    this.indexField(ord, doc.summary, SUMMARY_BASE, BODY_BASE);
    this.indexField(ord, doc.text, BODY_BASE, MAX_POSITION);
    this.deltaCache = null;
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
        packed = this.intern(raw);
        if (this.rawCache.size >= RAW_CACHE_LIMIT) this.rawCache.clear();
        this.rawCache.set(raw, packed);
      }
      this.log.push(Math.floor(packed / 65536), ord, pos++, (packed % 65536) | flag);
    });
    return pos;
  }

  /** Term and variant ids of a word as written, creating them when new. */
  private intern(raw: string): number {
    const folded = foldKey(raw);
    let term = this.termIds.get(folded);
    if (term === undefined) {
      term = this.terms.length;
      this.terms.push(folded);
      this.termIds.set(folded, term);
      this.variants.push([]);
    }
    const toned = tonedKey(raw);
    let variant = this.variantIds.get(toned);
    if (variant === undefined) {
      const forms = this.variants[term] as string[];
      variant = Math.min(forms.length, MAX_VARIANT);
      if (forms.length < MAX_VARIANT) forms.push(toned);
      this.variantIds.set(toned, variant);
    }
    return term * 65536 + variant;
  }

  /** Folds the delta and drops removed documents' postings into one main segment. */
  private merge(): void {
    if (this.log.length === 0 && this.dead === 0) return;
    const alive = this.alive;
    this.main = Segment.fromLogs(this.terms.length, [this.main, this.log], (d) => alive[d] === 1);
    this.log = new PostingLog();
    this.deltaCache = null;
    this.dead = 0;
  }

  private segments(): Segment[] {
    if (this.log.length === 0) return [this.main];
    this.deltaCache ??= Segment.fromLogs(this.terms.length, [this.log], () => true);
    return [this.main, this.deltaCache];
  }

  private rankWith(alternatives: Alternative[], atoms: number) {
    return rank({ segments: this.segments(), alive: this.alive, published: this.published, alternatives, atoms });
  }

  private parseQuery(query: string): QueryAtom[] {
    const typedAccents = hasDiacritics(query);
    const atoms: QueryAtom[] = [];
    forEachSyllable(query, (s, e) => {
      if (atoms.length >= MAX_ATOMS) return;
      const raw = query.slice(s, e);
      // Words typed without accents may be Telex/VNI even next to accented ones.
      const spelled = hasDiacritics(raw) ? null : decodeInputMethod(raw);
      atoms.push({
        folded: foldKey(raw),
        toned: spelled !== null ? tonedKey(spelled) : typedAccents ? tonedKey(raw) : null,
        decoded: spelled !== null ? foldKey(spelled) : null,
        open: e === query.length,
      });
    });
    return atoms;
  }

  private wantVariant(toned: string | null): number {
    return toned === null ? -1 : (this.variantIds.get(toned) ?? -1);
  }

  private exactAlternatives(atoms: QueryAtom[]): Alternative[] {
    const alts: Alternative[] = [];
    atoms.forEach((atom, i) => {
      const decodedTerm = atom.decoded !== null ? this.termIds.get(atom.decoded) : undefined;
      if (decodedTerm !== undefined) alts.push({ atom: i, term: decodedTerm, fuzzy: false, wantVariant: this.wantVariant(atom.toned) });
      const term = this.termIds.get(atom.folded);
      if (term !== undefined && term !== decodedTerm) {
        alts.push({ atom: i, term, fuzzy: false, wantVariant: atom.decoded === null ? this.wantVariant(atom.toned) : -1 });
      }
    });
    return alts;
  }

  private typoAlternatives(atoms: QueryAtom[], exact: Alternative[], expand: boolean[]): Alternative[] {
    const alts: Alternative[] = [];
    atoms.forEach((atom, i) => {
      if (!expand[i] || /^\d+$/.test(atom.folded)) return;
      const taken = new Set(exact.filter((a) => a.atom === i).map((a) => a.term));
      let near = this.typoNeighbours(atom.folded);
      // Nothing one edit away and nothing exact: let fuse.js look further.
      if (near.length === 0 && taken.size === 0 && atom.folded.length >= MIN_FUZZY_LENGTH) near = this.fuse.search(atom.folded);
      // Search as you type: an unknown last word may be unfinished (dân vận kh → khéo).
      if (atom.open && taken.size === 0 && atom.folded.length >= MIN_PREFIX_LENGTH) near = near.concat(this.completions(atom.folded));
      for (const word of near) {
        const term = this.termIds.get(word);
        if (term !== undefined && !taken.has(term)) {
          taken.add(term);
          alts.push({ atom: i, term, fuzzy: true, wantVariant: -1 });
        }
      }
    });
    return alts;
  }

  /**
   * Keeps typo alternatives of the syllables whose neighbours are rarest, up to
   * a budget of postings: a long query of common words would otherwise sweep
   * most of the index for typos it almost surely does not contain.
   */
  private withinBudget(alts: Alternative[]): Alternative[] {
    const cost = new Map<number, number>();
    for (const a of alts) cost.set(a.atom, (cost.get(a.atom) ?? 0) + this.frequency(this.terms[a.term] as string));
    const kept = new Set<number>();
    let spent = 0;
    for (const [atom, c] of [...cost].sort((x, y) => x[1] - y[1])) {
      if (spent + c > TYPO_BUDGET && kept.size > 0) break;
      kept.add(atom);
      spent += c;
    }
    return alts.filter((a) => kept.has(a.atom));
  }

  /**
   * Vocabulary words one edit away; two-letter words only by swapping their
   * letters (gk → kg), as any other edit of them lands on another common word.
   */
  private typoNeighbours(folded: string): string[] {
    if (folded.length >= MIN_FUZZY_LENGTH) return editNeighbours(folded, (w) => this.termIds.has(w));
    const swapped = folded.length === 2 ? (folded.charAt(1) + folded.charAt(0)) : '';
    return swapped !== folded && this.termIds.has(swapped) ? [swapped] : [];
  }

  /** Vocabulary words that start with `prefix` (itself excluded), at most MAX_COMPLETIONS. */
  private completions(prefix: string): string[] {
    const sorted = (this.sortedTerms ??= [...this.terms].sort());
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sorted.length && out.length < MAX_COMPLETIONS; i++) {
      const word = sorted[i] as string;
      if (!word.startsWith(prefix)) break;
      if (word !== prefix) out.push(word);
    }
    return out;
  }

  /**
   * What to highlight in a result: per query syllable, the exact forms found
   * in the document, or else one typo neighbour, so that a fuzzy query does
   * not light up every look-alike word in the text.
   */
  private matchedTerms(doc: number, alts: Alternative[]): string[] {
    const segments = this.segments();
    const found = new Map<number, Alternative[]>();
    for (const a of alts) {
      if (!segments.some((s) => s.has(a.term, doc))) continue;
      const list = found.get(a.atom) ?? [];
      list.push(a);
      found.set(a.atom, list);
    }
    const terms = new Set<string>();
    for (const list of found.values()) {
      const exact = list.filter((a) => !a.fuzzy);
      for (const a of exact.length > 0 ? exact : list.slice(0, 1)) terms.add(this.terms[a.term] as string);
    }
    return [...terms];
  }

  private closeTerms(folded: string): string[] {
    const near = this.typoNeighbours(folded);
    return near.length > 0 ? near : this.fuse.search(folded);
  }

  private frequency(folded: string): number {
    const term = this.termIds.get(folded);
    if (term === undefined) return 0;
    return this.segments().reduce((n, s) => {
      const [lo, hi] = s.range(term);
      return n + hi - lo;
    }, 0);
  }

  /** How to show a term: as the reader typed it, else as written in `doc`, else its most frequent form. */
  private accented(folded: string, toned: string | null, doc: number | undefined): string {
    const term = this.termIds.get(folded);
    if (term === undefined) return folded;
    const forms = this.variants[term] as string[];
    if (toned !== null && forms.includes(toned)) return toned;
    const counts = new Array<number>(forms.length).fill(0);
    for (const s of this.segments()) {
      const [lo, hi] = s.range(term);
      for (let i = lo; i < hi; i++) {
        const v = (s.variant[i] as number) & MAX_VARIANT;
        // An occurrence in the suggested article outweighs any count.
        counts[v] = (counts[v] ?? 0) + (s.doc[i] === doc ? 1e9 : 1);
      }
    }
    let best = 0;
    counts.forEach((c, v) => {
      if (c > (counts[best] as number)) best = v;
    });
    return forms[best] ?? folded;
  }
}
