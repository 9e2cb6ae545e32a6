// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { RouteHandlerCallback, RouteMatchCallback } from 'workbox-core/types.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setMeta } from '../../../src/shared/store/meta';
import { openStore } from '../../../src/shared/store/open';
import { FakeCacheStorage } from '../helpers/fake-caches';

/** What workbox checks its events against; the browser's has `waitUntil`. */
class FakeExtendableEvent extends Event {
  readonly waits: Promise<unknown>[] = [];
  waitUntil(promise: Promise<unknown>): void {
    this.waits.push(promise);
  }
}

const registered: Array<{ match: RouteMatchCallback; handler: RouteHandlerCallback }> = [];
vi.mock('workbox-routing', () => ({
  registerRoute: (match: RouteMatchCallback, handler: RouteHandlerCallback) => registered.push({ match, handler }),
}));

/** The picture route as registered, over an empty store and empty caches, with `network` as the network. */
async function pictureRoute(network: (url: string) => Response) {
  vi.resetModules();
  registered.length = 0;
  globalThis.indexedDB = new IDBFactory();
  const caches = new FakeCacheStorage();
  vi.stubGlobal('caches', caches);
  vi.stubGlobal('ExtendableEvent', FakeExtendableEvent);
  vi.stubGlobal('__WB_DISABLE_DEV_LOGS', true);
  const fetched: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input);
    fetched.push(url);
    return network(url);
  });
  const db = await openStore();
  const { registerImageCache } = await import('../../../src/sw/image-cache');
  registerImageCache();
  const [route] = registered;
  const asImage = (url: string) => {
    const request = new Request(url);
    Object.defineProperty(request, 'destination', { value: 'image' });
    return request;
  };
  const matches = (url: string, destination = 'image') => {
    const request = new Request(url);
    Object.defineProperty(request, 'destination', { value: destination });
    return Boolean(route!.match({ request, url: new URL(url), sameOrigin: false, event: new Event('fetch') as ExtendableEvent }));
  };
  /** The picture as the page gets it, once the worker has done what it waits for (writing the cache). */
  const show = async (url: string) => {
    const event = new FakeExtendableEvent('fetch');
    const response = await route!.handler({ request: asImage(url), url: new URL(url), event: event as unknown as ExtendableEvent });
    await Promise.all(event.waits);
    return response;
  };
  return { caches, db, fetched, matches, show };
}

const picture = 'https://example.org/img/cau.webp';

beforeEach(() => vi.unstubAllGlobals());

describe('the picture cache (sw/image-cache)', () => {
  it('handles article pictures, not the app’s icons or other requests', async () => {
    const { matches } = await pictureRoute(() => new Response('webp'));
    expect(matches(picture)).toBe(true);
    expect(matches(`${location.origin}/icons/icon-192.png`)).toBe(false);
    expect(matches(`${location.origin}/sample/feed.json`, '')).toBe(false);
  });

  it('downloads a picture once, then shows it from the cache', async () => {
    const { show, fetched, caches } = await pictureRoute(() => new Response('webp'));
    await expect((await show(picture)).text()).resolves.toBe('webp');
    await expect((await show(picture)).text()).resolves.toBe('webp');
    expect(fetched).toEqual([picture]);
    expect(caches.urls('bao-images')).toEqual([picture]);
  });

  it('with data saver on, shows a picture the reader asked for without keeping it', async () => {
    const { show, fetched, caches, db } = await pictureRoute(() => new Response('webp'));
    await setMeta(db, 'dataSaver', true);
    await expect((await show(picture)).text()).resolves.toBe('webp');
    await show(picture);
    expect(fetched).toEqual([picture, picture]);
    expect(caches.urls('bao-images')).toEqual([]);
  });

  it('shows a saved article’s picture from the saved cache, without the network', async () => {
    const { show, fetched, caches } = await pictureRoute(() => Response.error());
    await (await caches.open('bao-saved-images')).put(picture, new Response('saved webp'));
    await expect((await show(picture)).text()).resolves.toBe('saved webp');
    expect(fetched).toEqual([]);
  });

  it('does not keep an error page in place of a picture', async () => {
    const { show, caches } = await pictureRoute(() => new Response('không có', { status: 404 }));
    expect((await show(picture)).status).toBe(404);
    expect(caches.urls('bao-images')).toEqual([]);
  });
});
