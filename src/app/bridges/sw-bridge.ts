import { signal } from '@preact/signals';
import { Workbox } from 'workbox-window';
import { registerPeriodicRefresh } from './periodic-sync';

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

