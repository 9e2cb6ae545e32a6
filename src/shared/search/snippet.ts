/**
 * Result snippets: the window of the text where the matched syllables are
 * densest, with highlight offsets into the returned snippet so the UI can mark
 * the words in their original, accented form.
 */
import { foldKey } from './fold';
import { forEachSyllable } from './tokenize';

export interface Snippet {
  text: string;
  highlights: Array<[start: number, end: number]>;
}

const ELLIPSIS = '…';

/** How much of a long text is searched for the window: a snippet from further on would not be read anyway. */
export const MAX_SCANNED = 20_000;
/**
 * How far past the first stretch holding every term the phrase itself is
 * looked for: words typed without tones fold onto others («nam», «năm»).
 */
const PHRASE_LOOKAHEAD = 2_000;

export function makeSnippet(fullText: string, terms: string[], maxChars = 180): Snippet {
  const text = fullText.length > MAX_SCANNED ? fullText.slice(0, MAX_SCANNED) : fullText;
  const wanted = new Set(terms.map(foldKey));
  const matches: Array<{ start: number; end: number; key: string }> = [];
  // Words repeat: fold each distinct spelling once.
  const folded = new Map<string, string>();
  // The last maxChars of matches: once they hold every term, no later window can hold more.
  const recent = new Map<string, number>();
  let oldest = 0;
  // Matches in a row, only spaces between, each a term of its own: once they are every term, that is the phrase.
  let runFrom = 0;
  const runKeys = new Set<string>();
  let phrase: [number, number] | undefined;
  // Where a window first held every term: the phrase is looked for a little further, not through the whole text.
  let coveredAt = -1;
  forEachSyllable(text, (start, end) => {
    const raw = text.slice(start, end);
    let key = folded.get(raw);
    if (key === undefined) {
      key = foldKey(raw);
      folded.set(raw, key);
    }
    if (!wanted.has(key)) return true;
    const previous = matches[matches.length - 1];
    if (!previous || runKeys.has(key) || !/^\s*$/.test(text.slice(previous.end, start))) {
      runFrom = matches.length;
      runKeys.clear();
    }
    runKeys.add(key);
    matches.push({ start, end, key });
    if (runKeys.size === wanted.size) {
      phrase = [runFrom, matches.length - 1];
      return false;
    }
    recent.set(key, (recent.get(key) ?? 0) + 1);
    for (; end - (matches[oldest] as (typeof matches)[number]).start > maxChars; oldest++) {
      const gone = (matches[oldest] as (typeof matches)[number]).key;
      const left = (recent.get(gone) as number) - 1;
      if (left === 0) recent.delete(gone);
      else recent.set(gone, left);
    }
    if (coveredAt < 0 && recent.size === wanted.size) coveredAt = end;
    return coveredAt < 0 || end - coveredAt < PHRASE_LOOKAHEAD;
  });
  // The phrase if it came; else the best window: most distinct terms, then most matches, earliest first.
  // Two pointers over the matches, with a count per term inside the window.
  let [bestFrom, bestTo] = phrase ?? [0, -1];
  let bestDistinct = 0;
  let bestCount = 0;
  const inWindow = new Map<string, number>();
  let distinct = 0;
  let j = 0;
  for (let i = 0; !phrase && i < matches.length; i++) {
    const first = matches[i] as (typeof matches)[number];
    while (j < matches.length && (matches[j] as (typeof matches)[number]).end - first.start <= maxChars) {
      const key = (matches[j] as (typeof matches)[number]).key;
      const c = inWindow.get(key) ?? 0;
      if (c === 0) distinct++;
      inWindow.set(key, c + 1);
      j++;
    }
    if (distinct > bestDistinct || (distinct === bestDistinct && j - i > bestCount)) {
      bestFrom = i;
      bestTo = j - 1;
      bestDistinct = distinct;
      bestCount = j - i;
    }
    if (j > i) {
      const c = (inWindow.get(first.key) as number) - 1;
      if (c === 0) distinct--;
      inWindow.set(first.key, c);
    } else {
      j = i + 1;
    }
  }
  let start = 0;
  if (bestTo >= 0) {
    const first = matches[bestFrom] as (typeof matches)[number];
    const last = matches[bestTo] as (typeof matches)[number];
    // Centre the matched stretch in the window.
    start = Math.max(0, first.start - Math.floor((maxChars - (last.end - first.start)) / 2));
  }
  let end = Math.min(text.length, start + maxChars);
  start = Math.max(0, Math.min(start, end - maxChars));
  // Never cut a word in half.
  while (start > 0 && /\S/.test(text.charAt(start - 1))) start++;
  while (end < text.length && /\S/.test(text.charAt(end))) end--;
  if (end <= start) end = Math.min(text.length, start + maxChars);
  const head = start > 0 ? ELLIPSIS : '';
  const body = text.slice(start, end).trim();
  const lead = text.slice(start, end).length - text.slice(start, end).trimStart().length;
  const shift = head.length - start - lead;
  const highlights: Array<[number, number]> = [];
  for (const m of matches) {
    if (m.start < start + lead || m.end > start + lead + body.length) continue;
    const last = highlights[highlights.length - 1];
    // One mark for a phrase: join matches separated only by spaces.
    if (last && /^\s*$/.test(text.slice(last[1] - shift, m.start))) last[1] = m.end + shift;
    else highlights.push([m.start + shift, m.end + shift]);
  }
  return { text: head + body + (start + lead + body.length < fullText.length ? ELLIPSIS : ''), highlights };
}
