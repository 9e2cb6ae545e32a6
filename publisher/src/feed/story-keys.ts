/**
 * Keys that recognise the same story: its address without tracking
 * parameters, the source's guid, and its title once punctuation and case
 * are set aside (two papers running one agency story keep its title).
 */

/**
 * Parameters that say how the reader came or which visit this is, never which
 * story: campaigns and click ids (Google, Facebook, Zalo, Mailchimp, Microsoft…),
 * «came from the feed» flags, and the session ids of PHP, Java, ColdFusion and
 * classic ASP. Not `sid` or `id`: old PHP-Nuke sites name their stories so.
 */
const TRACKING =
  /^(utm_\w+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|gad_source|_ga|_gl|mc_cid|mc_eid|igshid|msclkid|yclid|twclid|ttclid|zarsrc|zacc|ref|source|rss|from_?rss|phpsessid|jsessionid|aspsessionid\w*|cfid|cftoken|_hsenc|_hsmi)$/i;

/** A session written into the path: ASP.NET's cookieless «/(S(…))/», Java's «;jsessionid=…». */
const PATH_SESSION = /\/\((?:[A-Z]\([^()]*\))+\)(?=\/)|;(?:jsessionid|phpsessid|sid)=[^/?#]*/gi;

/**
 * The address without what changes from visit to visit: a story a feed links with
 * today's session or campaign is the one it linked yesterday. The rest of it
 * (host, case, order) is left as the site wrote it, for the link readers follow.
 */
export function withoutTracking(raw: string): string {
  try {
    const url = new URL(raw);
    const path = url.pathname.replace(PATH_SESSION, '');
    const names = [...url.searchParams.keys()].filter((name) => TRACKING.test(name));
    // An address with nothing to take out stays byte for byte as it was: ids and keys published before are kept.
    if (path === url.pathname && names.length === 0) return raw;
    url.pathname = path;
    for (const name of names) url.searchParams.delete(name);
    return url.href;
  } catch {
    return raw;
  }
}

export function canonicalUrl(raw: string, volatile: ReadonlySet<string> = new Set()): string | undefined {
  try {
    const url = new URL(withoutTracking(raw));
    url.hash = '';
    url.hostname = url.hostname.toLowerCase().replace(/^(www|m)\./, '');
    for (const name of [...url.searchParams.keys()]) if (volatile.has(name)) url.searchParams.delete(name);
    url.protocol = 'https:';
    return url.href.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Query parameters a feed puts on every one of its links with one value (a
 * session, «&src=feed», a campaign under a name of its own): they name the
 * visit, not the story. Two links at least, or one link would lose its id.
 */
export function volatileParameters(urls: readonly string[]): Set<string> {
  const parsed = urls.flatMap((raw) => {
    try {
      return [new URL(raw).searchParams];
    } catch {
      return [];
    }
  });
  const shared = new Set<string>();
  if (parsed.length < 2) return shared;
  for (const [name, value] of parsed[0]!) if (parsed.every((params) => params.getAll(name).length === 1 && params.get(name) === value)) shared.add(name);
  return shared;
}

export function titleKey(title: string): string | undefined {
  const key = title.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // Short titles ("Lịch cúp điện", "Tin vắn") repeat across different stories.
  return key.length >= 24 ? `title:${key}` : undefined;
}

/** `volatile`: the parameters the source's feed shares over all its links this time (volatileParameters). */
export function storyKeys(input: { sourceUrl: string; guid: string; url?: string; title: string; volatile?: ReadonlySet<string> }): string[] {
  const keys = [`guid:${input.sourceUrl} ${withoutTracking(input.guid)}`];
  if (input.url) {
    // The address with only the known trackers taken out, and without what this feed shared too: a feed that
    // shares a parameter one run and not the next (a Joomla «view=article») keeps one key from run to run.
    for (const url of new Set([canonicalUrl(input.url), canonicalUrl(input.url, input.volatile)])) if (url) keys.push(`url:${url}`);
  }
  const title = titleKey(input.title);
  if (title) keys.push(title);
  return keys;
}

/** The feed item id: the story's web address, else the source's guid under the source's address. */
export function storyId(sourceUrl: string, guid: string, url: string | undefined): string {
  if (url && /^https?:\/\//i.test(url)) return withoutTracking(url);
  return `${sourceUrl}#${guid}`;
}
