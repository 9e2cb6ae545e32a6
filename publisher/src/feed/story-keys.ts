/**
 * Keys that recognise the same story: its address without tracking
 * parameters, the source's guid, and its title once punctuation and case
 * are set aside (two papers running one agency story keep its title).
 */
const TRACKING = /^(utm_\w+|fbclid|gclid|zarsrc|zacc|ref|source)$/i;

export function canonicalUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    url.hash = '';
    url.hostname = url.hostname.toLowerCase().replace(/^(www|m)\./, '');
    for (const name of [...url.searchParams.keys()]) if (TRACKING.test(name)) url.searchParams.delete(name);
    url.protocol = 'https:';
    return url.href.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

export function titleKey(title: string): string | undefined {
  const key = title.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // Short titles ("Lịch cúp điện", "Tin vắn") repeat across different stories.
  return key.length >= 24 ? `title:${key}` : undefined;
}

export function storyKeys(input: { sourceUrl: string; guid: string; url?: string; title: string }): string[] {
  const keys = [`guid:${input.sourceUrl} ${input.guid}`];
  const url = input.url ? canonicalUrl(input.url) : undefined;
  if (url) keys.push(`url:${url}`);
  const title = titleKey(input.title);
  if (title) keys.push(title);
  return keys;
}

/** The feed item id: the story's web address, else the source's guid under the source's address. */
export function storyId(sourceUrl: string, guid: string, url: string | undefined): string {
  if (url && /^https?:\/\//i.test(url)) return url;
  return `${sourceUrl}#${guid}`;
}
