/**
 * Some CMSs write an RSS item's <description> or <content:encoded> as raw
 * XHTML elements instead of escaped or CDATA text. The object parser takes
 * such markup apart (and loses the order of text and elements): before, the
 * item came out empty and, with no page to complete it, was skipped. Each such
 * element is turned into the escaped form before parsing, as atom-xhtml.ts does.
 */
// Not an empty <description />: its match would run on into the next item.
const RSS_HTML_FIELD = /<(description|content:encoded)((?:\s[^>]*)?)(?<!\/)>([\s\S]*?)<\/\1\s*>/g;
const ELEMENT = /<[a-zA-Z]/;

function escapeMarkup(xml: string): string {
  return xml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function rawMarkupAsEscaped(xml: string): string {
  return xml.replace(RSS_HTML_FIELD, (whole, name: string, attributes: string, body: string) =>
    body.includes('<![CDATA[') || !ELEMENT.test(body) ? whole : `<${name}${attributes}>${escapeMarkup(body)}</${name}>`,
  );
}
