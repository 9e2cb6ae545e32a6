/// <reference lib="webworker" />
import { createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/**
 * Every navigation inside the app gets the precached index.html, so deep
 * links (/bai/…, /tim-kiem?q=…) open offline. Feed files and other root-level
 * files are left to the network.
 */
export function registerAppShellRoute(): void {
  registerRoute(
    new NavigationRoute(createHandlerBoundToURL('index.html'), {
      denylist: [/^\/sample\//, /^\/[^/]+\.[a-z0-9]+$/i],
    }),
  );
}
