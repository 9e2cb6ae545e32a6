/** About two SMS-sized sentences: enough to tell the news, short enough to send as a text. */
const MAX_OPENING = 240;

/**
 * The first whole sentences of `text` that fit in `maxChars`; a first sentence
 * longer than that is cut on a word, with «…».
 */
export function firstSentences(text: string, maxChars = MAX_OPENING): string {
  const squashed = text.replace(/\s+/g, ' ').trim();
  const sentences = squashed.match(/[^.!?…]+(?:[.!?…]+["”»)]?|$)\s*/g) ?? [];
  let kept = '';
  for (const sentence of sentences) {
    if ((kept + sentence).trim().length > maxChars) break;
    kept += sentence;
  }
  if (kept.trim()) return kept.trim();
  const cut = squashed.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/**
 * What a friend receives: the title, the opening sentences and the link, so
 * that someone with no data left still gets the news itself.
 */
export function shareMessage(title: string, opening: string, url: string): string {
  const lead = firstSentences(opening);
  return [title.trim(), lead, url].filter(Boolean).join('\n\n');
}
