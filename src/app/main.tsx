import './state/apply-early';
import { render } from 'preact';
import { App } from './app';
import { refreshBackOnline, refreshIfStale, requestRefresh } from './bridges/sync-bridge';
import { warmUpSearch } from './bridges/search-bridge';
import { registerServiceWorker } from './bridges/sw-bridge';
import { shareDataSaver } from './actions/settings';
import { preferences } from './state/preferences';
import { watchSync } from './state/sync-status';
import './styles.css';

const statusRead = watchSync();
// No worker in control: the first visit (or one after the reader cleared the site's data, or a reload before the
// worker has installed).
const firstVisit = !navigator.serviceWorker?.controller;
// Then the page downloads the articles itself, before anything else: rendering
// and reading the recorded status happen while the first request is on its way.
// Its worker skips the download if the articles it finds are fresh (a reload).
const firstRefresh = firstVisit && navigator.onLine ? requestRefresh({ unlessFresh: true }) : refreshIfStaleOnceKnown();

// Opened on a search: its index is what the reader waits for, so its worker starts before the first render.
if (!firstVisit && location.pathname === '/tim-kiem') warmUpSearch();

const root = document.getElementById('app')!;
// index.html's placeholder, shown until now; the app takes its place in the same frame.
root.replaceChildren();
render(<App />, root);

// The search index loads in its worker while the reader looks at the list.
if (!firstVisit) setTimeout(warmUpSearch, 0);

/** Once the page has nothing more urgent to do (Safari has no requestIdleCallback). */
function idle(): Promise<void> {
  return new Promise((resolve) =>
    'requestIdleCallback' in window ? requestIdleCallback(() => resolve(), { timeout: 3_000 }) : setTimeout(resolve, 500),
  );
}

/** A later visit refreshes once the recorded status says the articles are old. */
async function refreshIfStaleOnceKnown(): Promise<void> {
  await statusRead;
  await refreshIfStale(Date.now());
}

void statusRead.then(async () => {
  // The default may have come from Save-Data just now; the worker needs it before it keeps pictures.
  // A write that fails (a full disk) must not keep the service worker from registering: the worker keeps
  // the choice it had, and the update offer still comes.
  await shareDataSaver(preferences.value.dataSaver).catch(() => undefined);
  if (firstVisit) {
    // The search worker's code and the service worker's install (the app's own
    // files) would share a slow line and a slow CPU with the first articles:
    // they wait until those are on screen.
    await firstRefresh;
    await idle();
    warmUpSearch();
  }
  await registerServiceWorker();
});
addEventListener('online', () => void refreshBackOnline(Date.now()));
// A phone brings back an app it kept in memory (overnight, behind other apps) without loading it anew.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refreshIfStale(Date.now());
});
