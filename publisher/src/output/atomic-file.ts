/** Writing a file so that readers see the old bytes or the new ones, never half of either. */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export type WriteFileAtomic = (path: string, data: Buffer | string) => Promise<void>;

export const writeFileAtomic: WriteFileAtomic = async (path, data) => {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.tmp-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
};

/** The bytes at `path`, or undefined when there is no such file. */
export async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
