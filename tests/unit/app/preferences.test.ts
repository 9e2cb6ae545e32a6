// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readPreferences, writePreferences } from '../../../src/app/state/preferences';

class MemoryStorage {
  private items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const asStorage = (s: MemoryStorage) => s as unknown as Storage;
const nav = (connection?: { saveData?: boolean; effectiveType?: string }) => ({ connection }) as unknown as Navigator;

describe('reading preferences', () => {
  it('defaults to medium text, the system theme and no data saver', () => {
    expect(readPreferences(asStorage(new MemoryStorage()), nav())).toEqual({ textSize: 1, theme: 'system', dataSaver: false });
  });

  it('turns data saver on by default for Save-Data and 2G, but never over the reader’s choice', () => {
    const empty = asStorage(new MemoryStorage());
    expect(readPreferences(empty, nav({ saveData: true })).dataSaver).toBe(true);
    expect(readPreferences(empty, nav({ effectiveType: 'slow-2g' })).dataSaver).toBe(true);
    expect(readPreferences(empty, nav({ effectiveType: '2g' })).dataSaver).toBe(true);
    expect(readPreferences(empty, nav({ effectiveType: '4g' })).dataSaver).toBe(false);

    const chosen = new MemoryStorage();
    writePreferences({ textSize: 3, theme: 'dark', dataSaver: false }, asStorage(chosen));
    expect(readPreferences(asStorage(chosen), nav({ saveData: true }))).toEqual({ textSize: 3, theme: 'dark', dataSaver: false });
  });

  it('ignores stored values it does not understand', () => {
    const storage = new MemoryStorage();
    storage.setItem('bao-preferences', JSON.stringify({ textSize: 42, theme: 'neon', dataSaver: 'yes' }));
    expect(readPreferences(asStorage(storage), nav())).toEqual({ textSize: 1, theme: 'system', dataSaver: false });
    storage.setItem('bao-preferences', '{not json');
    expect(readPreferences(asStorage(storage), nav())).toEqual({ textSize: 1, theme: 'system', dataSaver: false });
  });
});
