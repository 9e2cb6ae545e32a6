import { expect, onTestFinished, vi } from 'vitest';
import { listenArticlesChanged } from '../../../src/shared/store/changes';

export interface Announced {
  changed: string[];
  removed: string[];
}

/**
 * Call inside a test: everything announced on the articles channel until the
 * test ends, merged into the ids announced as changed and as removed, in order.
 */
export function recordAnnouncements(): Announced {
  const seen: Announced = { changed: [], removed: [] };
  const stop = listenArticlesChanged((change) => {
    seen.changed.push(...change.changed);
    seen.removed.push(...change.removed);
  });
  onTestFinished(stop);
  return seen;
}

/** Waits until the channel has delivered what the test expects (delivery is asynchronous). */
export async function expectAnnounced(seen: Announced, expected: Partial<Announced>): Promise<void> {
  await vi.waitFor(() => {
    if (expected.changed) expect(seen.changed).toEqual(expected.changed);
    if (expected.removed) expect(seen.removed).toEqual(expected.removed);
  });
}
