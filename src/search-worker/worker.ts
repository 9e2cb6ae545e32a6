/// <reference lib="webworker" />
import type { SearchRequest, SearchWorkerMessage } from '../shared/search/protocol';
import { listenArticlesChanged } from '../shared/store/changes';
import { openStore } from '../shared/store/open';
import { refreshEnded } from '../shared/sync/lock';
import { createSearchHandlers, type IndexState } from './handlers';
import { saveIndex } from './index-store';

/** The worker's wiring: messages from the page and the articles channel in, answers out (handlers.ts does the work). */

declare const self: DedicatedWorkerGlobalScope;

/** Saving serialises the whole index; do it once things are quiet. */
const SAVE_DELAY_MS = 3_000;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleSave(s: IndexState): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void save(s), SAVE_DELAY_MS);
}

/** Saves, then answers from the index as saved, its positions left in the store, unless it changed meanwhile. */
async function save(s: IndexState): Promise<void> {
  const index = s.index;
  const changes = index.changes;
  const saved = await saveIndex(s.db, index, s.revision);
  if (saved && s.index === index && index.changes === changes) s.index = saved;
}

const handlers = createSearchHandlers({
  db: openStore({ onVersionChange: () => self.close() }),
  post: (message: SearchWorkerMessage) => self.postMessage(message),
  onIndexChanged: scheduleSave,
  beforeRebuild: () => refreshEnded(),
});

self.addEventListener('message', (event: MessageEvent<SearchRequest>) => void handlers.onRequest(event.data));
listenArticlesChanged((change) => void handlers.onChange(change));
