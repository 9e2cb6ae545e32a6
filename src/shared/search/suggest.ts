/**
 * "Did you mean": the query with each syllable that matches nothing exactly
 * replaced by its Telex/VNI reading or its closest, most frequent vocabulary
 * word, accented as in the best matching article.
 */
import { closeTerms, parseQuery } from './query';
import type { Vocabulary } from './vocabulary';

/** What a suggestion needs to know of the index. */
export interface SuggestSource {
  vocabulary: Vocabulary;
  /** Postings of a term: how common it is. */
  frequency(term: number): number;
  /** The document that best matches a query, if any. */
  topDoc(query: string): number | undefined;
  /** Occurrences of each variant of a term, those in `doc` counted above all others. */
  variantCounts(term: number, doc: number | undefined): number[];
}

/** The corrected query, or null when there is nothing to fix. */
export function suggest(query: string, source: SuggestSource): string | null {
  const { vocabulary } = source;
  const atoms = parseQuery(query);
  let changed = false;
  const folded = atoms.map((atom) => {
    const decoded = atom.decoded !== null && vocabulary.term(atom.decoded) !== undefined ? atom.decoded : null;
    if (decoded !== null) changed = true;
    if (decoded !== null || vocabulary.term(atom.folded) !== undefined) return decoded ?? atom.folded;
    const frequency = (w: string): number => source.frequency(vocabulary.term(w) ?? -1);
    const best = closeTerms(atom.folded, vocabulary).sort((a, b) => frequency(b) - frequency(a))[0];
    if (best === undefined) return atom.folded;
    changed = true;
    return best;
  });
  if (!changed) return null;
  const doc = source.topDoc(folded.join(' '));
  return folded.map((word, i) => accented(source, word, atoms[i]?.toned ?? null, doc)).join(' ');
}

/** How to show a term: as the reader typed it, else as written in `doc`, else its most frequent form. */
function accented(source: SuggestSource, folded: string, toned: string | null, doc: number | undefined): string {
  const term = source.vocabulary.term(folded);
  if (term === undefined) return folded;
  const forms = source.vocabulary.variants[term] as string[];
  if (toned !== null && forms.includes(toned)) return toned;
  const counts = source.variantCounts(term, doc);
  let best = 0;
  counts.forEach((c, v) => {
    if (c > (counts[best] as number)) best = v;
  });
  return forms[best] ?? folded;
}
