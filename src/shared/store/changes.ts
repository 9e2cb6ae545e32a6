/**
 * The one "articles changed" event. Every write that adds, changes or removes
 * stored articles announces it here once committed, wherever it ran (a
 * refresh in the service worker, a clean-up in the page, an eviction to make
 * room); the list, the open article and the search worker listen only here.
 */
export const ARTICLES_CHANNEL = 'bao-articles';

export interface ArticlesChange {
  /** Added or rewritten: read them again. */
  changed: string[];
  /** Deleted: drop them. */
  removed: string[];
}

/** Call after the transaction has committed, so listeners read what was written. */
export function announceArticlesChanged(change: ArticlesChange): void {
  if (change.changed.length === 0 && change.removed.length === 0) return;
  // Every other channel of this name hears it, this context's listeners included.
  const channel = new BroadcastChannel(ARTICLES_CHANNEL);
  channel.postMessage(change);
  channel.close();
}

/** Calls `onChange` for every announced change, from any context; returns the way to stop. */
export function listenArticlesChanged(onChange: (change: ArticlesChange) => void): () => void {
  const channel = new BroadcastChannel(ARTICLES_CHANNEL);
  channel.addEventListener('message', (event: MessageEvent<ArticlesChange>) => onChange(event.data));
  return () => channel.close();
}
