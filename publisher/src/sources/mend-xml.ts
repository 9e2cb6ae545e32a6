/**
 * What CMSs let slip into feeds that are otherwise XML, mended as lenient
 * readers do: a bare «&» («Văn hóa & Giải trí», «?id=1&cat=2»), a bare «<»
 * that can start no markup («giá < 5 triệu», «<5», «<=»), a PHP warning
 * printed before the XML, a timing comment or an analytics script after
 * the root element, and an item's description written as raw HTML that leaves
 * <br> or <img> unclosed, escaped as a whole as rss-raw-markup.ts does.
 * Before, each such feed was skipped as «broken XML». Used
 * only on a feed that does not validate as it is, so a valid one is never touched.
 */
import { rawMarkupAsEscaped } from './rss-raw-markup';

const ROOT = /<(rss|feed|rdf:RDF)\b/;
const CDATA = /(<!\[CDATA\[[\s\S]*?\]\]>)/;
/** An «&» that starts no entity or character reference. */
const BARE_AMPERSAND = /&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)/g;
/** A «<» followed by what starts no tag, end tag, comment, CDATA or declaration: a space, a digit, «=», «<». «a<b» stays broken. */
const BARE_LESS_THAN = /<(?![\p{L}_:/!?])/gu;

export function mendXml(xml: string): string {
  const root = ROOT.exec(xml);
  if (!root) return xml;
  // From the XML declaration if it comes before the root (a warning may stand before either), to the root's end.
  const declaration = xml.lastIndexOf('<?xml', root.index);
  let text = xml.slice(declaration >= 0 ? declaration : root.index);
  const end = text.lastIndexOf(`</${root[1]}>`);
  if (end >= 0) text = text.slice(0, end + root[1]!.length + 3);
  // Inside CDATA an «&» or a «<» is text already.
  return rawMarkupAsEscaped(text)
    .split(CDATA)
    .map((part) => (part.startsWith('<![CDATA[') ? part : part.replace(BARE_AMPERSAND, '&amp;').replace(BARE_LESS_THAN, '&lt;')))
    .join('');
}
