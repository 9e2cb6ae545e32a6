import { PERIODIC_MIN_INTERVAL_MS, PERIODIC_TAG } from '../../shared/sync/background';

interface PeriodicSyncManager {
  register(tag: string, options: { minInterval: number }): Promise<void>;
}

/**
 * Asks the browser to wake the installed app now and then to refresh. Only
 * Chromium offers it, and only to an installed app with enough engagement;
 * everywhere else this does nothing and refreshes happen when the app opens.
 */
export async function registerPeriodicRefresh(registration: ServiceWorkerRegistration): Promise<void> {
  const periodicSync = (registration as ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManager }).periodicSync;
  if (!periodicSync) return;
  try {
    const permission = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
    if (permission.state !== 'granted') return;
    await periodicSync.register(PERIODIC_TAG, { minInterval: PERIODIC_MIN_INTERVAL_MS });
  } catch {
    // Refused or unsupported: the app still refreshes whenever it is opened.
  }
}
