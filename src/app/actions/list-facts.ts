import { articleFacts, type Facts } from '../../shared/store/counts';
import { db } from './db';

export type ListFacts = Facts;

/** How many articles the phone holds and how far back they go, as the reader sees them (also while a refresh folds). */
export async function loadListFacts(): Promise<ListFacts> {
  return articleFacts(await db());
}
