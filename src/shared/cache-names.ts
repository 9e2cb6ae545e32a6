/** The service worker's picture cache, bounded and expiring; the page reaches it through the same Cache API. */
export const IMAGE_CACHE = 'bao-images';

/**
 * Pictures of saved articles, kept as long as the article stays saved. No
 * expiration touches this cache; the page fills and empties it, the service
 * worker reads it first.
 */
export const SAVED_IMAGE_CACHE = 'bao-saved-images';

/** The start of a feed page whose download a failed refresh left cut, for the next refresh to resume (one page). */
export const PARTIAL_PAGE_CACHE = 'bao-partial-page';
