/**
 * What a payload that reached the DOM would leave behind, whether or not CSP
 * then stopped it, in every part of the page that shows feed content.
 */
export function dangerousMarkup(): string[] {
  const found: string[] = [];
  const feedContent = document.querySelectorAll('main :is(.card, article > header, .article-body, .source, .tags, .related) *');
  for (const el of feedContent) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'form', 'style', 'svg', 'math', 'base', 'meta', 'link'].includes(tag)) {
      found.push(`<${tag}>`);
    }
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on') || attr.name === 'style' || attr.name === 'srcdoc') found.push(`${tag}[${attr.name}]`);
      if ((attr.name === 'href' || attr.name === 'src' || attr.name === 'action') && !/^https?:/i.test(attr.value) && !attr.value.startsWith('/')) {
        found.push(`${tag}[${attr.name}=${attr.value.slice(0, 30)}]`);
      }
    }
  }
  return found;
}
