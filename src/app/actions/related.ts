import type { Article } from '../../shared/feed/types';
import { scanArticles } from '../../shared/store/articles';
import type { BaoDb } from '../../shared/store/open';
import type { StoredArticle } from '../../shared/store/schema';

/** How far back «Các tin khác» looks for the same topic before settling for the latest. */
const SCAN_LIMIT = 1000;

/** «Các tin khác»: recent articles on the same topic first, then the latest of the rest. */
function pickRelated<T extends Article>(article: Article, recent: readonly T[], count: number): T[] {
  const tags = new Set(article.tags);
  const others = recent.filter((other) => other.id !== article.id);
  const sameTopic = others.filter((other) => other.tags.some((tag) => tags.has(tag)));
  const rest = others.filter((other) => !sameTopic.includes(other));
  return [...sameTopic, ...rest].slice(0, count);
}

/**
 * Finds «Các tin khác» in the store: walks back from the newest article until
 * enough share a tag, keeping only those and the latest few others.
 */
export async function loadRelated(db: BaoDb, article: Article, count: number): Promise<StoredArticle[]> {
  const tags = new Set(article.tags);
  const candidates: StoredArticle[] = [];
  let sameTopic = 0;
  let others = 0;
  await scanArticles(
    db,
    (other) => {
      if (other.id === article.id) return true;
      if (other.tags.some((tag) => tags.has(tag))) {
        candidates.push(other);
        sameTopic++;
      } else if (others < count) {
        candidates.push(other);
        others++;
      }
      return sameTopic < count;
    },
    SCAN_LIMIT,
  );
  return pickRelated(article, candidates, count);
}
