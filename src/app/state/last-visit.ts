/**
 * When the reader last left the app, read once as the page opens: articles
 * that reached the phone after it are «Mới» for this visit. Written when the
 * page is hidden (leaving, switching apps, reloading), so what arrives while
 * the reader looks is still new next time.
 */
const KEY = 'bao-last-visit';

function readStored(): number | undefined {
  try {
    const value = Number(localStorage.getItem(KEY));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Absent on the very first visit, when marking everything new would say nothing. */
export const previousVisit = readStored();

addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'hidden') return;
  try {
    localStorage.setItem(KEY, String(Date.now()));
  } catch {
    // Storage blocked: no «Mới» marks next time, nothing worse.
  }
});

/** True for an article that reached the phone since the reader's last visit. */
export function isNewSinceLastVisit(fetchedAt: number, since = previousVisit): boolean {
  return since !== undefined && fetchedAt > since;
}
