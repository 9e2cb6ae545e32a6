import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type BaoDb } from '../../../src/shared/store/open';
import { getReaderState, markRead, markUnread, setSaved } from '../../../src/shared/store/reader';

const opened: BaoDb[] = [];
let counter = 0;

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('read and unread marks', () => {
  it('marks an article unread again without touching its saved state', async () => {
    const db = await openStore({ name: `test-reader-${counter++}` });
    opened.push(db);
    await setSaved(db, 'a', true, 100);
    await markRead(db, 'a', 200);
    expect(await getReaderState(db, 'a')).toEqual({ id: 'a', savedAt: 100, readAt: 200 });
    await markUnread(db, 'a');
    expect(await getReaderState(db, 'a')).toEqual({ id: 'a', savedAt: 100 });
    await markRead(db, 'a', 300);
    expect((await getReaderState(db, 'a')).readAt).toBe(300);
  });
});
