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

render(<App />, document.getElementById('app')!);

void watchSync().then(async () => {
  // The default may have come from Save-Data just now; the worker needs it before it keeps pictures.
  await shareDataSaver(preferences.value.dataSaver);
  await registerServiceWorker();
  refreshIfStale(Date.now());
});
// The search index loads in its worker while the reader looks at the list.
setTimeout(warmUpSearch, 0);
addEventListener('online', () => void requestRefresh());
