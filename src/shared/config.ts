/** The feed downloaded until the reader picks another in settings (build-time VITE_FEED_URL). */
export function defaultFeedUrl(): string {
  return new URL(import.meta.env.VITE_FEED_URL ?? '/sample/feed.json', globalThis.location.href).href;
}
