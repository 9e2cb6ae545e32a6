import { deriveText } from '../feed/derive';
import type { Article } from '../feed/types';
import { storyUrlKey } from './same-story';
import type { StoredArticle, TopicKey } from './schema';

/** The related-articles index keys of an article: one per tag, so a tag's articles list newest first. */
export function topicKeysOf(article: Pick<Article, 'id' | 'tags' | 'published'>): TopicKey[] {
  return [...new Set(article.tags)].map((tag) => [tag, article.published, article.id]);
}

/** The record to store for a feed article: its fields plus everything derived from them, worked out here once. */
export function toRecord(article: Article, fetchedAt: number): StoredArticle {
  return { ...article, ...deriveText(article), fetchedAt, topicKeys: topicKeysOf(article), ...urlKeyOf(article.url) };
}

/** The `urlKey` field of a record with this url: none when it names no one article. */
export function urlKeyOf(url: string | undefined): Pick<StoredArticle, 'urlKey'> {
  const urlKey = storyUrlKey(url);
  return urlKey === undefined ? {} : { urlKey };
}

/** A record stored before version 7 whose url names an article: its `urlKey` is still to be added. */
export function lacksUrlKey(record: Pick<StoredArticle, 'url' | 'urlKey'>): boolean {
  return record.urlKey === undefined && storyUrlKey(record.url) !== undefined;
}

/** A record stored before version 3, or one already complete. */
export type MaybeLegacyRecord = Omit<StoredArticle, 'excerpt' | 'wordCount' | 'topicKeys'> & Partial<StoredArticle>;

export function isComplete(record: MaybeLegacyRecord): record is StoredArticle {
  return record.excerpt !== undefined && record.wordCount !== undefined && record.topicKeys !== undefined;
}

/**
 * What a reader gets for a record: complete ones as they are; one stored
 * before version 3 and not yet reached by backfillDerived() is completed on
 * the spot (once, on an older install).
 */
export function completeRecord(record: MaybeLegacyRecord): StoredArticle {
  return isComplete(record) ? record : toRecord(record, record.fetchedAt);
}
