/**
 * One run at a time per output folder: two runs writing the same state
 * would lose each other's items. A lock left by a crashed run is taken
 * over once it is older than any run can last.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const LOCK = join('.publisher', 'lock');
const STALE_MS = 2 * 3600 * 1000;

export async function withRunLock<T>(outDir: string, now: () => number, run: () => Promise<T>): Promise<T> {
  const path = join(outDir, LOCK);
  await mkdir(dirname(path), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, since: now() }));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const held = JSON.parse(await readFile(path, 'utf8').catch(() => '{}')) as { pid?: number; since?: number };
      if (now() - (held.since ?? 0) < STALE_MS) {
        throw new Error(`another run (pid ${held.pid ?? '?'}) is writing ${outDir} since ${new Date(held.since ?? 0).toISOString()}`);
      }
      await rm(path, { force: true });
    }
  }
  try {
    return await run();
  } finally {
    await rm(path, { force: true });
  }
}
