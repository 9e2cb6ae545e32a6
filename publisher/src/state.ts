/**
 * What one run leaves for the next, in the output folder (not served: see the
 * server configuration): validators of each source, every published item in
 * publishing order, the pictures already made, and files waiting to be removed.
 */
import { join } from 'node:path';
import type { StoredItem } from './feed/feed-item';
import { readIfExists } from './output/atomic-file';
import type { KnownPicture } from './pictures/picture-store';

export interface SourceState {
  etag?: string;
  lastModified?: string;
}

export interface PublisherState {
  version: 1;
  nextSeq: number;
  sources: Record<string, SourceState>;
  items: StoredItem[];
  pictures: Record<string, KnownPicture>;
  /** Files no page references any more, and since when (epoch ms). */
  orphans: Record<string, number>;
}

export const STATE_FILE = join('.publisher', 'state.json');

export function emptyState(): PublisherState {
  return { version: 1, nextSeq: 1, sources: {}, items: [], pictures: {}, orphans: {} };
}

export async function loadState(outDir: string): Promise<PublisherState> {
  const raw = await readIfExists(join(outDir, STATE_FILE));
  if (!raw) return emptyState();
  const value = JSON.parse(raw.toString('utf8')) as PublisherState;
  if (value.version !== 1 || !Array.isArray(value.items)) throw new Error(`${STATE_FILE} is from another version`);
  return value;
}
