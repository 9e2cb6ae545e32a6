import { toSearchDoc } from '../shared/search/documents';
import type { SearchMoreRows, SearchReady, SearchRequest, SearchResponse, SearchResultRow, SearchWorkerMessage } from '../shared/search/protocol';
import type { SearchHit, SearchIndex } from '../shared/search/search-index';
import { makeSnippet } from '../shared/search/snippet';
import { getArticle } from '../shared/store/articles';
import type { ArticlesChange } from '../shared/store/changes';
import type { BaoDb } from '../shared/store/open';
import { currentRevision, loadIndex } from './index-store';
import { Practice } from './practice';
import { RowSources, type RowSource } from './row-sources';

/**
 * What the search worker does, apart from the message plumbing (worker.ts):
 * load the index, answer queries from it, keep it in step with the store.
 * Everything here runs over an index and a database handed in, so tests drive
 * it with fake-indexeddb and no Worker.
 */

export interface IndexState {
  db: BaoDb;
  index: SearchIndex;
  revision: number;
}

export interface HandlerOptions {
  /** The database, once open; a failure to open is reported on every query. */
  db: Promise<BaoDb>;
  post: (message: SearchWorkerMessage) => void;
  /** Called whenever the index changed (built, rebuilt, updated): the worker saves it once quiet. */
  onIndexChanged: (state: IndexState) => void;
  /**
   * Awaited before a rebuild for a big change: such a change comes from a
   * refresh that is still folding it into the store, and a rebuild meanwhile
   * (every article read, all of them indexed) would take a core and the store
   * from it and from the page's reads. The old index answers until then.
   */
  beforeRebuild?: () => Promise<void>;
  /** Awaited between two batches of a build, so that queries waiting meanwhile are answered (tests hold the build here). */
  betweenBatches?: () => Promise<void>;
  now?: () => number;
  /** False: no warm-up (practice.ts) once loaded. */
  warmUp?: boolean;
}

export interface SearchHandlers {
  /** Answers one query, or reports why it cannot; a query overtaken while the index loads is left unanswered. */
  onRequest(request: SearchRequest): Promise<void>;
  /** Applies one announced change; changes are applied one at a time, in the order given. */
  onChange(change: ArticlesChange): Promise<void>;
}

/**
 * How long a build in progress waits between telling the page how far it got:
 * 0.5 s at first, while the reader looks at the first answers, growing to 2 s
 * in a long build. The page asks again each time, and each answer takes the
 * worker from the build.
 */
const progressEvery = (elapsed: number) => Math.min(2_000, Math.max(500, elapsed / 8));
/** Above this many changed articles, one read of everything is faster than reading each. */
const BULK_CHANGES = 500;
/** Looser matches are a fallback: a few are enough. */
const LOOSE_LIMIT = 10;
/**
 * Rows in the answer itself: a 360-px screen shows four. Reading the others'
 * articles and making their snippets costs as much again as ranking at
 * 50,000 articles, so they follow in a second message and the list shows first.
 */
export const FIRST_ROWS = 8;

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function createSearchHandlers({
  db: opening,
  post,
  onIndexChanged,
  beforeRebuild,
  betweenBatches = nextTurn,
  now = () => performance.now(),
  warmUp = true,
}: HandlerOptions): SearchHandlers {
  /** While the first index is being built: what is indexed so far, to answer from. */
  let partial: IndexState | undefined;
  let stale = false;
  let firstBatch: (s: IndexState) => void = () => undefined;
  const firstBatchIndexed = new Promise<IndexState>((resolve) => (firstBatch = resolve));

  const loaded: Promise<IndexState> = (async () => {
    const started = now();
    const db = await opening;
    // The first batch is always announced: the page shows what the answers come from.
    let told = -Infinity;
    let announced = false;
    const announce = (articles: number, source: SearchReady['source']): void => {
      if (!announced) post({ type: 'ready', articles, source, ms: Math.round(now() - started) });
      announced = true;
    };
    const result = await loadIndex(db, {
      allowStale: true,
      // The first build is saved as it goes: a reload goes on from there.
      resumable: true,
      now,
      step: async ({ index, indexed, total }) => {
        // A partial save may hand over the index as saved, its positions in pages.
        if (partial) partial.index = index;
        else firstBatch((partial = { db, index, revision: 0 }));
        if (indexed < total && now() - told > progressEvery(now() - started)) {
          told = now();
          post({ type: 'ready', articles: indexed, total, source: 'building', ms: Math.round(told - started) });
        }
        // Let queries waiting in the message queue be answered; the next
        // batch waits for their rows, whose reads could not complete while
        // a batch is indexed (0.8 s an answer at 5,000 articles under load).
        await betweenBatches();
        while (answering > 0 && indexed < total) await new Promise<void>((resolve) => (answered = resolve));
      },
      // Every article answers already: the page need not wait for the last save.
      built: ({ index, source }) => announce(index.size, source),
    });
    partial = undefined;
    announce(result.index.size, result.source);
    const s = { db, index: result.index, revision: result.revision };
    stale = result.source === 'stale';
    // A first build saves itself when it ends (index-store.ts): nothing left to save then.
    if ((result.source === 'caught-up' || result.source === 'rebuilt') && !result.saved) onIndexChanged(s);
    return s;
  })();
  // A load that fails is reported to each query (below); it must not also surface as unhandled.
  loaded.catch(() => undefined);

  /** The index to answer from: the loaded one, or while the first is built, what is built so far. */
  const current = (): Promise<IndexState> => (partial ? Promise.resolve(partial) : Promise.race([loaded, firstBatchIndexed]));

  const rowSources = new RowSources();
  let latest: number | undefined;
  // Once loaded, the worker warms the ranking code up on a small index of its
  // own (practice.ts), one short piece per turn and only while no query is
  // being answered: a query asked meanwhile waits for one piece at most.
  let answering = 0;
  /** Resolved when the last query being answered is done (a build waits for it between batches). */
  let answered: () => void = () => undefined;
  let practice: Practice | undefined;
  let practiceScheduled = false;
  const practiceSlice = async (): Promise<void> => {
    const more = answering > 0 || (practice ? await practice.next() : false);
    practiceScheduled = false;
    if (!more) practice = undefined;
    schedulePractice();
  };
  const schedulePractice = (): void => {
    if (practiceScheduled || answering > 0 || !practice) return;
    practiceScheduled = true;
    setTimeout(() => void practiceSlice().catch(() => (practice = undefined)), 0);
  };
  loaded
    .then(() => {
      if (!warmUp) return;
      practice = new Practice();
      schedulePractice();
    })
    .catch(() => undefined);
  // A snapshot left too far behind to catch up (a big refresh while no page was
  // open, or one still folding) answers at once, and is rebuilt once no refresh needs the store.
  let applying = loaded
    .then(async (s) => {
      if (!stale) return;
      post(await rebuild(s, now, beforeRebuild));
      onIndexChanged(s);
    })
    .catch(() => undefined);

  /**
   * A position page of the saved index could not be read (another tab saved
   * over it, or the browser dropped part of the store): answers so far missed
   * some phrases, never failed. The index is loaded again, from the snapshot
   * now stored if its pages are all there, else rebuilt from the articles.
   */
  let reloading: IndexState['index'] | undefined;
  const reloadOnce = (s: IndexState): void => {
    if (reloading === s.index) return;
    reloading = s.index;
    applying = applying
      .then(async () => {
        const started = now();
        const result = await loadIndex(s.db, { step: nextTurn });
        Object.assign(s, { index: result.index, revision: result.revision });
        post({ type: 'ready', articles: s.index.size, source: 'updated', ms: Math.round(now() - started) });
        if (result.source !== 'snapshot') onIndexChanged(s);
      })
      .catch(() => undefined);
  };

  return {
    async onRequest(request) {
      latest = request.id;
      answering++;
      try {
        const s = await current();
        // The page has dropped a query the reader typed past: no need to answer it.
        if (latest !== request.id) return;
        const { response, rest } = await answer(s, request, rowSources, now);
        post(response);
        // Rows the reader would scroll to, unless a newer query came meanwhile.
        if (rest && latest === request.id) post(await rest());
        if (s.index.positionsLost) reloadOnce(s);
      } catch (error) {
        post({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) });
      } finally {
        answering--;
        if (answering === 0) answered();
        schedulePractice();
      }
    },
    onChange(change) {
      // Rows are read afresh from now on (the index follows below).
      rowSources.forget();
      // One change at a time: a rebuild started for one must not undo the next.
      // Changes heard while the first index is built wait for it: each re-reads
      // its articles as they are then, so one the build read already is
      // replaced, not doubled, and one it read too early is not lost.
      // A failed update leaves the index behind; the saved revision makes the next start catch up.
      applying = applying
        .then(async () => {
          const s = await loaded;
          post(await applyChange(s, change, now, beforeRebuild));
          onIndexChanged(s);
        })
        .catch(() => undefined);
      return applying;
    },
  };
}

/**
 * New, changed and removed articles, applied to the live index. While the
 * worker lives it hears every announced change, so applying each one keeps the
 * index exact; the revision check is for snapshots saved before.
 */
export async function applyChange(
  s: IndexState,
  { changed, removed }: ArticlesChange,
  now = () => performance.now(),
  beforeRebuild?: () => Promise<void>,
): Promise<SearchReady> {
  // The first download, typically: one read of everything is faster.
  if (changed.length > BULK_CHANGES) return rebuild(s, now, beforeRebuild);
  const started = now();
  const revision = await currentRevision(s.db);
  for (const id of removed) s.index.remove(id);
  const articles = await Promise.all(changed.map((id) => getArticle(s.db, id)));
  for (const article of articles) if (article) s.index.add(toSearchDoc(article));
  s.revision = revision;
  return { type: 'ready', articles: s.index.size, source: 'updated', ms: Math.round(now() - started) };
}

/** The index rebuilt from every stored article, once no refresh needs the store; the old index answers until then. */
async function rebuild(s: IndexState, now: () => number, beforeRebuild?: () => Promise<void>): Promise<SearchReady> {
  await beforeRebuild?.();
  const started = now();
  Object.assign(s, await loadIndex(s.db, { step: nextTurn }));
  return { type: 'ready', articles: s.index.size, source: 'updated', ms: Math.round(now() - started) };
}

/** One query's answer from the index, with the first screen's rows ready to render, and how to read the rest. */
export async function answer(
  s: IndexState,
  request: SearchRequest,
  sources: RowSources,
  now = () => performance.now(),
): Promise<{ response: SearchResponse; rest?: () => Promise<SearchMoreRows> }> {
  const started = now();
  const index = s.index;
  // Position pages the query reads are loaded first (search-index.ts: searchAsync).
  const { hits, total, loose, looseTotal } = await index.searchAsync(request.query, { limit: request.limit });
  const ranked = now();
  // Looser matches only when the full ones do not fill the page.
  const looser = hits.length < request.limit ? loose.slice(0, LOOSE_LIMIT) : [];
  const firstLoose = looser.slice(0, Math.max(0, FIRST_ROWS - hits.length));
  const [rows, looseRows] = await toRows(s.db, sources, hits.slice(0, FIRST_ROWS), firstLoose);
  const restHits = hits.slice(FIRST_ROWS);
  const restLoose = looser.slice(firstLoose.length);
  const more = restHits.length + restLoose.length > 0;
  const suggestion = total === 0 ? await usefulSuggestion(index, request.query) : undefined;
  const response: SearchResponse = {
    id: request.id,
    type: 'results',
    query: request.query,
    rows,
    total,
    indexed: s.index.size,
    looseRows,
    looseTotal,
    suggestion,
    tookMs: now() - started,
    rankMs: ranked - started,
    more,
  };
  if (!more) return { response };
  return {
    response,
    rest: async () => {
      const [restRows, restLooseRows] = await toRows(s.db, sources, restHits, restLoose);
      return { id: request.id, type: 'more', rows: restRows, looseRows: restLooseRows };
    },
  };
}

/**
 * «Có phải bạn muốn tìm …»: the closest words the stored articles hold, if
 * together they find something. Each word is corrected on its own, so for
 * «hoii nangg» the suggestion was «hội nẵng», which no article holds either:
 * a reader who tapped it met «Không tìm thấy» again.
 */
async function usefulSuggestion(index: SearchIndex, query: string): Promise<string | undefined> {
  const suggestion = await index.withPositions(() => index.suggest(query));
  if (!suggestion) return undefined;
  return (await index.searchAsync(suggestion, { limit: 1 })).total > 0 ? suggestion : undefined;
}

/** Rows for the full and the looser matches, their articles read in one go; an article gone since is left out. */
async function toRows(db: BaoDb, sources: RowSources, hits: SearchHit[], looseHits: SearchHit[]): Promise<[SearchResultRow[], SearchResultRow[]]> {
  const all = [...hits, ...looseHits];
  const read = await sources.read(db, all.map((hit) => hit.id));
  const rows = all.map((hit, i) => {
    const source = read[i];
    return source && toRow(source, hit);
  });
  const present = (row: SearchResultRow | undefined): row is SearchResultRow => row !== undefined;
  return [rows.slice(0, hits.length).filter(present), rows.slice(hits.length).filter(present)];
}

function toRow(source: RowSource, hit: SearchHit): SearchResultRow {
  return {
    id: source.id,
    title: source.title,
    published: source.published,
    titleHighlights: makeSnippet(source.title, hit.terms, source.title.length + 1).highlights,
    snippet: makeSnippet(source.text, hit.terms, 200),
  };
}
