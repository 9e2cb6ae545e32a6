import { describe, expect, it } from 'vitest';
import { isMetered, refreshBudget } from '../../../src/shared/sync/budget';

describe('refreshBudget', () => {
  it('follows the archive freely on Wi-Fi or Ethernet', () => {
    for (const type of ['wifi', 'ethernet']) expect(refreshBudget({ type }, false)).toMatchObject({ followArchive: true, bytes: 16 * 1024 * 1024 });
  });

  it('on a metered line (cellular, Save-Data, 2G) follows no older pages unless the reader asks', () => {
    for (const connection of [{ type: 'cellular' }, { saveData: true }, { effectiveType: '2g' }, { effectiveType: 'slow-2g' }]) {
      expect(isMetered(connection), JSON.stringify(connection)).toBe(true);
      expect(refreshBudget(connection, false).followArchive).toBe(false);
      expect(refreshBudget(connection, true).followArchive).toBe(true);
    }
    // Asked for, still within a smaller allowance than where the line is unknown.
    expect(refreshBudget({ type: 'cellular' }, true).bytes).toBeLessThan(refreshBudget(undefined, true).bytes);
  });

  it('where the browser does not say, follows the archive within a moderate budget', () => {
    expect(isMetered(undefined)).toBe(false);
    expect(isMetered({ effectiveType: '4g' })).toBe(false);
    const unknown = refreshBudget(undefined, false);
    expect(unknown.followArchive).toBe(true);
    expect(unknown.bytes).toBeLessThan(refreshBudget({ type: 'wifi' }, false).bytes);
  });
});
