/**
 * The benchmark corpus as search documents, and `scaled`: the same grown to
 * any size with synthetic articles (bench-search.ts, bench-search-browser.ts).
 */
import type { SearchDoc } from '../src/shared/search/search-index';
import { htmlToText } from './html-text';

export interface FeedItem {
  id: string;
  title?: string;
  summary?: string;
  content_html?: string;
  content_text?: string;
  tags?: string[];
  date_published?: string;
}

export function toDoc(it: FeedItem): SearchDoc {
  return {
    id: it.id,
    title: it.title ?? '',
    summary: it.summary ?? '',
    text: it.content_text ?? htmlToText(it.content_html ?? ''),
    tags: it.tags ?? [],
    published: Date.parse(it.date_published ?? '') || 0,
  };
}

/**
 * `n` articles: the feed's own, then synthetic ones, each a feed article with
 * a new id whose sentences are swapped, one in two, for sentences of other
 * articles. Sentences of the queries' targets are never copied, so each
 * known-item phrase stays in its one article.
 */
export function scaled(docs: SearchDoc[], n: number, keep: Set<string>): SearchDoc[] {
  if (n <= docs.length) {
    // Fewer than the feed holds: the queries' targets stay, or their queries could only miss.
    let room = n - docs.filter((d) => keep.has(d.id)).length;
    return docs.filter((d) => keep.has(d.id) || room-- > 0);
  }
  let seed = 42;
  const random = (k: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % k;
  };
  const split = (text: string): string[] => text.split(/(?<=[.!?…])\s+/).filter((s) => s.length > 0);
  // A feed whose every article is a target is grown from the targets too (their phrases are then no longer unique).
  const others = docs.filter((d) => !keep.has(d.id));
  const sources = others.length > 0 ? others : docs;
  const pool = sources.flatMap((d) => split(d.text));
  const out = docs.slice();
  for (let i = docs.length; i < n; i++) {
    const base = sources[i % sources.length] as SearchDoc;
    const sentences = split(base.text).map((s) => (random(2) === 0 || pool.length === 0 ? s : (pool[random(pool.length)] as string)));
    out.push({ ...base, id: `${base.id}~${i}`, text: sentences.join(' '), published: base.published - i });
  }
  return out;
}

