/**
 * Where a page sends the reader on with <meta http-equiv="refresh">, read from
 * its markup (no script is run): papers leave such a page at a moved article's
 * old address. Only a short delay counts: a reload every few minutes, or an
 * idle reader sent home after half an hour, is no move; nor one inside
 * <noscript>, which sends browsers without script to a page asking for it.
 */
const MAX_DELAY_S = 5;
/** Browsers look for it in the <head>; a page's first bytes are plenty. */
export const HEAD_CHARS = 64 * 1024;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&apos;': "'" };

/** An attribute's value in one start tag, read without a parser; the entities attributes use are undone. */
export function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const raw = match && (match[1] ?? match[2] ?? match[3]);
  return raw?.replace(/&(?:amp|quot|#39|apos);/g, (entity) => ENTITIES[entity]!);
}

export function metaRefreshTarget(html: string, pageUrl: string): string | undefined {
  const head = html.slice(0, HEAD_CHARS).replace(/<noscript\b[\s\S]*?(?:<\/noscript\s*>|$)/gi, '');
  for (const [tag] of head.matchAll(/<meta\b[^>]*>/gi)) {
    if (attribute(tag, 'http-equiv')?.toLowerCase() !== 'refresh') continue;
    // «0; url=/moi.html», «0;URL='/moi.html'», «3, /moi.html», as the HTML standard reads them.
    const content = /^\s*(\d+)(?:\.[\d.]*)?\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.*?)\2\s*$/is.exec(attribute(tag, 'content') ?? '');
    if (!content || Number(content[1]) > MAX_DELAY_S || content[3]!.trim() === '') return undefined;
    try {
      const target = new URL(content[3]!.trim(), pageUrl);
      const here = new URL(pageUrl);
      target.hash = here.hash = '';
      return target.href !== here.href && /^https?:$/.test(target.protocol) ? target.href : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
