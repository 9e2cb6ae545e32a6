/**
 * Words typed joined on a phone keyboard (vietnam, hanoi, thutuong): a query
 * word that is no Vietnamese syllable, nor one edit from a syllable the index
 * knows (khaon is a typo of khoan, not kha on), is read as the two or three
 * known syllables it spells, when the index holds them side by side
 * (search-index.ts checks that). It may be in the index itself (links,
 * brand names: VietNam, hanoi.gov.vn), but readers typing it mean the name.
 */
import { typoNeighbours, type QueryAtom } from './query';
import { isFoldedSyllable } from './syllable';
import type { Vocabulary } from './vocabulary';

/** Ways of cutting one word tried at most: each costs a small phrase check. */
export const MAX_SPLITS = 3;
/** Shortest word cut (sonla): two pieces of two letters. */
const MIN_JOINED_LENGTH = 4;
/** Longest word cut: bounds the cuts tried (at most 105 three-way ones, each a few Map probes). */
const MAX_JOINED_LENGTH = 16;

/**
 * The cuts of `folded` into two, then three, known syllables of the index;
 * among cuts into as many pieces, those whose rarest piece is commonest first
 * (thutuong: thu tuong before thut uong; hanoi: ha noi before han oi). At most
 * MAX_SPLITS, given as terms.
 */
export function joinedSplits(folded: string, vocabulary: Vocabulary, frequency: (term: number) => number): number[][] {
  if (folded.length < MIN_JOINED_LENGTH || folded.length > MAX_JOINED_LENGTH || !/^[a-z]+$/.test(folded)) return [];
  if (isFoldedSyllable(folded) || typoNeighbours(folded, vocabulary).some(isFoldedSyllable)) return [];
  // One-letter pieces (a, o, y) would cut typos such as doubled vowels (phii → phi i).
  const term = (part: string): number => (part.length >= 2 && isFoldedSyllable(part) ? (vocabulary.term(part) ?? -1) : -1);
  const cuts: number[][] = [];
  for (let i = 1; i < folded.length; i++) {
    const head = term(folded.slice(0, i));
    if (head < 0) continue;
    const tail = term(folded.slice(i));
    if (tail >= 0) cuts.push([head, tail]);
    for (let j = i + 1; j < folded.length; j++) {
      const mid = term(folded.slice(i, j));
      const last = mid >= 0 ? term(folded.slice(j)) : -1;
      if (last >= 0) cuts.push([head, mid, last]);
    }
  }
  const rarest = (cut: number[]): number => Math.min(...cut.map(frequency));
  return cuts.sort((x, y) => x.length - y.length || rarest(y) - rarest(x)).slice(0, MAX_SPLITS);
}

/** The atoms of a joined word read as the terms `cut`: no tone preference, the last one open when the word was. */
export function splitAtom(atom: QueryAtom, cut: number[], vocabulary: Vocabulary): QueryAtom[] {
  return cut.map((t, k) => ({ folded: vocabulary.terms[t] as string, toned: null, decoded: null, open: atom.open && k === cut.length - 1 }));
}
