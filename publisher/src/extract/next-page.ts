/**
 * The next page of an article split over several (`rel="next"`), when its
 * address says it is a page of the same article: a page number after the first
 * page's own address («bai.html?trang=2», «bai-2.html», «bai/2/», «bai/page/2»).
 * A `rel="next"` to the next story, which some themes write on every article
 * («/tin/123.html» → «/tin/1234.html»), is not followed.
 */
const PAGE_QUERY = /(?:^\?|&)(?:trang|page|p|pg|paged)=\d{1,2}(?:&|$)/i;
const PAGE_SUFFIX = /^[-_/](?:trang|page|p)?[-_/]?\d{1,2}(?:\.\w+)?\/?$/i;

function stemPath(url: URL): string {
  return url.pathname.replace(/\/$/, '').replace(/\.\w+$/, '');
}

export function nextPageUrl(doc: Document, pageUrl: string, firstUrl: string): string | undefined {
  const href = doc.querySelector('link[rel~="next"][href], a[rel~="next"][href]')?.getAttribute('href');
  if (!href) return undefined;
  let next: URL;
  try {
    next = new URL(href, pageUrl);
  } catch {
    return undefined;
  }
  const first = new URL(firstUrl);
  if (next.origin !== first.origin || next.href === new URL(pageUrl).href || next.href === first.href) return undefined;
  const samePath = next.pathname === first.pathname && PAGE_QUERY.test(next.search);
  const stem = stemPath(first);
  const pagePath = next.pathname.startsWith(stem) && PAGE_SUFFIX.test(next.pathname.slice(stem.length));
  return samePath || pagePath ? next.href : undefined;
}
