// @vitest-environment happy-dom
import { h } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { ReadMarkButton } from '../../../src/app/components/read-mark-button';
import { button, show, waitForText } from '../helpers/page';

describe('«Đánh dấu chưa đọc»', () => {
  it('turns into «Đánh dấu đã đọc» once the mark is written', async () => {
    const root = await show(h(ReadMarkButton, { onChange: () => Promise.resolve() }));
    button(root, 'Đánh dấu chưa đọc').click();
    await waitForText(root, 'Đánh dấu đã đọc');
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  // Before, the label changed anyway, and the article was still read on the next visit to the list.
  it('says so and keeps its label when the mark could not be written (a full phone)', async () => {
    const root = await show(h(ReadMarkButton, { onChange: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) }));
    button(root, 'Đánh dấu chưa đọc').click();
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toBe('Không đánh dấu được bài này: bộ nhớ điện thoại đã đầy.'));
    expect(root.querySelector('button')?.textContent).toBe('Đánh dấu chưa đọc');
  });
});
