/** Plain text (JSON Feed content_text, an Atom type="text" construct) as HTML paragraphs, one per blank-line-separated block. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escapeText(block)}</p>`)
    .join('');
}
