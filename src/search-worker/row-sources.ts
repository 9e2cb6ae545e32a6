/**
 * What a result row shows of an article: its title, date and the text its
 * snippet quotes, kept for the articles recent answers showed. Reading them
 * again from the store cost 5–7 ms an answer over 3,000–5,000 articles,
 * against 0.4–1 ms of ranking, and a query typed key by key shows the same
 * articles answer after answer. Every announced change of the stored
 * articles (a refresh, a removal, clearing old ones) empties it, and what a
 * read that began before the change brings back is not kept: a row is never
 * older than the index it answers from.
 */
import { htmlToText } from '../shared/feed/text';
import { MAX_SCANNED } from '../shared/search/snippet';
import { getArticles } from '../shared/store/articles';
import type { BaoDb } from '../shared/store/open';
import type { StoredArticle } from '../shared/store/schema';

export interface RowSource {
  id: string;
  title: string;
  published: number;
  /** The text the snippet is made from (snippetText). */
  text: string;
}

/** Articles kept, and their texts' characters at most (an answer shows up to 40 rows). */
const KEPT = 100;
const KEPT_CHARS = 2_000_000;

export class RowSources {
  private readonly kept = new Map<string, RowSource>();
  private chars = 0;
  /** Counts the changes heard: a read that began before one is not kept. */
  private changes = 0;

  /** The sources of `ids`, in order: undefined for an article no longer stored. One store read for those not kept. */
  async read(db: BaoDb, ids: readonly string[]): Promise<Array<RowSource | undefined>> {
    const held = ids.map((id) => this.kept.get(id));
    const missing = ids.filter((_, i) => held[i] === undefined);
    const changes = this.changes;
    const fresh = new Map((missing.length > 0 ? await getArticles(db, missing) : []).map((article) => [article.id, sourceOf(article)]));
    if (changes === this.changes) {
      held.forEach((source) => source && this.keep(source));
      fresh.forEach((source) => this.keep(source));
    }
    return ids.map((id, i) => held[i] ?? fresh.get(id));
  }

  /** The stored articles changed: nothing kept is to be shown again. */
  forget(): void {
    this.changes++;
    this.kept.clear();
    this.chars = 0;
  }

  /** Keeps `source` as the most recently shown; the least recently shown go beyond the bounds. */
  private keep(source: RowSource): void {
    const old = this.kept.get(source.id);
    if (old) {
      this.kept.delete(source.id);
      this.chars -= old.text.length;
    }
    this.kept.set(source.id, source);
    this.chars += source.text.length;
    for (const [id, first] of this.kept) {
      if (this.kept.size <= KEPT && this.chars <= KEPT_CHARS) break;
      this.kept.delete(id);
      this.chars -= first.text.length;
    }
  }
}

function sourceOf(article: StoredArticle): RowSource {
  return { id: article.id, title: article.title, published: article.published, text: snippetText(article) };
}

/**
 * The lead and the start of the body: enough for a snippet, which looks at the
 * first MAX_SCANNED characters only. A 1 MB body took 20–300 ms a row to
 * convert whole. Markup is cut at four times that, which holds as much text
 * but for the heaviest markup (one character over says the text goes on).
 */
function snippetText(article: StoredArticle): string {
  const lead = article.summary ? `${article.summary}\n` : '';
  const body = article.contentText !== undefined ? article.contentText.slice(0, MAX_SCANNED + 1) : htmlToText((article.contentHtml ?? '').slice(0, MAX_SCANNED * 4));
  return lead + body;
}
