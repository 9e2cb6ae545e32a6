/**
 * When a feed item with an id the store has never seen is a story the store
 * already holds under another id (a CMS migration, ids that carry a revision
 * or the date). Pure: the store (ids.ts) reads what this needs.
 *
 * Only a url that names one article can say so. A url shared by several
 * items (a live blog, a feed that gives every item its home page), the home
 * page itself, or no url at all says nothing, and such items are never merged.
 */

/** Query parameters that only say where a reader came from, never which article. */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl)$/i;

/**
 * The url as a key for «the same article»: scheme left out (a site moved to
 * https), host lower-case (URL does it), no fragment, no tracking parameters,
 * the rest sorted, no trailing slash. Undefined for what is not an http(s)
 * url of a page below the site's root.
 */
export function storyUrlKey(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const path = parsed.pathname.replace(/\/+$/, '');
  const params = [...parsed.searchParams].filter(([name]) => !TRACKING.test(name)).sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  // The home page (with or without a query) names no one article.
  if (path === '' || path === '/index.html' || path === '/index.php') return undefined;
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${parsed.host}${path}${query}`;
}

/** What the rule needs of an article. */
export interface StoryFacts {
  id: string;
  url?: string;
  title: string;
  published: number;
  /** The feed gave no date: `published` is only when it was fetched. */
  undated?: true;
}

/** The stored articles whose url keys are asked for: every id stored under each key. */
export type StoredByUrl = ReadonlyMap<string, readonly StoryFacts[]>;

/**
 * The keys of the incoming items worth looking up: items not `settled`
 * already (stored, or known by an alias), whose url names an article that no
 * other incoming item shares.
 */
export function keysToLookUp<T extends StoryFacts>(incoming: readonly T[], settled: (id: string) => boolean): Map<string, T> {
  const byKey = new Map<string, T | null>();
  for (const item of incoming) {
    const key = storyUrlKey(item.url);
    if (key === undefined) continue;
    // Two incoming items under one url: neither can say which stored one it is.
    byKey.set(key, byKey.has(key) ? null : item);
  }
  const wanted = new Map<string, T>();
  for (const [key, item] of byKey) if (item && !settled(item.id)) wanted.set(key, item);
  return wanted;
}

/**
 * The stored id an incoming item is the same story as, or undefined. Beyond
 * one url on both sides, the stored article must have left the feed (a story
 * the feed still lists under its own id is another story), and the two must
 * share their title or their date: the one entry a live blog's feed lists
 * under the blog's url is a new entry, with its own title and time.
 */
export function sameStoryAs(item: StoryFacts, stored: readonly StoryFacts[] | undefined, incomingIds: ReadonlySet<string>): string | undefined {
  if (!stored || stored.length !== 1) return undefined;
  const [candidate] = stored as [StoryFacts];
  if (incomingIds.has(candidate.id)) return undefined;
  const sameTitle = candidate.title.trim() === item.title.trim() && item.title.trim() !== '';
  const sameDate = !item.undated && !candidate.undated && candidate.published === item.published;
  return sameTitle || sameDate ? candidate.id : undefined;
}
