/// <reference lib="webworker" />
import { bodyText } from '../shared/feed/derive';
import { toSearchDoc } from '../shared/search/documents';
import type { SearchRequest, SearchResultRow, SearchWorkerMessage } from '../shared/search/protocol';
import type { SearchHit, SearchIndex } from '../shared/search/search-index';
import { makeSnippet } from '../shared/search/snippet';
import { getArticle, getArticles } from '../shared/store/articles';
import type { StoredArticle } from '../shared/store/schema';
import { listenArticlesChanged, type ArticlesChange } from '../shared/store/changes';
import { openStore, type BaoDb } from '../shared/store/open';
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

/** How often a build in progress tells the page how far it got. */
const PROGRESS_MS = 500;
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** While the first index is being built: what is indexed so far, to answer from. */
let partial: State | undefined;
let firstBatch: (s: State) => void = () => undefined;
const firstBatchIndexed = new Promise<State>((resolve) => (firstBatch = resolve));

const state: Promise<State> = (async () => {
  const started = performance.now();
  const db = await openStore({ onVersionChange: () => self.close() });
  let told = 0;
  const loaded = await loadIndex(db, {
    step: async ({ index, indexed, total }) => {
      if (!partial) firstBatch((partial = { db, index, revision: 0 }));
      if (indexed < total && performance.now() - told > PROGRESS_MS) {
        told = performance.now();
        post({ type: 'ready', articles: indexed, total, source: 'building', ms: Math.round(told - started) });
      }
      // Let queries waiting in the message queue be answered.
      await nextTurn();
    },
  });
  partial = undefined;
  post({ type: 'ready', articles: loaded.index.size, source: loaded.source, ms: Math.round(performance.now() - started) });
  const s = { db, index: loaded.index, revision: loaded.revision };
  if (loaded.source !== 'snapshot') scheduleSave(s);
  return s;
})();

/** The index to answer from: the loaded one, or while the first is built, what is built so far. */
function current(): Promise<State> {
  return partial ? Promise.resolve(partial) : Promise.race([state, firstBatchIndexed]);
}

function scheduleSave(s: State): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void saveIndex(s.db, s.index, s.revision), SAVE_DELAY_MS);
}

/**
 * New, changed and removed articles, applied to the live index. While this
 * worker lives it hears every announced change, so applying each one keeps the
 * index exact; the revision check is for snapshots saved before.
 */
async function applyChanges({ changed: changedIds, removed: removedIds }: ArticlesChange): Promise<void> {
  const s = await state;
  const started = performance.now();
  const revision = await currentRevision(s.db);
  if (changedIds.length > BULK_CHANGES) {
    // The first download, typically: one read of everything is faster. The
    // old index answers until the new one is built.
    Object.assign(s, await loadIndex(s.db, { step: nextTurn }));
  } else {
    for (const id of removedIds) s.index.remove(id);
    const articles = await Promise.all(changedIds.map((id) => getArticle(s.db, id)));
    for (const article of articles) if (article) s.index.add(toSearchDoc(article));
  }
  s.revision = revision;
  scheduleSave(s);
  post({ type: 'ready', articles: s.index.size, source: 'updated', ms: Math.round(performance.now() - started) });
}

/** Looser matches are a fallback: a few are enough. */
const LOOSE_LIMIT = 10;

/** The hits' articles with their bodies (the snippets quote them), read in one transaction. */
async function readArticles(db: BaoDb, ids: string[]): Promise<Array<StoredArticle | undefined>> {
  const byId = new Map((await getArticles(db, ids)).map((article) => [article.id, article]));
  return ids.map((id) => byId.get(id));
}

async function toRows(db: BaoDb, hits: SearchHit[]): Promise<SearchResultRow[]> {
  const articles = await readArticles(db, hits.map((hit) => hit.id));
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
  return rows;
}

async function answer(request: SearchRequest): Promise<void> {
  const s = await current();
  const started = performance.now();
  const { hits, total, loose, looseTotal } = s.index.search(request.query, { limit: request.limit });
  // Looser matches only when the full ones do not fill the page.
  const looser = hits.length < request.limit ? loose.slice(0, LOOSE_LIMIT) : [];
  const [rows, looseRows] = await Promise.all([toRows(s.db, hits), toRows(s.db, looser)]);
  const suggestion = total === 0 ? (s.index.suggest(request.query) ?? undefined) : undefined;
  post({
    id: request.id,
    type: 'results',
    query: request.query,
    rows,
    total,
    looseRows,
    looseTotal,
    suggestion,
    tookMs: performance.now() - started,
  });
}

self.addEventListener('message', (event: MessageEvent<SearchRequest>) => {
  const request = event.data;
  answer(request).catch((error: unknown) =>
    post({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});

// One change at a time, in the order announced: a rebuild started for one must not undo the next.
let applying = Promise.resolve();
listenArticlesChanged((change) => {
    // A failed update leaves the index behind; the saved revision makes the next start catch up.
  applying = applying.then(() => applyChanges(change)).catch(() => undefined);
});
