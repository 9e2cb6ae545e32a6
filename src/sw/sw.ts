/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerAppShellRoute } from './app-shell';
import { registerImageCache } from './image-cache';
import { registerFeedSync } from './feed-sync';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerAppShellRoute();
registerImageCache();
registerFeedSync();

// The first install takes the open page at once so it works offline from the
// first visit; later versions wait for the reader's «Cập nhật» (skip-waiting).
clientsClaim();
