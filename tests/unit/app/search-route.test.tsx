// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWorker, resultsFor } from '../helpers/fake-worker';

let root: HTMLElement;

/** The search screen at `/tim-kiem?q=…`, with a fresh bridge over a fake worker. */
async function openSearch(q: string) {
  vi.resetModules();
  history.replaceState(null, '', `/tim-kiem?q=${encodeURIComponent(q)}`);
  const { default: SearchPage } = await import('../../../src/app/routes/search');
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(h(LocationProvider, null, h(SearchPage, null)), root));
}

/** Does `action` and lets the answers it sets off reach the screen. */
async function settle(action: () => void) {
  await act(async () => {
    action();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

const status = () => root.querySelector('[role="status"]')?.textContent ?? '';

beforeEach(() => {
  FakeWorker.started = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

describe('the search screen', () => {
  it('asks the worker as soon as the query changes, with no pause after the keystroke', async () => {
    await openSearch('dan van kheo');
    const worker = FakeWorker.started[0]!;
    expect(worker.posted).toEqual([expect.objectContaining({ type: 'search', query: 'dan van kheo' })]);
    await settle(() => worker.reply(resultsFor(worker.lastQueryId(), 'dan van kheo', ['Dân vận khéo ở Sơn La'])));
    expect(status()).toBe('Tìm thấy 1 bài cho “dan van kheo”');
  });

  // Before, each was asked and answered «Không tìm thấy… Thử kiểm tra chính tả».
  it('asks nothing of a query with no letter or digit, and says what to type instead', async () => {
    for (const query of ['?!.,;:()…—', '🔥🇻🇳😀', '\u200b\u200d']) {
      await openSearch(query);
      expect(FakeWorker.started.flatMap((w) => w.posted).filter((m) => (m as { type?: string }).type === 'search')).toEqual([]);
      expect(root.querySelector('.notice')?.textContent).toBe(
        'Ô tìm kiếm chưa có chữ nào, chỉ có dấu hoặc ký hiệu. Gõ vài chữ bạn nhớ trong bài vào ô tìm kiếm ở trên, có dấu hay không dấu đều được. Ví dụ: «dan van kheo».',
      );
      expect(root.textContent).not.toContain('Không tìm thấy');
      render(null, root);
      root.remove();
    }
  });

  it('shows what the worker found', async () => {
    await openSearch('dan van kheo');
    expect(status()).toBe('Đang tìm…');
    const worker = FakeWorker.started[0]!;
    await settle(() => worker.reply(resultsFor(worker.lastQueryId(), 'dan van kheo', ['Dân vận khéo ở Sơn La'])));
    expect(status()).toBe('Tìm thấy 1 bài cho “dan van kheo”');
    expect(root.querySelector('.search-results a')?.getAttribute('href')).toBe('/bai/bai-0');
  });

  it('shows the first screen’s rows at once and adds the others when they come', async () => {
    await openSearch('hoi an');
    const worker = FakeWorker.started[0]!;
    const id = worker.lastQueryId();
    const all = resultsFor(id, 'hoi an', Array.from({ length: 12 }, (_, i) => `Hội An ${i}`));
    await settle(() => worker.reply({ ...all, rows: all.rows.slice(0, 8), more: true }));
    const titles = () => [...root.querySelectorAll('.search-results .card-title')].map((e) => e.textContent);
    expect(titles()).toEqual(all.rows.slice(0, 8).map((r) => r.title));
    expect(status()).toBe('Tìm thấy 12 bài cho “hoi an”');
    await settle(() => worker.reply({ id, type: 'more', rows: all.rows.slice(8), looseRows: [] }));
    expect(titles()).toEqual(all.rows.map((r) => r.title));
  });

  it('quotes a pasted page by the words searched, not whole', async () => {
    const page = Array.from({ length: 300 }, (_, i) => `chữ${i}`).join(' ');
    await openSearch(page);
    const worker = FakeWorker.started[0]!;
    await settle(() => worker.reply(resultsFor(worker.lastQueryId(), page, ['Bài có đủ tám chữ đầu'])));
    expect(status()).toBe('Tìm thấy 1 bài cho “chữ0 chữ1 chữ2 chữ3 chữ4 chữ5 chữ6 chữ7…”');
    await openSearch(`${'a'.repeat(500)} b`);
    const again = FakeWorker.started.at(-1)!;
    await settle(() => again.reply({ ...resultsFor(again.lastQueryId(), `${'a'.repeat(500)} b`, []), total: 0 }));
    expect(root.querySelector('.no-results strong')?.textContent).toBe(`Không tìm thấy kết quả cho “${'a'.repeat(60)}…”`);
  });

  it('says it could not search, rather than «Đang tìm…» for ever, when the worker fails to load', async () => {
    await openSearch('dan');
    await settle(() => FakeWorker.started[0]!.fail());
    expect(status()).toBe('Không tìm được lúc này. Hãy thử lại.');
  });

  it('says so when the worker answers with an error', async () => {
    await openSearch('dan');
    const worker = FakeWorker.started[0]!;
    await settle(() => worker.reply({ id: worker.lastQueryId(), type: 'error', message: 'broken' }));
    expect(status()).toBe('Không tìm được lúc này. Hãy thử lại.');
  });

  it('shows nothing from a query the reader cleared before its answer came', async () => {
    await openSearch('dan');
    const worker = FakeWorker.started[0]!;
    const id = worker.lastQueryId();
    await act(() => history.replaceState(null, '', '/tim-kiem?q='));
    await act(() => {
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await settle(() => worker.reply(resultsFor(id, 'dan', ['Dân vận khéo'])));
    expect(root.querySelector('.search-results')).toBeNull();
    expect(status()).toBe('');
  });
  it('sets looser matches apart, and counts only the articles holding every word', async () => {
    await openSearch('má kể');
    const worker = FakeWorker.started[0]!;
    const loose = resultsFor(0, 'má kể', ['Chuyện mà bà kể']).rows.map((row) => ({ ...row, id: 'loose-0' }));
    await settle(() => worker.reply({ ...resultsFor(worker.lastQueryId(), 'má kể', ['Chuyện má kể']), looseRows: loose, looseTotal: 1 }));
    expect(root.querySelector('.search-count')?.textContent).toBe('Tìm thấy 1 bài cho “má kể”');
    expect([...root.querySelectorAll('.search-results .card-title')].map((e) => e.textContent)).toEqual(['Chuyện má kể']);
    expect(root.querySelector('#loose-title')?.textContent).toBe('Kết quả gần đúng');
    expect([...root.querySelectorAll('.loose-list .card-title')].map((e) => e.textContent)).toEqual(['Chuyện mà bà kể']);
  });

  it('says the index is still being built while the worker builds it', async () => {
    await openSearch('dan van');
    const worker = FakeWorker.started[0]!;
    await settle(() => worker.reply({ type: 'ready', articles: 400, total: 5000, source: 'building', ms: 900 }));
    expect(root.textContent).toContain('Kết quả dưới đây mới chỉ tìm trong 400 trên 5.000 bài đã lưu');
    await settle(() => worker.reply({ type: 'ready', articles: 5000, source: 'rebuilt', ms: 4000 }));
    expect(root.textContent).not.toContain('Đang chuẩn bị tìm kiếm');
  });

  it('never says fewer articles were searched than the answer on screen came from, and counts the Vietnamese way', async () => {
    await openSearch('tong hop');
    const worker = FakeWorker.started[0]!;
    const first = worker.lastQueryId();
    await settle(() => worker.reply({ type: 'ready', articles: 200, total: 5000, source: 'building', ms: 900 }));
    // The page asks again at each word of progress, once the worker has answered the query it had.
    await settle(() => worker.reply(resultsFor(first, 'tong hop', ['Tổng hợp'])));
    expect(worker.lastQueryId()).not.toBe(first);
    // Progress is told every few seconds; this answer came once 1,800 articles were indexed.
    const titles = Array.from({ length: 1234 }, (_, i) => `Tổng hợp ${i}`);
    await settle(() => worker.reply({ ...resultsFor(worker.lastQueryId(), 'tong hop', titles), indexed: 1800 }));
    expect(root.textContent).toContain('Kết quả dưới đây mới chỉ tìm trong 1.800 trên 5.000 bài đã lưu');
    expect(root.querySelector('.search-count')?.textContent).toBe('Tìm thấy 1.234 bài cho “tong hop”');
  });
});
