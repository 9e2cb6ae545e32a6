/** Whether text opens as an HTML document does (after an XML declaration, comments and white space). */
export function opensAsHtml(text: string): boolean {
  const head = text
    .slice(0, 1024)
    .replace(/^\ufeff/, '')
    .trimStart()
    .replace(/^<\?xml[^>]*>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trimStart()
    .toLowerCase();
  return /^<(!doctype html|html|head|body)\b/.test(head);
}
