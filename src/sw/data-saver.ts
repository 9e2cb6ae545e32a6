/// <reference lib="webworker" />
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { getMeta } from '../shared/store/meta';
import { db } from './db';

async function dataSaverOn(): Promise<boolean> {
  try {
    return (await getMeta(await db(), 'dataSaver')) === true;
  } catch {
    return false;
  }
}

/**
 * Data saver (chosen on the page, mirrored into the store): a picture the
 * reader tapped is shown but not kept, so the cache never grows on its own.
 */
export const skipCachingInDataSaver: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => ((await dataSaverOn()) ? null : response),
};
