import { db } from './db';

export interface ListFacts {
  /** Articles kept on the phone. */
  count: number;
  /** Publication date of the oldest one, if any. */
  oldest?: number;
}

/** How many articles the phone holds and how far back they go: two index reads, no scan. */
export async function loadListFacts(): Promise<ListFacts> {
  const tx = (await db()).transaction('articles');
  const [count, first] = await Promise.all([tx.store.count(), tx.store.index('by-published').openCursor()]);
  return { count, oldest: first?.value.published };
}
