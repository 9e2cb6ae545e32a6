import type { BaoDb } from './open';
import type { MetaKey, MetaValues } from './schema';

export async function getMeta<K extends MetaKey>(db: BaoDb, key: K): Promise<MetaValues[K] | undefined> {
  return (await db.get('meta', key)) as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(db: BaoDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.put('meta', value, key);
}

export async function deleteMeta(db: BaoDb, key: MetaKey): Promise<void> {
  await db.delete('meta', key);
}
