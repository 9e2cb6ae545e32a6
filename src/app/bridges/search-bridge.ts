import { signal } from '@preact/signals';
import type { SearchMoreRows, SearchReady, SearchRequest, SearchResponse, SearchWorkerMessage } from '../../shared/search/protocol';

export type SearchResults = Extract<SearchResponse, { type: 'results' }> & {
  /** The rows beyond the first screen, once the worker has read them (only when `more`). */
  rest?: Promise<Pick<SearchMoreRows, 'rows' | 'looseRows'>>;
};

/** The worker's latest word on its index; a new value means results may have changed. */
export const searchReady = signal<SearchReady | undefined>(undefined);

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (r: SearchResults) => void; reject: (e: Error) => void; sent: number }>();
/** Answers shown whose further rows are still to come. */
const restPending = new Map<number, { resolve: (r: SearchMoreRows) => void; reject: (e: Error) => void }>();
/**
 * One query at a time goes to the worker: while it answers one, only the
 * newest query typed since waits here (each keystroke replaces it), so the
 * worker never works through a backlog of queries the reader typed past and
 * the last one is asked as soon as the worker is free, with no pause after
 * each keystroke.
 */
let asking = false;
let waiting: SearchRequest | undefined;

function ask(request: SearchRequest): void {
  if (asking) {
    waiting = request;
    return;
  }
  asking = true;
  start().postMessage(request);
}

/** The worker answered (or failed) the query it had: the one waiting, if any, goes next. */
function askNext(): void {
  asking = false;
  const next = waiting;
  waiting = undefined;
  if (next && pending.has(next.id)) ask(next);
}

/** Every query still waiting, and every answer's rows still to come, fail with `error`. */
function failPending(error: Error): void {
  for (const waiting of [...pending.values(), ...restPending.values()]) waiting.reject(error);
  pending.clear();
  restPending.clear();
}

function start(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('../../search-worker/worker.ts', import.meta.url), { type: 'module', name: 'search' });
  worker = started;
  // The script failed to load (offline and not cached, say) or the worker crashed:
  // no answer will come, so the waiting queries fail now and the next one starts afresh.
  started.addEventListener('error', () => {
    started.terminate();
    if (worker === started) worker = undefined;
    asking = false;
    waiting = undefined;
    failPending(new Error('The search worker stopped'));
  });
  started.addEventListener('message', (event: MessageEvent<SearchWorkerMessage>) => {
    const message = event.data;
    if (message.type === 'ready') {
      // For the browser benchmark (scripts/bench-browser.ts), which reads User Timing.
      if (!searchReady.value) performance.mark('search-ready', { detail: message });
      searchReady.value = message;
      return;
    }
    if (message.type === 'more') {
      restPending.get(message.id)?.resolve(message);
      restPending.delete(message.id);
      return;
    }
    askNext();
    const asked = pending.get(message.id);
    if (!asked) return;
    pending.delete(message.id);
    // Round trip of each answer and the worker's time on it, for the browser tests and benchmark (User Timing).
    performance.measure('search-answer', {
      start: asked.sent,
      detail: { ok: message.type === 'results', workerMs: message.type === 'results' ? message.tookMs : undefined, rankMs: message.type === 'results' ? message.rankMs : undefined },
    });
    if (message.type === 'error') {
      asked.reject(new Error(message.message));
      return;
    }
    const rest = message.more ? new Promise<SearchMoreRows>((resolve, reject) => restPending.set(message.id, { resolve, reject })) : undefined;
    // Dropped when the reader types on before they come: nobody waits for them then.
    rest?.catch(() => undefined);
    asked.resolve({ ...message, rest });
  });
  return started;
}

/**
 * Starts the worker ahead of the first query so its index is loaded by the
 * time the reader types. Building happens in the worker, off the main thread.
 */
export function warmUpSearch(): void {
  start();
}

/** The reader cleared the field: nothing asked is wanted any more, and the query waiting is not sent. */
export function stopSearching(): void {
  waiting = undefined;
  failPending(new DOMException('Superseded', 'AbortError'));
}

/** Asks the worker; only the newest query's answer matters, older ones are dropped. */
export function search(query: string, limit = 30): Promise<SearchResults> {
  const id = nextId++;
  failPending(new DOMException('Superseded', 'AbortError'));
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, sent: performance.now() });
    ask({ id, type: 'search', query, limit });
  });
}
