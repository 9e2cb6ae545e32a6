import { signal } from '@preact/signals';
import { listenArticlesChanged } from '../../shared/store/changes';
import { getMeta } from '../../shared/store/meta';
import type { SyncError } from '../../shared/store/schema';
import { SYNC_CHANNEL, type SyncEvent, type SyncOutcome } from '../../shared/sync/events';
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

/**
 * If a refresh's runner dies (the browser may stop a service worker mid-way)
 * no «done» arrives; the status bar must not spin forever.
 */
const SILENCE_LIMIT_MS = 90_000;
let silenceTimer: ReturnType<typeof setTimeout> | undefined;

async function loadRecorded(): Promise<void> {
  const meta = await getMeta(await db(), 'sync');
  lastSuccess.value = meta?.lastSuccess;
  lastError.value = meta?.lastError;
}

function handle(event: SyncEvent): void {
  clearTimeout(silenceTimer);
  if (event.type === 'done') {
    syncing.value = false;
    progress.value = undefined;
    retrying.value = undefined;
    lastOutcome.value = event.outcome;
    void loadRecorded();
    return;
  }
  syncing.value = true;
  silenceTimer = setTimeout(() => {
    syncing.value = false;
    progress.value = undefined;
    lastError.value = { kind: 'timeout', at: Date.now() };
  }, SILENCE_LIMIT_MS);
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
  return loadRecorded();
}
