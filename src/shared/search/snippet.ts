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

export function makeSnippet(text: string, terms: string[], maxChars = 180): Snippet {
  const wanted = new Set(terms.map(foldKey));
  const matches: Array<{ start: number; end: number; key: string }> = [];
  forEachSyllable(text, (start, end) => {
    const key = foldKey(text.slice(start, end));
    if (wanted.has(key)) matches.push({ start, end, key });
  });
  // Best window: most distinct terms, then most matches, earliest first.
  let bestFrom = 0;
  let bestTo = -1;
  let bestDistinct = 0;
  let bestCount = 0;
  for (let i = 0; i < matches.length; i++) {
    const first = matches[i] as (typeof matches)[number];
    const seen = new Set<string>();
    let j = i;
    while (j < matches.length && (matches[j] as (typeof matches)[number]).end - first.start <= maxChars) {
      seen.add((matches[j] as (typeof matches)[number]).key);
      j++;
    }
    if (seen.size > bestDistinct || (seen.size === bestDistinct && j - i > bestCount)) {
      bestFrom = i;
      bestTo = j - 1;
      bestDistinct = seen.size;
      bestCount = j - i;
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
  return { text: head + body + (start + lead + body.length < text.length ? ELLIPSIS : ''), highlights };
}
