/**
 * The part of CacheStorage the partial store uses, in memory: enough to run
 * cachedPartials itself in unit tests. `failPuts` makes every put fail as a
 * full disk does; `puts` counts them.
 */
export function memoryCaches(): CacheStorage & { failPuts: boolean; puts: number; entries(): number } {
  const caches = new Map<string, Map<string, Response>>();
  const cacheOf = (entries: Map<string, Response>) =>
    ({
      async keys() {
        return [...entries.keys()].map((url) => new Request(url));
      },
      async delete(key: RequestInfo | URL) {
        return entries.delete(new Request(key).url);
      },
      async put(key: RequestInfo | URL, response: Response) {
        storage.puts++;
        if (storage.failPuts) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        entries.set(new Request(key).url, new Response(await response.blob(), { headers: response.headers }));
      },
      async match(key: RequestInfo | URL) {
        return entries.get(new Request(key).url)?.clone();
      },
      async matchAll() {
        return [...entries.values()].map((response) => response.clone());
      },
    }) as unknown as Cache;
  const storage = {
    failPuts: false,
    puts: 0,
    entries: () => [...caches.values()].reduce((sum, entries) => sum + entries.size, 0),
    async has(name: string) {
      return caches.has(name);
    },
    async open(name: string) {
      if (!caches.has(name)) caches.set(name, new Map());
      return cacheOf(caches.get(name)!);
    },
    async delete(name: string) {
      return caches.delete(name);
    },
  };
  return storage as unknown as CacheStorage & typeof storage;
}
