/** Keeping one copy of a story that several sources (or one source twice) carry. */
/** What the index needs of a story: the keys it was seen under and when it was published. */
export interface KeyedStory {
  keys: string[];
  published: number;
}

/** Title matches count only between items this close in time: a recurring headline is not one story. */
const TITLE_WINDOW_MS = 3 * 24 * 3600 * 1000;

export class StoryIndex<T extends KeyedStory> {
  private readonly byKey = new Map<string, T>();

  constructor(items: Iterable<T>) {
    for (const item of items) this.add(item);
  }

  add(item: T): void {
    for (const key of item.keys) if (!this.byKey.has(key)) this.byKey.set(key, item);
  }

  /** Whether a source item with these keys was already taken in (by guid or address: no need to fetch it again). */
  seen(keys: readonly string[]): boolean {
    return keys.some((key) => !key.startsWith('title:') && this.byKey.has(key));
  }

  /** The stored story these keys and date belong to, if any. */
  match(keys: readonly string[], published: number): T | undefined {
    for (const key of keys) {
      const found = this.byKey.get(key);
      if (!found) continue;
      if (!key.startsWith('title:') || Math.abs(found.published - published) <= TITLE_WINDOW_MS) return found;
    }
    return undefined;
  }
}
