import { IMAGE_CACHE } from '../../shared/cache-names';

/**
 * A list card's picture when the feed gives only the article's own picture
 * (`image`, `banner_image`), with no thumbnail: it may be a site's web-sized
 * photo of 60–200 KB or a camera original of 5 MB, shown 96 px wide either
 * way. It is downloaded here, not by an <img>, so that one over the cap is
 * stopped at its Content-Length (or as its bytes pass the cap) and left for
 * the reader to ask for.
 */
export const LIST_PICTURE_CAP = 200 * 1024;

export type ListPictureState =
  /** Not near the screen yet, or on its way. */
  | { kind: 'waiting' }
  /** What the <img> shows: the picture's own address (answered from the cache) or the bytes downloaded here. */
  | { kind: 'shown'; src: string }
  /** Over the cap: `bytes` when the host said how many. */
  | { kind: 'offered'; bytes?: number; overCap?: boolean }
  | { kind: 'failed' };

/** Reads `response` into a blob, or stops it once more than `cap` bytes came. */
async function readCapped(response: Response, cap: number): Promise<Blob | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return response.blob();
  const chunks: BlobPart[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > cap) {
      await reader.cancel();
      return undefined;
    }
    // A fetch body's chunks are never over shared memory.
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  return new Blob(chunks, { type: response.headers.get('content-type') ?? '' });
}

/** Pictures left out, by URL: back on the list from an article, their cards do not ask the host again. */
const offered = new Map<string, ListPictureState>();

export async function loadListPicture(url: string, signal: AbortSignal): Promise<ListPictureState> {
  const state = offered.get(url) ?? (await download(url, signal));
  if (state.kind === 'offered') offered.set(url, state);
  return state;
}

async function download(url: string, signal: AbortSignal): Promise<ListPictureState> {
  // Kept already (seen before, an article saved): the service worker answers the <img> from its caches.
  if (typeof caches !== 'undefined' && (await caches.match(url).catch(() => undefined))) return { kind: 'shown', src: url };
  let response: Response;
  try {
    response = await fetch(url, { mode: 'cors', credentials: 'omit', referrerPolicy: 'no-referrer', signal });
  } catch {
    // Another site's picture that does not let its size be read (no CORS): an <img> draws it as before, uncapped.
    // Most such hosts are a paper's CDN of web-sized photos; a list of «Tải ảnh» buttons would cost every reader
    // their pictures to spare a few a camera original.
    const foreign = new URL(url, location.href).origin !== location.origin;
    return foreign && navigator.onLine && !signal.aborted ? { kind: 'shown', src: url } : { kind: 'failed' };
  }
  if (!response.ok) {
    void response.body?.cancel();
    return { kind: 'failed' };
  }
  const length = Number(response.headers.get('content-length'));
  if (length > LIST_PICTURE_CAP) {
    void response.body?.cancel();
    return { kind: 'offered', bytes: length };
  }
  const blob = await readCapped(response, LIST_PICTURE_CAP).catch(() => null);
  if (blob === null) return { kind: 'failed' };
  if (!blob) return { kind: 'offered', overCap: true };
  // Into the service worker's picture cache, as an <img> of it would have been: the list offline and the
  // article's picture then cost nothing more. Under the worker, the <img> asks for it there, which also
  // has it counted by the cache's expiration.
  const kept =
    typeof caches !== 'undefined' &&
    (await caches
      .open(IMAGE_CACHE)
      .then((cache) => cache.put(url, new Response(blob, { headers: { 'content-type': blob.type } })))
      .then(() => true)
      .catch(() => false));
  if (kept && navigator.serviceWorker?.controller) return { kind: 'shown', src: url };
  return { kind: 'shown', src: URL.createObjectURL(blob) };
}

