const LOCK_NAME = 'bao-feed-sync';

/**
 * Runs `task` unless a refresh already holds the lock, in this or any other
 * context (page, other tab, service worker). Where Web Locks are missing the
 * task simply runs.
 */
export async function ifNotSyncing<T>(task: () => Promise<T>): Promise<T | 'busy'> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return task();
  return locks.request(LOCK_NAME, { ifAvailable: true }, (lock) => (lock ? task() : 'busy'));
}

/** Whether a refresh holds the lock now, in any context; false where Web Locks are missing. */
export async function refreshRunning(): Promise<boolean> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return false;
  const { held = [] } = await locks.query();
  return held.some((lock) => lock.name === LOCK_NAME);
}

/** Resolves once no refresh holds the lock (looking every `everyMs`; it is never taken, so no refresh finds it busy). */
export async function refreshEnded(everyMs = 1_000): Promise<void> {
  while (await refreshRunning()) await new Promise((resolve) => setTimeout(resolve, everyMs));
}
