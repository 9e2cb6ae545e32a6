import { vi } from 'vitest';
import type { RefreshWorkerReply, RefreshWorkerRequest } from '../../../src/shared/sync/events';

/**
 * The page's refresh worker (src/refresh-worker) run in this thread: the same
 * shared refresh on its own connection; or, with `loads` false, a script that
 * does not load (the line dropped), which the browser reports as an error.
 */
export function stubRefreshWorker({ loads = true } = {}) {
  const started: { terminated: boolean }[] = [];
  vi.stubGlobal(
    'Worker',
    class extends EventTarget {
      terminated = false;
      constructor() {
        super();
        started.push(this);
      }
      postMessage(request: RefreshWorkerRequest): void {
        void (async () => {
          if (!loads) return this.dispatchEvent(new Event('error'));
          const [{ openStore }, { refreshFeed }] = await Promise.all([
            import('../../../src/shared/store/open'),
            import('../../../src/shared/sync/refresh'),
          ]);
          const reply: RefreshWorkerReply = { outcome: await refreshFeed(await openStore(), { wantArchive: request.archive }) };
          this.dispatchEvent(new MessageEvent('message', { data: reply }));
        })();
      }
      terminate(): void {
        this.terminated = true;
      }
    },
  );
  return started;
}
