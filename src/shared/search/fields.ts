/**
 * Where a syllable sits in an article. Fields live in separate position
 * ranges (title, tags, summary, body), so a phrase never spans two fields and
 * the field of a match is known from its position.
 */
export const TAG_BASE = 1 << 10;
export const SUMMARY_BASE = 1 << 11;
export const BODY_BASE = 1 << 14;
/** Positions are 16-bit: bodies are indexed up to about 49,000 syllables. */
export const MAX_POSITION = 0xffff;

/** Flag on a posting's variant id: punctuation separates it from the previous syllable. */
export const AFTER_PUNCTUATION = 0x8000;

/** 2 for title, 1 for tags and summary, 0 for body. */
export function fieldOf(pos: number): number {
  return pos < TAG_BASE ? 2 : pos < BODY_BASE ? 1 : 0;
}

/** Term-frequency weight of an occurrence by field (body, tags/summary, title). */
export const FIELD_WEIGHT = [1, 2, 3];
