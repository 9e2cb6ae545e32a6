import { SAVED_IMAGE_CACHE } from '../../shared/cache-names';

const hasCaches = () => typeof caches !== 'undefined';

/** Answers that say a picture is not there and will not be: Not Found, Gone. */
const GONE = new Set([404, 410]);

/**
 * Copies the pictures into the saved cache: from any cache that already has
 * them (no new download), else from the network when `download` allows.
 */
export async function keepImages(urls: readonly string[], download: boolean): Promise<void> {
  if (!hasCaches()) return;
  const saved = await caches.open(SAVED_IMAGE_CACHE);
  await Promise.all(
    urls.map(async (url) => {
      if (await saved.match(url)) return;
      const response =
        (await caches.match(url)) ??
        (download ? await fetch(url, { mode: 'no-cors', referrerPolicy: 'no-referrer' }).catch(() => undefined) : undefined);
      // Cross-origin pictures arrive opaque (status 0); they still display. A picture the site has taken down
      // is kept as its answer too, so that neither this catch-up nor the article asks for it at every opening.
      if (response && (response.ok || response.type === 'opaque' || GONE.has(response.status))) await saved.put(url, response).catch(() => undefined);
    }),
  );
}

/** Drops the pictures no other saved article still shows. */
export async function releaseImages(urls: readonly string[], stillNeeded: ReadonlySet<string>): Promise<void> {
  if (!hasCaches()) return;
  const saved = await caches.open(SAVED_IMAGE_CACHE);
  await Promise.all(urls.filter((url) => !stillNeeded.has(url)).map((url) => saved.delete(url)));
}
