import { readFileSync } from 'node:fs';

export interface SentenceFeedOptions {
  count: number;
  /** Seed of the fixed pseudo-random walk that picks the sentences: the same seed gives the same feed. */
  seed: number;
  /** Sentences in each body, after the one word every article holds. */
  sentences: number;
  id: (index: number) => string;
}

/**
 * A JSON Feed of `count` articles made from the sample feed's sentences, each
 * with a title and body of its own, and one word every article holds
 * («Tổnghợp»), so a test can tell when all are indexed.
 */
export function sentenceFeed({ count, seed, sentences: perBody, id }: SentenceFeedOptions): string {
  const sample = JSON.parse(readFileSync('public/sample/feed.json', 'utf8')) as { items: Array<{ title: string; content_html?: string }> };
  const sentences = sample.items
    .flatMap((it) => `${it.title}. ${(it.content_html ?? '').replace(/<[^>]+>/g, ' ')}`.split(/(?<=[.!?])\s+/))
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
  let state = seed;
  const pick = (): string => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return sentences[state % sentences.length] as string;
  };
  const items = Array.from({ length: count }, (_, i) => ({
    id: id(i),
    title: pick().slice(0, 90),
    content_text: `Tổnghợp ${Array.from({ length: perBody }, pick).join(' ')}`,
    date_published: new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString(),
  }));
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Báo thử nghiệm', items });
}
