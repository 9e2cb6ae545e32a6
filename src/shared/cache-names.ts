/**
 * Pictures of saved articles, kept as long as the article stays saved. No
 * expiration touches this cache; the page fills and empties it, the service
 * worker reads it first.
 */
export const SAVED_IMAGE_CACHE = 'bao-saved-images';
