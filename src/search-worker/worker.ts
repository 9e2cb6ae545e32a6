/// <reference lib="webworker" />
import { bodyText, toSearchDoc } from '../shared/search/documents';
import type { SearchRequest, SearchResultRow, SearchWorkerMessage } from '../shared/search/protocol';
import type { SearchIndex } from '../shared/search/search-index';
import { makeSnippet } from '../shared/search/snippet';
import { getArticle } from '../shared/store/articles';
import { openStore, type BaoDb } from '../shared/store/open';
import { SYNC_CHANNEL, type SyncEvent } from '../shared/sync/events';
import { currentRevision, loadIndex, saveIndex } from './index-store';

declare const self: DedicatedWorkerGlobalScope;

interface State {
  db: BaoDb;
  index: SearchIndex;
  revision: number;
}

/** Saving serialises the whole index; do it once things are quiet. */
const SAVE_DELAY_MS = 3_000;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
const BULK_CHANGES = 500;

const post = (message: SearchWorkerMessage) => self.postMessage(message);

const state: Promise<State> = (async () => {
  const started = performance.now();
  const db = await openStore({ onVersionChange: () => self.close() });
  const loaded = await loadIndex(db);
  post({ type: 'ready', articles: loaded.index.size, source: loaded.source, ms: Math.round(performance.now() - started) });
  const s = { db, index: loaded.index, revision: loaded.revision };
  if (loaded.source === 'rebuilt') scheduleSave(s);
  return s;
})();

function scheduleSave(s: State): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void saveIndex(s.db, s.index, s.revision), SAVE_DELAY_MS);
}

/** New or changed articles from a refresh go into the live index one by one. */
async function applyChanges(changedIds: string[]): Promise<void> {
  const s = await state;
  const started = performance.now();
  const revision = await currentRevision(s.db);
  if (revision === s.revision) return;
  // Many changes at once (the first download) are read faster in one go.
  if (revision === s.revision + 1 && changedIds.length <= BULK_CHANGES) {
    const articles = await Promise.all(changedIds.map((id) => getArticle(s.db, id)));
    for (const article of articles) if (article) s.index.add(toSearchDoc(article));
  } else {
    // A bulk load, or changes we did not see (an eviction): start from the store.
    Object.assign(s, await loadIndex(s.db));
  }
  s.revision = revision;
  scheduleSave(s);
  post({ type: 'ready', articles: s.index.size, source: 'updated', ms: Math.round(performance.now() - started) });
}

async function answer(request: SearchRequest): Promise<void> {
  const s = await state;
  const started = performance.now();
  const { hits, total } = s.index.search(request.query, { limit: request.limit });
  const articles = await Promise.all(hits.map((hit) => getArticle(s.db, hit.id)));
  const rows: SearchResultRow[] = [];
  hits.forEach((hit, i) => {
    const article = articles[i];
    if (!article) return;
    const lead = article.summary ? `${article.summary}\n` : '';
    rows.push({
      id: article.id,
      title: article.title,
      published: article.published,
      titleHighlights: makeSnippet(article.title, hit.terms, article.title.length + 1).highlights,
      snippet: makeSnippet(lead + bodyText(article), hit.terms, 200),
    });
  });
  const suggestion = total === 0 ? (s.index.suggest(request.query) ?? undefined) : undefined;
  post({ id: request.id, type: 'results', query: request.query, rows, total, suggestion, tookMs: performance.now() - started });
}

self.addEventListener('message', (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  answer(request).catch((error: unknown) =>
    post({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});

new BroadcastChannel(SYNC_CHANNEL).addEventListener('message', (event: MessageEvent<SyncEvent>) => {
  const e = event.data;
  if (e.type === 'done' && e.outcome.status === 'updated' && e.outcome.changedIds.length > 0) {
    void applyChanges(e.outcome.changedIds);
  }
});
