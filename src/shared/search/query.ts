/**
 * The first steps of a query's walk: split it into syllables (atoms), then
 * expand each into the indexed terms it may mean: as typed, as Telex/VNI
 * keystrokes, and (when the exact words find no phrase) typo neighbours and
 * completions of an unfinished last word. Every step is bounded, so a query
 * of any length or content costs about the same as a short one.
 */
import { foldKey, hasDiacritics, tonedKey } from './fold';
import { editNeighbours, MIN_FUZZY_LENGTH } from './fuzzy';
import type { Alternative } from './rank';
import { decodeInputMethod } from './telex';
import { forEachSyllable } from './tokenize';
import type { Vocabulary } from './vocabulary';

/** One syllable of a query, as typed and as the index sees it. */
export interface QueryAtom {
  folded: string;
  /** Toned key the reader meant (typed accents or Telex/VNI), or null. */
  toned: string | null;
  /** Folded Vietnamese the word spells as Telex/VNI, or null. */
  decoded: string | null;
  /** Last word with nothing typed after it: maybe still being typed. */
  open: boolean;
}

/** Syllables of a query that are searched; more add little to finding an article and cost time. */
export const MAX_ATOMS = 8;
/** Only this much of a pasted text is read: MAX_ATOMS syllables fit in it many times over. */
const MAX_QUERY_CHARS = 1000;
/**
 * Longest word that is decoded as Telex/VNI or gets typo neighbours: a
 * Vietnamese syllable typed in Telex is at most about 10 keys, and the cost
 * of neighbours grows with the square of the length.
 */
const MAX_EXPANDED_LENGTH = 16;
/** Shortest unfinished last word that is completed, and how many completions at most. */
const MIN_PREFIX_LENGTH = 2;
const MAX_COMPLETIONS = 256;
/** Postings that typo alternatives of one query may add (the rarest syllables' first). */
const TYPO_BUDGET = 300_000;

export function parseQuery(query: string): QueryAtom[] {
  const text = query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query;
  const typedAccents = hasDiacritics(text);
  const atoms: QueryAtom[] = [];
  forEachSyllable(text, (s, e) => {
    if (atoms.length >= MAX_ATOMS) return;
    const raw = text.slice(s, e);
    const expandable = raw.length <= MAX_EXPANDED_LENGTH;
    // Words typed without accents may be Telex/VNI even next to accented ones.
    const spelled = expandable && !hasDiacritics(raw) ? decodeInputMethod(raw) : null;
    atoms.push({
      folded: foldKey(raw),
      toned: spelled !== null ? tonedKey(spelled) : typedAccents ? tonedKey(raw) : null,
      decoded: spelled !== null ? foldKey(spelled) : null,
      // A cut-off word is not being typed.
      open: e === query.length,
    });
  });
  return atoms;
}

/** The terms each atom names as typed or as Telex/VNI, with the toned form the reader asked for. */
export function exactAlternatives(atoms: QueryAtom[], vocabulary: Vocabulary): Alternative[] {
  const alts: Alternative[] = [];
  atoms.forEach((atom, i) => {
    const decodedTerm = atom.decoded !== null ? vocabulary.term(atom.decoded) : undefined;
    if (decodedTerm !== undefined) alts.push({ atom: i, term: decodedTerm, fuzzy: false, wantVariant: vocabulary.variant(atom.toned) });
    const term = vocabulary.term(atom.folded);
    if (term !== undefined && term !== decodedTerm) {
      const wantVariant = atom.decoded === null ? vocabulary.variant(atom.toned) : -1;
      alts.push({ atom: i, term, fuzzy: false, wantVariant, typedTone: wantVariant >= 0 });
    }
  });
  return alts;
}

/**
 * Typo neighbours (and completions of an unfinished last word) of the atoms
 * marked in `expand`, leaving out terms `exact` already holds.
 */
export function typoAlternatives(atoms: QueryAtom[], exact: Alternative[], expand: boolean[], vocabulary: Vocabulary): Alternative[] {
  const alts: Alternative[] = [];
  atoms.forEach((atom, i) => {
    if (!expand[i] || /^\d+$/.test(atom.folded) || atom.folded.length > MAX_EXPANDED_LENGTH) return;
    const taken = new Set(exact.filter((a) => a.atom === i).map((a) => a.term));
    let near = typoNeighbours(atom.folded, vocabulary);
    // Nothing one edit away and nothing exact: let fuse.js look further.
    if (near.length === 0 && taken.size === 0 && atom.folded.length >= MIN_FUZZY_LENGTH) near = vocabulary.fuse.search(atom.folded);
    // Search as you type: an unknown last word may be unfinished (dân vận kh → khéo).
    if (atom.open && taken.size === 0 && atom.folded.length >= MIN_PREFIX_LENGTH) {
      near = near.concat(vocabulary.completions(atom.folded, MAX_COMPLETIONS));
    }
    for (const word of near) {
      const term = vocabulary.term(word);
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
export function withinBudget(alts: Alternative[], postings: (term: number) => number): Alternative[] {
  const cost = new Map<number, number>();
  for (const a of alts) cost.set(a.atom, (cost.get(a.atom) ?? 0) + postings(a.term));
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
export function typoNeighbours(folded: string, vocabulary: Vocabulary): string[] {
  if (folded.length > MAX_EXPANDED_LENGTH) return [];
  if (folded.length >= MIN_FUZZY_LENGTH) return editNeighbours(folded, (w) => vocabulary.term(w) !== undefined);
  const swapped = folded.length === 2 ? folded.charAt(1) + folded.charAt(0) : '';
  return swapped !== folded && vocabulary.term(swapped) !== undefined ? [swapped] : [];
}

/** Close vocabulary words for a "did you mean": one edit away, else fuse.js's best. */
export function closeTerms(folded: string, vocabulary: Vocabulary): string[] {
  if (folded.length > MAX_EXPANDED_LENGTH) return [];
  const near = typoNeighbours(folded, vocabulary);
  return near.length > 0 ? near : vocabulary.fuse.search(folded);
}
