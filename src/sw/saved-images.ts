/// <reference lib="webworker" />
import type { RouteHandlerCallback, RouteHandlerCallbackOptions } from 'workbox-core/types.js';
import { SAVED_IMAGE_CACHE } from '../shared/cache-names';

/**
 * Pictures of saved articles come from their own cache first, which no
 * expiration or quota purge touches; anything else goes on to `fallback`.
 */
export function savedImagesFirst(fallback: { handle(options: RouteHandlerCallbackOptions): Promise<Response> }): RouteHandlerCallback {
  return async (options) => {
    const request = options.request instanceof Request ? options.request : new Request(options.request);
    const saved = await (await caches.open(SAVED_IMAGE_CACHE)).match(request);
    return saved ?? fallback.handle(options);
  };
}
