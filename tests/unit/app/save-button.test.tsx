// @vitest-environment happy-dom
import { h } from 'preact';
import { describe, expect, it } from 'vitest';
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

  it('goes back to «Lưu bài» and says so when the write fails, as on a full phone', async () => {
    const root = await show(
      h(SaveButton, { initiallySaved: false, onChange: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) }),
    );
    button(root, 'Lưu bài').click();
    await waitForText(root, 'Không lưu được bài này');
    expect(root.querySelector('button')?.textContent).toBe('Lưu bài');
    expect(root.querySelector('button')?.getAttribute('aria-pressed')).toBe('false');
  });
});
