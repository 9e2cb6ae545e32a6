// @vitest-environment happy-dom
import { h } from 'preact';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { article, freshPage, show, textsOf, waitForText } from '../helpers/page';

async function openSaved() {
  const { default: SavedPage } = await import('../../../src/app/routes/saved');
  return show(h(SavedPage, null));
}

describe('the saved list (routes/saved)', () => {
  it('says how to save an article when none is saved', async () => {
    await freshPage('/da-luu');
    const root = await openSaved();
    await waitForText(root, 'Chưa lưu bài nào.');
    expect(root.querySelector('.card')).toBeNull();
  });

  it('lists the saved versions, the most recently saved first, marking those read', async () => {
    const page = await freshPage('/da-luu');
    await page.refresh([article('a', 'Lúa mùa được giá'), article('b', 'Đường sắt Bắc Nam'), article('c', 'Không lưu bài này')]);
    const [{ openArticle }, { saveArticle }] = await Promise.all([
      import('../../../src/app/actions/open-article'),
      import('../../../src/app/actions/saved'),
    ]);
    // Saved a minute apart.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2024-03-01T09:00:00+07:00') });
    onTestFinished(() => void vi.useRealTimers());
    const { article: a } = await openArticle('a', 0);
    await saveArticle(a!, true);
    vi.setSystemTime(Date.parse('2024-03-01T09:01:00+07:00'));
    const { article: b } = await openArticle('b', 0);
    await saveArticle(b!, true);
    const { setReadMark } = await import('../../../src/app/actions/read-mark');
    await setReadMark('b', false);
    // A refresh rewrites a saved article: the list keeps the version the reader saved.
    await page.refresh([article('a', 'Lúa mùa mất giá', { modified: Date.now() })]);

    const root = await openSaved();
    await waitForText(root, 'Lúa mùa được giá');
    expect(textsOf(root, '.card-title')).toEqual(['Đường sắt Bắc Nam', 'Lúa mùa được giá']);
    expect(textsOf(root, '.card-read .card-title')).toEqual(['Lúa mùa được giá']);
  });
});
