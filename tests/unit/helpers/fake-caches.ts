/** A Request or the URL it stands for. */
type Key = string | { url: string };
const urlOf = (key: Key) => (typeof key === 'string' ? key : key.url);

/** The Cache API as the page and the service worker use it: named caches of responses, looked up by URL. */
export class FakeCacheStorage {
  readonly caches = new Map<string, Map<string, Response>>();

  async open(name: string) {
    const entries = this.caches.get(name) ?? new Map<string, Response>();
    this.caches.set(name, entries);
    return {
      match: async (key: Key) => entries.get(urlOf(key))?.clone(),
      put: async (key: Key, response: Response) => void entries.set(urlOf(key), response),
      delete: async (key: Key) => entries.delete(urlOf(key)),
      keys: async () => [...entries.keys()].map((url) => ({ url })),
    };
  }

  async match(key: Key) {
    for (const entries of this.caches.values()) if (entries.has(urlOf(key))) return entries.get(urlOf(key))?.clone();
    return undefined;
  }

  async has(name: string) {
    return this.caches.has(name);
  }

  async delete(name: string) {
    return this.caches.delete(name);
  }

  /** The URLs a cache holds, sorted. */
  urls(name: string): string[] {
    return [...(this.caches.get(name)?.keys() ?? [])].sort();
  }
}
