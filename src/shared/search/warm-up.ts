/**
 * Queries the search worker runs once its index is loaded, one per idle
 * turn, over a small index of its own (search-worker/practice.ts: over the
 * reader's 50,000 articles one took up to 138 ms, and a query typed
 * meanwhile waited for it), so that V8 has optimised the ranking code before
 * the reader's first query: it does so only after some twenty real queries (the first queries
 * after loading cost two to three times as much), and again whenever a query
 * takes a path the warm-up did not. They are made from a few article titles,
 * so each holds a phrase the index knows and none is costly: of each title,
 * the run of three or two syllables with the fewest postings, as typed and
 * folded; for every other title also with two letters of its rarest word
 * swapped (the typo stages); one cut short (completions); one whole title of
 * five or more syllables, as pasted (common words: more candidates than the
 * phrase pass reads).
 */
import { foldKey } from './fold';
import { forEachSyllable } from './tokenize';

/** Titles the warm-up queries are made from. */
export const WARM_UP_TITLES = 8;
/** Syllables of a warm-up query, by turns: phrases as typed from memory. */
const WINDOWS = [3, 2];
/** Shortest title that is also asked whole, as pasted. */
const PASTED = 5;

/** Warm-up queries from `titles`; `postings` counts the postings of a folded syllable (0: unknown). */
export function warmUpQueries(titles: readonly string[], postings: (folded: string) => number): string[] {
  const queries: string[] = [];
  let completion = false;
  let pasted = false;
  titles.forEach((title, i) => {
    const words: string[] = [];
    forEachSyllable(title, (s, e) => void words.push(title.slice(s, e)));
    if (words.length === 0) return;
    const counts = words.map((w) => postings(foldKey(w)));
    const size = Math.min(WINDOWS[i % WINDOWS.length] as number, words.length);
    let at = 0;
    let best = Infinity;
    for (let s = 0; s + size <= words.length; s++) {
      const sum = counts.slice(s, s + size).reduce((a, b) => a + b, 0);
      if (sum < best) [at, best] = [s, sum];
    }
    const window = words.slice(at, at + size);
    const folded = window.map(foldKey);
    queries.push(window.join(' '), folded.join(' '));
    const rarest = folded.reduce((r, w, k) => (postings(w) < postings(folded[r] as string) ? k : r), 0);
    const word = folded[rarest] as string;
    if (i % 2 === 0 && word.length >= 4) {
      const typo = folded.slice();
      typo[rarest] = (word[0] as string) + word[2] + word[1] + word.slice(3);
      queries.push(typo.join(' '));
    }
    if (!pasted && words.length >= PASTED) {
      pasted = true;
      queries.push(words.join(' '), words.map(foldKey).join(' '));
    }
    const last = folded[folded.length - 1] as string;
    if (!completion && last.length >= 4) {
      completion = true;
      queries.push([...folded.slice(0, -1), last.slice(0, 3)].join(' '));
    }
  });
  return queries;
}
