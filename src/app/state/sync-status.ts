import { signal } from '@preact/signals';
import { countArticles, listArticles } from '../../shared/store/articles';
import { listenArticlesChanged } from '../../shared/store/changes';
import { getMeta } from '../../shared/store/meta';
import type { SyncError } from '../../shared/store/schema';
import { SYNC_CHANNEL, type SyncEvent, type SyncOutcome } from '../../shared/sync/events';
import { refreshEnded, refreshRunning } from '../../shared/sync/lock';
import { db } from '../actions/db';

export interface Progress {
  received: number;
  total?: number;
  page: number;
}

export const online = signal(navigator.onLine);
export const syncing = signal(false);
export const progress = signal<Progress | undefined>(undefined);
export const retrying = signal<{ retry: number; retries: number } | undefined>(undefined);
export const lastSuccess = signal<number | undefined>(undefined);
export const lastError = signal<SyncError | undefined>(undefined);
export const lastOutcome = signal<SyncOutcome | undefined>(undefined);
/** Bumped whenever stored articles change (the store announces it), so lists reload. */
export const articlesVersion = signal(0);
/** Whether the phone holds any article (undefined until read): a failure then says they can still be read. */
export const hasArticles = signal<boolean | undefined>(undefined);
/** The recorded status has been read: until then a first visit cannot be told from a later one. */
export const statusLoaded = signal(false);
/**
 * When the newest stored article was fetched, where articles are stored but no refresh recorded how it
 * ended: the one that fetched them did not finish (a full disk refuses even the record of its failure).
 */
export const unfinishedAt = signal<number | undefined>(undefined);

/** Less room than this left to the app: not even a feed page of articles fits. */
const FULL_BELOW_BYTES = 1024 * 1024;

/** Whether the browser says the app's storage is (about) full; false where it does not say. */
async function storageLooksFull(): Promise<boolean> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return estimate?.quota !== undefined && estimate.usage !== undefined && estimate.quota - estimate.usage < FULL_BELOW_BYTES;
}

/** The failure worth showing, if the last refresh failed after the last success. */
export function currentFailure(): SyncError | undefined {
  const error = lastError.value;
  const success = lastSuccess.value;
  // «No network» is about the moment it happened: once the phone is online again it is no longer true.
  const current = error?.kind === 'offline' && online.value ? undefined : error;
  return current && (!success || current.at >= success) ? current : undefined;
}

/**
 * If a refresh's runner dies (the browser may stop a service worker mid-way)
 * no «done» arrives; the status bar must not spin forever.
 */
const SILENCE_LIMIT_MS = 90_000;
let silenceTimer: ReturnType<typeof setTimeout> | undefined;
/** Bumped whenever a refresh is seen running, so that a finished one's late read does not end a newer one. */
let runs = 0;

async function loadRecorded(): Promise<void> {
  const database = await db();
  // A first download may fail after storing its first page: the articles, not a past success, tell.
  const [meta, count] = await Promise.all([getMeta(database, 'sync'), countArticles(database).catch(() => undefined)]);
  const unrecorded = !meta?.lastSuccess && !meta?.lastError && count !== undefined && count > 0;
  const [newest] = unrecorded ? await listArticles(database, 1).catch(() => []) : [];
  // Full, the disk is the failure to name, whatever else stopped that refresh: the next one would meet it too.
  const full = newest !== undefined && (await storageLooksFull());
  lastSuccess.value = meta?.lastSuccess;
  lastError.value = full ? { kind: 'quota', at: newest.fetchedAt } : meta?.lastError;
  unfinishedAt.value = newest?.fetchedAt;
  hasArticles.value = count === undefined ? undefined : count > 0;
  statusLoaded.value = true;
}

/** Something runs a refresh, even if none of its events has arrived yet: say so, but not for ever. */
function markSyncing(): void {
  clearTimeout(silenceTimer);
  runs++;
  syncing.value = true;
  silenceTimer = setTimeout(() => {
    syncing.value = false;
    progress.value = undefined;
    lastError.value = { kind: 'timeout', at: Date.now() };
  }, SILENCE_LIMIT_MS);
}

/** The refresh asked for could not even start: back to how things were. */
export function refreshNotStarted(): void {
  clearTimeout(silenceTimer);
  syncing.value = false;
}

/**
 * A refresh was asked for: the screen says so at once, before its runner (a
 * service worker that may have to start first) reports anything.
 */
export function refreshRequested(): void {
  markSyncing();
}

/**
 * «Đang tải» stays until what the refresh recorded is read: without it the
 * bar would say, for a moment, «Chưa tải tin lần nào» after a first
 * download, or the failure a successful refresh has just put right.
 */
function settle(failed?: SyncError): void {
  const run = runs;
  void loadRecorded()
    .catch(() => undefined)
    .then(() => {
      if (run !== runs) return;
      // A failure the refresh could not record (a full disk refuses that write too) is still the one to show:
      // without it, a reader holding the articles of a first download was told «Chưa tải tin lần nào».
      if (failed && failed.at > (lastError.value?.at ?? -Infinity) && failed.at > (lastSuccess.value ?? -Infinity)) lastError.value = failed;
      clearTimeout(silenceTimer);
      syncing.value = false;
      progress.value = undefined;
      retrying.value = undefined;
    });
}

let followingRunner = false;

/**
 * A runner that dies (the tab whose worker ran it closed, a service worker
 * stopped) frees the lock without a «done»: once no refresh holds it, the bar
 * shows what was recorded rather than «Đang tải» until the silence limit.
 */
async function settleWhenLockFreed(): Promise<void> {
  if (followingRunner) return;
  followingRunner = true;
  // Without Web Locks (or once it has already ended) there is no runner to follow.
  const held = await refreshRunning();
  if (held) await refreshEnded();
  followingRunner = false;
  if (held && syncing.value) settle();
}

function handle(event: SyncEvent): void {
  clearTimeout(silenceTimer);
  if (event.type === 'done') {
    const outcome = event.outcome;
    lastOutcome.value = outcome;
    settle(outcome.status === 'failed' ? { kind: outcome.kind, at: outcome.at, ...(outcome.retryAfterMs !== undefined && { retryAfterMs: outcome.retryAfterMs }) } : undefined);
    return;
  }
  markSyncing();
  // Its runner holds the lock while it reports.
  void settleWhenLockFreed();
  if (event.type === 'start') {
    progress.value = undefined;
    retrying.value = undefined;
  } else if (event.type === 'progress') {
    progress.value = { received: event.received, total: event.total, page: event.page };
  } else {
    retrying.value = { retry: event.retry, retries: event.retries };
  }
}

/** Starts listening to refreshes and article changes from the service worker, other tabs and this page. */
export function watchSync(): Promise<void> {
  listenArticlesChanged(() => articlesVersion.value++);
  new BroadcastChannel(SYNC_CHANNEL).addEventListener('message', (event: MessageEvent<SyncEvent>) =>
    handle(event.data),
  );
  addEventListener('online', () => (online.value = true));
  addEventListener('offline', () => (online.value = false));
  // Opened while another tab or the service worker refreshes: its next event may be seconds away.
  void refreshRunning().then((running) => {
    if (!running || syncing.value) return;
    markSyncing();
    void settleWhenLockFreed();
  });
  return loadRecorded();
}
