/// <reference lib="webworker" />
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { skipCachingInDataSaver } from './data-saver';
import { savedImagesFirst } from './saved-images';
import { IMAGE_CACHE } from '../shared/cache-names';

/**
 * Article pictures are kept as they are seen, up to a bound; when storage runs
 * out the whole picture cache goes first, before any article text does.
 * Pictures of saved articles are looked up first in their own, permanent cache.
 */
export function registerImageCache(): void {
  registerRoute(
    ({ request, url }) => request.destination === 'image' && !url.pathname.startsWith('/icons/'),
    savedImagesFirst(
      new CacheFirst({
        cacheName: IMAGE_CACHE,
        plugins: [
          // Cross-origin pictures arrive opaque (status 0); they still display.
          new CacheableResponsePlugin({ statuses: [0, 200] }),
          new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: 60 * 60 * 24 * 180, purgeOnQuotaError: true }),
          skipCachingInDataSaver,
        ],
      }),
    ),
  );
}
