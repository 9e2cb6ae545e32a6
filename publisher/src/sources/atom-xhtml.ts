/**
 * Atom's type="xhtml" text constructs hold their markup as XML elements inside
 * a wrapping XHTML <div>, and so does a <content> typed with an XML media type
 * (application/xhtml+xml, RFC 4287 4.1.3.3), with or without the div. The
 * object parser would take that markup apart (and lose the order of text and
 * elements, or all of it), so before parsing each one is turned into the
 * equivalent type="html" construct: the inner markup, escaped.
 */
const XHTML_CONSTRUCT =
  /<((?:[\w.-]+:)?(?:content|summary|title))(\s[^>]*?\btype\s*=\s*(["'])(?:xhtml|[\w.+-]+\/(?:[\w.-]+\+)?xml)\3[^>]*)>([\s\S]*?)<\/\1\s*>/g;
const XML_TYPE = /\btype\s*=\s*(["'])(?:xhtml|[\w.+-]+\/(?:[\w.-]+\+)?xml)\1/;
const WRAPPER = /^\s*<(([\w.-]+:)?div)\b[^>]*>([\s\S]*)<\/\1\s*>\s*$/;

function escapeMarkup(xml: string): string {
  return xml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The markup inside the wrapping div, with its namespace prefix (`<x:p>`) taken off the elements. */
function innerMarkup(xml: string): string {
  const wrapper = WRAPPER.exec(xml);
  if (!wrapper) return xml;
  const [, , prefix, inner = ''] = wrapper;
  if (!prefix) return inner;
  const escaped = prefix.replace(/[.-]/g, '\\$&');
  return inner.replace(new RegExp(`<(/?)${escaped}`, 'g'), '<$1');
}

export function xhtmlConstructsAsHtml(xml: string): string {
  return xml.replace(
    XHTML_CONSTRUCT,
    (_whole, name: string, attributes: string, _quote, body: string) =>
      `<${name}${attributes.replace(XML_TYPE, 'type="html"')}>${escapeMarkup(innerMarkup(body))}</${name}>`,
  );
}
