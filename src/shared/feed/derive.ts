import { excerpt, htmlToText } from './text';
import type { Article } from './types';

/** The longest excerpt stored with an article (CONTRACTS.md). */
export const EXCERPT_MAX_CHARS = 300;

/** What is worked out once from an article's body when it is stored, so no screen converts a whole body. */
export interface DerivedText {
  /** Plain text opening of the body, at most EXCERPT_MAX_CHARS, cut on a word. */
  excerpt: string;
  wordCount: number;
}

/** The plain text of an article's body: the feed's own text, else its HTML converted. */
export function bodyText(article: Pick<Article, 'contentText' | 'contentHtml'>): string {
  return article.contentText ?? htmlToText(article.contentHtml ?? '');
}

function isWordChar(code: number): boolean {
  // Anything but whitespace and the punctuation that stands alone between words (– — … « »).
  return code > 0x20 && code !== 0x2013 && code !== 0x2014 && code !== 0x2026 && code !== 0xab && code !== 0xbb && code !== 0x2029 && code !== 0xa0;
}

/** Words as a reader counts them: runs of characters between spaces, one linear scan. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const wordChar = isWordChar(text.charCodeAt(i));
    if (wordChar && !inWord) words++;
    inWord = wordChar;
  }
  return words;
}

/** Excerpt and word count of an article, from one conversion of its body. */
export function deriveText(article: Pick<Article, 'contentText' | 'contentHtml'>): DerivedText {
  const text = bodyText(article);
  // Only the opening matters for the excerpt: twice its length is enough to find where to cut.
  const opening = text.slice(0, EXCERPT_MAX_CHARS * 2).replace(/\s+/g, ' ');
  return { excerpt: excerpt(opening, EXCERPT_MAX_CHARS), wordCount: countWords(text) };
}
