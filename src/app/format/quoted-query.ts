/**
 * A query as the search screen quotes it back («Tìm thấy 12 bài cho “…”»).
 * Only the first eight words are searched (MAX_ATOMS in shared/search/query.ts,
 * not imported: it would bring the query parser into the screen's chunk), so
 * a pasted page is quoted by those, then «…», and a word longer than a line
 * is cut too: on a 360-px screen at «Cực lớn» a 300-word query filled the
 * screen before the first result.
 */
const WORDS = 8;
const MAX_CHARS = 60;

export function quotedQuery(query: string): string {
  // The screen puts its own quotes around it: a query typed in quotes read «“"dân vận khéo"”».
  const words = query.trim().replace(/^["“”'‘’«»]+|["“”'‘’«»]+$/g, '').trim().split(/\s+/);
  let text = words.slice(0, WORDS).join(' ');
  let cut = words.length > WORDS;
  if (text.length > MAX_CHARS) {
    const space = text.lastIndexOf(' ', MAX_CHARS);
    text = text.slice(0, space > 0 ? space : MAX_CHARS);
    cut = true;
  }
  return cut ? `${text}…` : text;
}
