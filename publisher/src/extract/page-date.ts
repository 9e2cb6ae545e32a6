/**
 * When an article page says its story was published: for feeds whose items
 * carry no date, which took the run's time (a first run showed a week of a
 * portal's stories as published that minute, in no order). Read where CMSs
 * write it: Open Graph's article:published_time and the like, schema.org
 * (JSON-LD or microdata), <time datetime>, else the date line under the title.
 * Must run before the page's scripts are removed.
 */
import { parseSourceDate } from '../sources/dates';

const META_NAMES = ['article:published_time', 'og:article:published_time', 'datePublished', 'pubdate', 'publishdate', 'publish-date', 'dc.date.issued', 'DC.date.issued', 'dcterms.created'];

/** Class or id words of the line that prints the date under a title. */
const DATE_LINE = /(?:^|[\s_-])(date|datetime|time|publish\w*|post-?date|created|ngay-?dang|ngay|thoi-?gian)(?:$|[\s_-])/i;
const MAX_DATE_LINE = 80;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function fromJsonLd(value: Json): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = fromJsonLd(item);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (typeof value.datePublished === 'string') return value.datePublished;
  for (const child of Object.values(value)) {
    const found = typeof child === 'object' ? fromJsonLd(child) : undefined;
    if (found) return found;
  }
  return undefined;
}

function* candidates(doc: Document): Generator<string | null | undefined> {
  for (const name of META_NAMES) yield doc.querySelector(`meta[property="${name}"],meta[name="${name}"],meta[itemprop="${name}"]`)?.getAttribute('content');
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      yield fromJsonLd(JSON.parse(script.textContent ?? '') as Json);
    } catch {
      continue; // Broken JSON-LD is common; the other places may still say.
    }
  }
  // Within the article where the page marks one: a site's header often prints today's date.
  const scope = doc.querySelector('article') ?? doc.body;
  if (!scope) return;
  const time = doc.querySelector('[itemprop="datePublished"]') ?? scope.querySelector('time[datetime]');
  yield time?.getAttribute('datetime') ?? time?.getAttribute('content') ?? time?.textContent;
  for (const el of Array.from(scope.querySelectorAll('[class],[id]'))) {
    if (el.closest('header,nav,footer,aside')) continue;
    const text = el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    if (text.length > 0 && text.length <= MAX_DATE_LINE && DATE_LINE.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) yield text;
  }
}

export function pageDate(doc: Document): number | undefined {
  for (const raw of candidates(doc)) {
    const date = raw ? parseSourceDate(raw) : undefined;
    if (date !== undefined) return date;
  }
  return undefined;
}
