import { defaultFeedUrl } from '../../shared/config';
import { deleteMeta, getMeta, setMeta } from '../../shared/store/meta';
import { applyPreferences, preferences, writePreferences, type Preferences } from '../state/preferences';
import { db } from './db';

/**
 * The service worker cannot read localStorage, so the data-saver choice is
 * mirrored into the store, where its picture cache looks before keeping a picture.
 */
export async function shareDataSaver(on: boolean): Promise<void> {
  const database = await db();
  // Every page load shares it: written only when it changed, since on a full disk even the same value fails to write.
  if ((await getMeta(database, 'dataSaver')) !== on) await setMeta(database, 'dataSaver', on);
}

/** Changes, remembers and applies the reader's preferences at once. */
export function updatePreferences(change: Partial<Preferences>): void {
  const next = { ...preferences.value, ...change };
  preferences.value = next;
  writePreferences(next);
  applyPreferences(next);
  if (change.dataSaver !== undefined) void shareDataSaver(next.dataSaver);
}

/** The feed refreshes download: the reader's choice, else the build's default. */
export async function currentFeedUrl(): Promise<string> {
  return (await getMeta(await db(), 'feedUrl')) ?? defaultFeedUrl();
}

/** Choosing the default again forgets the choice, so a new build's default applies. */
export async function changeFeedUrl(url: string): Promise<void> {
  const database = await db();
  if (url === defaultFeedUrl()) await deleteMeta(database, 'feedUrl');
  else await setMeta(database, 'feedUrl', url);
}
