/**
 * What to tell the operator when a source's address answers a web page: its
 * title (a login, an error page, the site's home) and the feeds it names with
 * <link rel="alternate">, one of which is most likely the address meant. Before,
 * «an HTML page, not a feed» alone. The feed is not read in its place: which of
 * a site's feeds to publish is the operator's choice.
 */
import { parseHTML } from 'linkedom';
import { plainLine } from '../text/html-text';
import { resolved } from './resolved';

const FEED_TYPES = /^application\/(?:rss\+xml|atom\+xml|feed\+json|json)$/i;

export function htmlNotFeed(html: string, documentUrl?: string): string {
  const { document } = parseHTML(html);
  const title = plainLine(document.querySelector('title')?.textContent ?? '').slice(0, 100);
  const feeds = [...document.querySelectorAll('link[rel~="alternate"][href]')]
    .filter((link) => FEED_TYPES.test(link.getAttribute('type')?.trim() ?? ''))
    .map((link) => resolved(link.getAttribute('href')!.trim(), documentUrl))
    .slice(0, 3);
  return `an HTML page${title ? ` («${title}»)` : ''}, not a feed${feeds.length > 0 ? `; it names its feed at ${feeds.join(', ')}` : ''}`;
}
