import { signal } from '@preact/signals';
import { Workbox } from 'workbox-window';
import { PERIODIC_MIN_INTERVAL_MS, PERIODIC_TAG } from '../../shared/sync/background';

/** A new version of the app is installed and waiting for the reader's go-ahead. */
export const updateWaiting = signal(false);

let workbox: Workbox | undefined;

/** Registers the service worker; resolves once it is registered (not yet controlling). */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => (updateWaiting.value = true));
  const registration = await workbox.register();
  if (registration) void registerPeriodicRefresh(registration);
}

/**
 * The reader agreed: let the waiting worker take over, then reload into the
 * new version once it controls the page. Articles and saved state live in
 * IndexedDB, which the update does not touch.
 */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => location.reload());
  workbox.messageSkipWaiting();
}

interface PeriodicSyncManager {
  register(tag: string, options: { minInterval: number }): Promise<void>;
}

/**
 * Asks the browser to wake the installed app now and then to refresh. Only
 * Chromium offers it, and only to an installed app with enough engagement;
 * everywhere else this does nothing and refreshes happen when the app opens.
 */
async function registerPeriodicRefresh(registration: ServiceWorkerRegistration): Promise<void> {
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
