/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerAppShellRoute } from './app-shell';
import { registerImageCache } from './image-cache';
import { registerFeedSync } from './feed-sync';
import type { PageToWorkerMessage } from '../shared/sync/events';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerAppShellRoute();
registerImageCache();
registerFeedSync();

// Lifecycle. The first install takes the open page at once so it works offline
// from the first visit; later versions wait until the reader's «Cập nhật»
// sends SKIP_WAITING (workbox-window's messageSkipWaiting).
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as PageToWorkerMessage | undefined)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();
