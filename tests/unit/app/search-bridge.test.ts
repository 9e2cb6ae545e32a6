// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWorker, resultsFor } from '../helpers/fake-worker';

/** A fresh bridge (it keeps its worker in module state) over a fake worker. */
async function freshBridge() {
  vi.resetModules();
  return import('../../../src/app/bridges/search-bridge');
}

beforeEach(() => {
  FakeWorker.started = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

describe('the search bridge', () => {
  it('answers each query with the worker’s results', async () => {
    const { search } = await freshBridge();
    const asked = search('dan van');
    const worker = FakeWorker.started[0]!;
    expect(worker.posted).toEqual([{ id: worker.lastQueryId(), type: 'search', query: 'dan van', limit: 30 }]);
    worker.reply(resultsFor(worker.lastQueryId(), 'dan van', ['Dân vận khéo']));
    expect((await asked).rows.map((r) => r.title)).toEqual(['Dân vận khéo']);
  });

  it('fails the waiting query when the worker cannot load, and starts a new worker for the next', async () => {
    const { search } = await freshBridge();
    const asked = search('dan');
    FakeWorker.started[0]!.fail();
    await expect(asked).rejects.toThrow();
    expect(FakeWorker.started[0]!.terminated).toBe(true);

    const again = search('dan');
    expect(FakeWorker.started).toHaveLength(2);
    const worker = FakeWorker.started[1]!;
    worker.reply(resultsFor(worker.lastQueryId(), 'dan', ['Dân vận khéo']));
    expect((await again).total).toBe(1);
  });

  it('drops a query the reader has typed past, and ignores its late answer', async () => {
    const { search } = await freshBridge();
    const older = search('da');
    const worker = FakeWorker.started[0]!;
    const olderId = worker.lastQueryId();
    const newer = search('dan');
    await expect(older).rejects.toMatchObject({ name: 'AbortError' });
    worker.reply(resultsFor(olderId, 'da', ['Đà Lạt']));
    worker.reply(resultsFor(worker.lastQueryId(), 'dan', ['Dân vận khéo']));
    expect((await newer).query).toBe('dan');
  });

  it('asks one query at a time: what the reader types meanwhile goes next, as one query, the newest', async () => {
    const { search } = await freshBridge();
    const first = search('d');
    const worker = FakeWorker.started[0]!;
    const skipped = search('da');
    const newest = search('dan');
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await expect(skipped).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.posted.map((m) => (m as { query: string }).query)).toEqual(['d']);
    worker.reply(resultsFor(worker.lastQueryId(), 'd', ['Đà Lạt']));
    expect(worker.posted.map((m) => (m as { query: string }).query)).toEqual(['d', 'dan']);
    worker.reply(resultsFor(worker.lastQueryId(), 'dan', ['Dân vận khéo']));
    expect((await newest).query).toBe('dan');
    // Free again: the next query goes at once.
    void search('dang').catch(() => undefined);
    expect(worker.posted).toHaveLength(3);
  });

  it('never sends the query waiting when the reader clears the field', async () => {
    const { search, stopSearching } = await freshBridge();
    void search('d').catch(() => undefined);
    const worker = FakeWorker.started[0]!;
    void search('da').catch(() => undefined);
    stopSearching();
    worker.reply(resultsFor(worker.lastQueryId(), 'd', ['Đà Lạt']));
    expect(worker.posted.map((m) => (m as { query: string }).query)).toEqual(['d']);
  });

  it('asks again after the worker failed a query', async () => {
    const { search } = await freshBridge();
    const asked = search('dan');
    const worker = FakeWorker.started[0]!;
    worker.reply({ id: worker.lastQueryId(), type: 'error', message: 'index unreadable' });
    await expect(asked).rejects.toThrow();
    void search('dang').catch(() => undefined);
    expect(worker.posted).toHaveLength(2);
  });

  it('passes on the worker’s own error for a query', async () => {
    const { search } = await freshBridge();
    const asked = search('dan');
    const worker = FakeWorker.started[0]!;
    worker.reply({ id: worker.lastQueryId(), type: 'error', message: 'index unreadable' });
    await expect(asked).rejects.toThrow('index unreadable');
  });
});
