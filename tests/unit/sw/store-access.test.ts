// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setMeta } from '../../../src/shared/store/meta';
import { openStore } from '../../../src/shared/store/open';

/** Fresh worker modules (the connection is module state) over an empty store. */
async function freshWorker() {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  return { db: await openStore() };
}

/** A database a newer app version has upgraded past this worker's schema: every open fails. */
async function newerDatabase(): Promise<IDBFactory> {
  const factory = new IDBFactory();
  await new Promise<void>((resolve) => {
    const request = factory.open('bao-offline', 1_000);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
  });
  return factory;
}

const picture = 'https://example.org/img/cau.webp';

/** What the picture cache's data-saver plugin lets through to the cache. */
async function keptByCache(plugin: WorkboxPlugin, response: Response): Promise<Response | null | undefined | void> {
  return plugin.cacheWillUpdate?.({ request: new Request(picture), response, event: new Event('fetch') as ExtendableEvent, state: {} });
}

beforeEach(() => vi.unstubAllGlobals());

describe('data saver in the service worker (sw/data-saver)', () => {
  it('keeps a picture it fetched, unless the reader turned data saver on', async () => {
    const { db } = await freshWorker();
    const { skipCachingInDataSaver } = await import('../../../src/sw/data-saver');
    const response = new Response('webp');
    await expect(keptByCache(skipCachingInDataSaver, response)).resolves.toBe(response);
    await setMeta(db, 'dataSaver', true);
    await expect(keptByCache(skipCachingInDataSaver, response)).resolves.toBeNull();
    await setMeta(db, 'dataSaver', false);
    await expect(keptByCache(skipCachingInDataSaver, response)).resolves.toBe(response);
  });

  it('keeps the picture when the store cannot be read: the setting is unknown, the picture is not lost', async () => {
    await freshWorker();
    vi.stubGlobal('indexedDB', await newerDatabase());
    const { skipCachingInDataSaver } = await import('../../../src/sw/data-saver');
    const response = new Response('webp');
    await expect(keptByCache(skipCachingInDataSaver, response)).resolves.toBe(response);
  });
});

describe('the worker’s database connection (sw/db)', () => {
  it('is one connection, opened again after an open that failed', async () => {
    await freshWorker();
    const working = globalThis.indexedDB;
    const { db } = await import('../../../src/sw/db');
    vi.stubGlobal('indexedDB', await newerDatabase());
    await expect(db()).rejects.toMatchObject({ name: 'VersionError' });
    vi.stubGlobal('indexedDB', working);
    const first = await db();
    expect(await db()).toBe(first);
    expect(first.objectStoreNames.contains('articles')).toBe(true);
  });
});
