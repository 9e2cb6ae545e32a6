/**
 * «Để sau» on the install offer is remembered on the phone for weeks, not for
 * the tab: asking on every visit would turn an offer into nagging.
 */
const KEY = 'bao-install-later';
export const LATER_DAYS = 30;
const DAY_MS = 86_400_000;

/** True unless the reader said «Để sau» less than LATER_DAYS ago. */
export function installOfferDue(storage: Pick<Storage, 'getItem'>, now: number): boolean {
  let saidAt: number;
  try {
    saidAt = Date.parse(storage.getItem(KEY) ?? '');
  } catch {
    return true;
  }
  if (Number.isNaN(saidAt) || saidAt > now) return true;
  return now - saidAt >= LATER_DAYS * DAY_MS;
}

export function rememberInstallLater(storage: Pick<Storage, 'setItem'>, now: number): void {
  try {
    storage.setItem(KEY, new Date(now).toISOString());
  } catch {
    // Storage full or blocked: the offer comes back next time, which is harmless.
  }
}
