import type { ArticleBody, ArticleCard, BodyField, StoredArticle } from './schema';

/** A record as read from `articles` or `staging`: a card, or one stored before version 5 with its body inline. */
export type MaybeWithBody = ArticleCard & Partial<Pick<StoredArticle, BodyField>>;

/** Whether a record still carries its body (stored before version 5, not yet split by backfillDerived()). */
export function hasInlineBody(record: MaybeWithBody): boolean {
  return 'contentHtml' in record || 'contentText' in record;
}

/** The card and the body of a whole record, to be written to their two stores together. */
export function splitRecord<T extends MaybeWithBody>(record: T): { card: Omit<T, BodyField>; body: ArticleBody } {
  const { contentHtml, contentText, ...card } = record;
  const body: ArticleBody = { id: record.id };
  if (contentHtml !== undefined) body.contentHtml = contentHtml;
  if (contentText !== undefined) body.contentText = contentText;
  return { card, body };
}

/** The card without any inline body: what list screens get, whatever version stored it. */
export function cardOf<T extends MaybeWithBody>(record: T): Omit<T, BodyField> {
  return hasInlineBody(record) ? splitRecord(record).card : record;
}

/** A whole record again: the card with the body read from its store (or the one it still carries). */
export function joinRecord<T extends MaybeWithBody>(record: T, body: ArticleBody | undefined): T {
  if (hasInlineBody(record) || !body) return record;
  const whole = { ...record };
  if (body.contentHtml !== undefined) whole.contentHtml = body.contentHtml;
  if (body.contentText !== undefined) whole.contentText = body.contentText;
  return whole;
}
