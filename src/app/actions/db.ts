import { openStore, type BaoDb } from '../../shared/store/open';
import { upgradeBlocked } from '../state/database';

let dbPromise: Promise<BaoDb> | undefined;

/**
 * The page's one connection, for actions and bridges only (routes and
 * components call actions). When a newer version of the app (another tab or
 * the service worker) upgrades the schema, this page reloads into it rather
 * than keep an old connection that would block the upgrade.
 */
export function db(): Promise<BaoDb> {
  dbPromise ??= openStore({
    onVersionChange: () => location.reload(),
    onBlocked: () => (upgradeBlocked.value = true),
    onTerminated: () => (dbPromise = undefined),
  }).finally(() => (upgradeBlocked.value = false));
  return dbPromise;
}
