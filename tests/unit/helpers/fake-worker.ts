import type { SearchWorkerMessage } from '../../../src/shared/search/protocol';

/** A stand-in for the search worker: records what the page posts, answers or fails on demand. */
export class FakeWorker extends EventTarget {
  static started: FakeWorker[] = [];
  readonly posted: unknown[] = [];
  terminated = false;

  constructor(readonly url: string | URL) {
    super();
    FakeWorker.started.push(this);
  }

  postMessage(message: unknown): void {
    this.posted.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The id of the last query posted. */
  lastQueryId(): number {
    return (this.posted.at(-1) as { id: number }).id;
  }

  reply(message: SearchWorkerMessage): void {
    this.dispatchEvent(new MessageEvent('message', { data: message }));
  }

  /** What the browser fires when the script does not load or the worker throws. */
  fail(): void {
    this.dispatchEvent(new Event('error'));
  }
}

export function resultsFor(id: number, query: string, titles: string[]) {
  return {
    id,
    type: 'results' as const,
    query,
    total: titles.length,
    indexed: titles.length,
    tookMs: 1,
    rankMs: 1,
    more: false,
    rows: titles.map((title, i) => ({
      id: `bai-${i}`,
      title,
      published: Date.parse('2023-02-06T08:00:00+07:00'),
      titleHighlights: [],
      snippet: { text: `Đoạn trích ${i}`, highlights: [] },
    })),
    looseRows: [],
    looseTotal: 0,
  };
}
