/**
 * Lets other work run between two bounded steps of a long write: a read's
 * transaction, a frame, an input event. A refresh runs in a worker (the
 * service worker, or the page's refresh worker), but its short transactions
 * are what let the page's reads and the search worker's go between them.
 */
export const breather = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
