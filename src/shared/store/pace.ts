/**
 * Lets other work run between two bounded steps of a long write: a read's
 * transaction, a frame, an input event. When a page (not the service worker)
 * runs a refresh, this is what keeps each of its tasks short.
 */
export const breather = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
