/**
 * Speech engines (Android's among them) stop or stall on long utterances, so
 * the article is read as a queue of short pieces: whole sentences where they
 * fit, grouped up to `max` characters; a longer sentence is cut at commas,
 * then between words.
 */
export function speechChunks(text: string, max = 200): string[] {
  const pieces = text
    .split(/\n+/)
    .flatMap((paragraph) => paragraph.split(/(?<=[.!?…;:])\s+/))
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .flatMap((sentence) => splitLong(sentence, max));

  const chunks: string[] = [];
  for (const piece of pieces) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && last.length + 1 + piece.length <= max && /[.!?…;:,]$/.test(last)) {
      chunks[chunks.length - 1] = `${last} ${piece}`;
    } else {
      chunks.push(piece);
    }
  }
  return chunks;
}

function splitLong(sentence: string, max: number): string[] {
  if (sentence.length <= max) return [sentence];
  const byComma = sentence.split(/(?<=,)\s+/);
  if (byComma.length > 1) return group(byComma, max).flatMap((part) => splitLong(part, max));
  return group(sentence.split(' '), max).flatMap((part) => (part.length <= max ? [part] : hardCut(part, max)));
}

/** Joins consecutive parts with spaces while they stay within `max`. */
function group(parts: readonly string[], max: number): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last !== undefined && last.length + 1 + part.length <= max) out[out.length - 1] = `${last} ${part}`;
    else out.push(part);
  }
  return out;
}

/** A single "word" longer than `max` (a URL, say) is cut where it must be. */
function hardCut(word: string, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += max) out.push(word.slice(i, i + max));
  return out;
}
