// @vitest-environment happy-dom
import { h } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { SaveButton } from '../../../src/app/components/save-button';
import { button, show, waitForText } from '../helpers/page';

describe('«Lưu bài»', () => {
  it('answers at once, and reads «Đã lưu» only once the copy is kept', async () => {
    let keep = () => {};
    const root = await show(h(SaveButton, { initiallySaved: false, onChange: () => new Promise<void>((resolve) => (keep = resolve)) }));
    button(root, 'Lưu bài').click();
    await waitForText(root, 'Đã lưu');
    expect(root.querySelector('button')?.getAttribute('aria-busy')).toBe('true');
    keep();
    await expect.poll(() => root.querySelector('button')?.getAttribute('aria-busy')).toBe('false');
    expect(root.querySelector('button')?.getAttribute('aria-pressed')).toBe('true');
  });

  /** «Lưu bài» whose write fails with `error`, pressed once; the screen once it has given up. */
  async function pressFailing(error: Error, initiallySaved = false) {
    const root = await show(h(SaveButton, { initiallySaved, onChange: () => Promise.reject(error) }));
    root.querySelector('button')!.click();
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')).not.toBeNull());
    return { root, alert: root.querySelector('[role="alert"]')!.textContent };
  }

  // Chromium says a full storage in both forms: the quota, and the backing store's internal error on a full disk.
  it.each([
    ['over the quota', new DOMException('full', 'QuotaExceededError')],
    ['on a full disk', new DOMException('Internal error committing transaction.', 'UnknownError')],
  ])('goes back to «Lưu bài» and blames full storage when the write fails %s', async (_, error) => {
    const { root, alert } = await pressFailing(error);
    expect(alert).toBe('Không lưu được bài này: bộ nhớ điện thoại đã đầy. Có thể xoá ảnh đã lưu tạm trong «Cài đặt» › «Bộ nhớ».');
    expect(root.querySelector('button')?.textContent).toBe('Lưu bài');
    expect(root.querySelector('button')?.getAttribute('aria-pressed')).toBe('false');
  });

  it('says the write failed, not that storage is full, when the database fails otherwise', async () => {
    const { root, alert } = await pressFailing(new DOMException('The database connection is closing.', 'InvalidStateError'));
    expect(alert).toBe('Không lưu được bài này do máy gặp lỗi khi ghi. Hãy thử lại.');
    expect(alert).not.toContain('bộ nhớ');
    expect(root.querySelector('button')?.textContent).toBe('Lưu bài');
  });

  it('stays «Đã lưu» and says so when taking the article back fails', async () => {
    const { root, alert } = await pressFailing(new DOMException('The database connection is closing.', 'InvalidStateError'), true);
    expect(alert).toBe('Không bỏ lưu được bài này do máy gặp lỗi khi ghi. Hãy thử lại.');
    expect(root.querySelector('button')?.textContent).toBe('Đã lưu');
    expect(root.querySelector('button')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('clears the message when the next press succeeds', async () => {
    let fail = true;
    const root = await show(
      h(SaveButton, { initiallySaved: false, onChange: () => (fail ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : Promise.resolve()) }),
    );
    button(root, 'Lưu bài').click();
    await waitForText(root, 'bộ nhớ điện thoại đã đầy');
    fail = false;
    button(root, 'Lưu bài').click();
    await expect.poll(() => root.querySelector('button')?.getAttribute('aria-busy')).toBe('false');
    expect(root.querySelector('button')?.textContent).toBe('Đã lưu');
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });
});
