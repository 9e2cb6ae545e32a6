/**
 * Typo tolerance over the vocabulary of folded syllables. Syllables are short
 * (2–7 letters), so every word one edit away (Damerau: delete, insert, replace,
 * swap) can simply be generated and looked up: a few hundred Map probes, far
 * cheaper than scanning the vocabulary. fuse.js (bitap) is the fallback for
 * words with no such neighbour, searched among vocabulary words of similar length.
 */
import Fuse from 'fuse.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Shortest word that gets typo alternatives (as in Elasticsearch's AUTO fuzziness). */
export const MIN_FUZZY_LENGTH = 3;

/** Words of the vocabulary one edit away from `word` (itself excluded). */
export function editNeighbours(word: string, has: (w: string) => boolean): string[] {
  const out = new Set<string>();
  const probe = (w: string): void => {
    if (w !== word && w.length > 0 && has(w)) out.add(w);
  };
  for (let i = 0; i < word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i + 1);
    probe(head + tail);
    if (i + 1 < word.length) probe(head + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2));
    for (const c of ALPHABET) probe(head + c + tail);
  }
  for (let i = 0; i <= word.length; i++) {
    for (const c of ALPHABET) probe(word.slice(0, i) + c + word.slice(i));
  }
  return [...out];
}

/** fuse.js over the vocabulary, one small index per word length, built on first use. */
export class VocabularyFuse {
  private byLength = new Map<number, Fuse<string>>();

  constructor(private readonly vocabulary: () => readonly string[]) {}

  /** Forgets the per-length indexes after the vocabulary grew. */
  reset(): void {
    this.byLength.clear();
  }

  /** Up to `limit` vocabulary words close to `word` (two or more edits), best first. */
  search(word: string, limit = 3): string[] {
    const found: Array<{ item: string; score: number }> = [];
    for (const len of [word.length, word.length - 1, word.length + 1]) {
      for (const r of this.fuse(len).search(word, { limit })) found.push({ item: r.item, score: r.score ?? 1 });
    }
    return found.sort((a, b) => a.score - b.score).slice(0, limit).map((r) => r.item);
  }

  private fuse(len: number): Fuse<string> {
    let f = this.byLength.get(len);
    if (!f) {
      const words = this.vocabulary().filter((w) => w.length === len);
      f = new Fuse(words, { includeScore: true, threshold: 0.4, ignoreLocation: true, minMatchCharLength: 2 });
      this.byLength.set(len, f);
    }
    return f;
  }
}
