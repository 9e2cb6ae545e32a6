/**
 * Puts a run's pages in place without ever exposing a broken feed: pictures
 * (written earlier) and archive pages go first under new names, the state
 * next, and the head page last: until it is renamed into place, readers keep
 * getting the previous edition, whose files are all still there. Files no
 * page needs any more are removed only a grace period later, so a reader in
 * the middle of following the old chain does not hit a gap.
 */
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pages } from '../feed/pages';
import { STATE_FILE, type PublisherState } from '../state';
import { readIfExists, type WriteFileAtomic } from './atomic-file';
import { brotli, gzip } from './compress';

export interface WriteReport {
  bytesWritten: number;
  headChanged: boolean;
  removed: number;
}

const GRACE_MS = 24 * 3600 * 1000;
const STAGING = join('.publisher', 'staging');

/**
 * A page and its compressed copies are written aside first and renamed into
 * place only when all three are written, the .json last: a failure while
 * writing leaves the served page and its copies as they were.
 */
async function writePage(outDir: string, name: string, json: string, write: WriteFileAtomic): Promise<number> {
  const data = Buffer.from(json, 'utf8');
  const files: [string, Buffer][] = [
    [`${name}.gz`, gzip(data)],
    [`${name}.br`, brotli(data)],
    [name, data],
  ];
  const staging = join(outDir, STAGING);
  for (const [file, bytes] of files) await write(join(staging, file), bytes);
  for (const [file] of files) await rename(join(staging, file), join(outDir, file));
  return files.reduce((sum, [, bytes]) => sum + bytes.length, 0);
}

async function listFiles(outDir: string): Promise<string[]> {
  const top = await readdir(outDir).catch(() => [] as string[]);
  const pictures = await readdir(join(outDir, 'pictures')).catch(() => [] as string[]);
  return [...top.filter((n) => /^archive-[0-9a-f]+\.json(\.gz|\.br)?$/.test(n)), ...pictures.map((n) => `pictures/${n}`)];
}

/** Files the new edition references: its pages with their compressed copies, and its pictures. */
function referenced(pages: Pages): Set<string> {
  const names = new Set<string>();
  for (const page of pages.archives) for (const suffix of ['', '.gz', '.br']) names.add(page.name + suffix);
  for (const json of [pages.head.json, ...pages.archives.map((p) => p.json)]) {
    for (const match of json.matchAll(/pictures\/[0-9a-f]+-\d+\.webp/g)) names.add(match[0]);
  }
  return names;
}

export async function writeSite(
  outDir: string,
  pages: Pages,
  state: PublisherState,
  options: { write: WriteFileAtomic; now: number },
): Promise<WriteReport> {
  let bytesWritten = 0;
  for (const page of pages.archives) {
    const existing = await readIfExists(join(outDir, page.name));
    if (existing?.toString('utf8') === page.json) continue;
    bytesWritten += await writePage(outDir, page.name, page.json, options.write);
  }

  const keep = referenced(pages);
  // Pictures of retired articles are forgotten with them; a later use downloads them again.
  for (const [url, picture] of Object.entries(state.pictures)) {
    const files = Object.values(picture.variants).flatMap((f) => f ?? []);
    if (!files.some((file) => keep.has(file.url))) delete state.pictures[url];
  }
  const orphans: Record<string, number> = {};
  const expired: string[] = [];
  for (const name of await listFiles(outDir)) {
    if (keep.has(name)) continue;
    const since = state.orphans[name] ?? options.now;
    if (options.now - since >= GRACE_MS) expired.push(name);
    else orphans[name] = since;
  }
  state.orphans = orphans;
  const stateJson = Buffer.from(JSON.stringify(state), 'utf8');
  // Unchanged after a run that found nothing new: not rewritten (it was, megabytes every quarter-hour with a long feed).
  if (!(await readIfExists(join(outDir, STATE_FILE)))?.equals(stateJson)) {
    await options.write(join(outDir, STATE_FILE), stateJson);
    bytesWritten += stateJson.length;
  }

  const currentHead = await readIfExists(join(outDir, pages.head.name));
  const headChanged = currentHead?.toString('utf8') !== pages.head.json;
  // An unchanged head is not rewritten: its modification time is the server's ETag.
  if (headChanged) bytesWritten += await writePage(outDir, pages.head.name, pages.head.json, options.write);

  // Only files that were already unused before this run: the previous edition never needs them.
  for (const name of expired) await rm(join(outDir, name), { force: true });
  return { bytesWritten, headChanged, removed: expired.length };
}
