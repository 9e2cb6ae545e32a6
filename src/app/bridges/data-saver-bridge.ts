import { setMeta } from '../../shared/store/meta';
import { db } from '../db';

/**
 * The service worker cannot read localStorage, so the data-saver choice is
 * mirrored into the store, where its picture cache looks before keeping a picture.
 */
export async function shareDataSaver(on: boolean): Promise<void> {
  await setMeta(await db(), 'dataSaver', on);
}
