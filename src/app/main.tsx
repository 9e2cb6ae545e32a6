import './state/apply-early';
import { render } from 'preact';
import { App } from './app';
import { refreshIfStale, requestRefresh } from './bridges/sync-bridge';
import { warmUpSearch } from './bridges/search-bridge';
import { registerServiceWorker } from './bridges/sw-bridge';
import { shareDataSaver } from './actions/settings';
import { preferences } from './state/preferences';
import { watchSync } from './state/sync-status';
import './styles.css';

// No worker in control: the first visit (or one after the reader cleared the site's data).
const firstVisit = !navigator.serviceWorker?.controller;

render(<App />, document.getElementById('app')!);

// The search index loads in its worker while the reader looks at the list.
if (!firstVisit) setTimeout(warmUpSearch, 0);

void watchSync().then(async () => {
  // On a first visit the page downloads the articles itself, at once.
  const refreshed = refreshIfStale(Date.now());
  // The default may have come from Save-Data just now; the worker needs it before it keeps pictures.
  await shareDataSaver(preferences.value.dataSaver);
  if (firstVisit) {
    // The search worker's code and the service worker's install (the app's own
    // files) would share a slow line with the first articles: they wait for them.
    await refreshed;
    warmUpSearch();
  }
  await registerServiceWorker();
});
addEventListener('online', () => void requestRefresh());
