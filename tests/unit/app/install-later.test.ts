import { describe, expect, it } from 'vitest';
import { LATER_DAYS, installOfferDue, rememberInstallLater } from '../../../src/app/state/install-later';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const values = new Map<string, string>();
  return { getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) };
}

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-25T10:00:00Z');

describe('«Để sau» on the install offer', () => {
  it('offers until the reader says later', () => {
    expect(installOfferDue(memoryStorage(), NOW)).toBe(true);
  });

  it('stays quiet for weeks after «Để sau», then offers again', () => {
    const storage = memoryStorage();
    rememberInstallLater(storage, NOW);
    expect(installOfferDue(storage, NOW + DAY)).toBe(false);
    expect(installOfferDue(storage, NOW + (LATER_DAYS - 1) * DAY)).toBe(false);
    expect(installOfferDue(storage, NOW + LATER_DAYS * DAY)).toBe(true);
    expect(LATER_DAYS).toBeGreaterThanOrEqual(14);
  });

  it('offers again when the remembered date is garbage or in the future (a clock set wrong)', () => {
    const storage = memoryStorage();
    storage.setItem('bao-install-later', 'not a date');
    expect(installOfferDue(storage, NOW)).toBe(true);
    rememberInstallLater(storage, NOW + 100 * DAY);
    expect(installOfferDue(storage, NOW)).toBe(true);
  });
});
