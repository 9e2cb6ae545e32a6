// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { HtmlPieces } from '../../../src/app/format/html-pieces';
import { fillBody, htmlSource, textSource } from '../../../src/app/components/progressive-body';

/**
 * Each piece is whole HTML made safe on its own: DOMPurify in the page. Here
 * it is taken as it is, since what is tested is that the pieces, joined,
 * build the same tree as the whole (happy-dom's parser differs from
 * Chromium's under DOMPurify; the browser tests show sanitised bodies).
 */
const asIs = (piece: string) => piece;

/** The body as the page builds it piece by piece, pieces of about `size` characters. */
async function builtInPieces(html: string, size: number): Promise<string> {
  const container = document.createElement('div');
  const source = htmlSource(html, asIs);
  // A source asked for small pieces every time, as on a slow phone.
  await fillBody(container, { next: () => source.next(size) }, new AbortController().signal);
  return withoutParts(container).innerHTML;
}

/** The body without the parts each piece is put in (boxes for the browser's layout, nothing of the article's). */
function withoutParts(container: HTMLElement): HTMLElement {
  for (const part of container.querySelectorAll('.body-part')) part.replaceWith(...Array.from(part.childNodes));
  return container;
}

const whole = (html: string) => {
  const container = document.createElement('div');
  container.innerHTML = html;
  return container.innerHTML;
};

const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `<p>Đoạn ${i}: bà con <b>bản Lạn</b> góp công &amp; góp của.</p>\n`).join('');

describe('a large body put on the page in pieces', () => {
  const bodies: Record<string, string> = {
    'top-level paragraphs': paragraphs(60),
    'one wrapping <div>': `<div class="noi-dung">${paragraphs(60)}</div>`,
    'a long list, items without end tags': `<ul>${Array.from({ length: 80 }, (_, i) => `<li>Mục ${i} <i>nghiêng</i>`).join('')}</ul><p>Hết.</p>`,
    // tbody written out: happy-dom's <template> does not add it as parsers do.
    'a table': `<table><tbody><tr><th>Xã</th><th>Hộ</th></tr>${Array.from({ length: 60 }, (_, i) => `<tr><td>Xã ${i}</td><td>${i}</td></tr>`).join('')}</tbody></table>`,
    'pictures, comments, a script and quoted «>»': `<!-- <p>không</p> --><figure><img src="/a.jpg" alt="a > b"><figcaption>Ảnh</figcaption></figure>${paragraphs(30)}<script>var s = "</p>";</script>${paragraphs(30)}`,
    'paragraphs without end tags': Array.from({ length: 60 }, (_, i) => `<p>Đoạn ${i} chưa đóng`).join('\n'),
  };

  for (const [name, html] of Object.entries(bodies)) {
    it(`builds the same tree as the whole body would: ${name}`, async () => {
      expect(await builtInPieces(html, 200)).toBe(whole(html));
    });
  }

  it('puts each piece in a part of its own, inside a wrapping <div> too, but never inside a list', async () => {
    const container = document.createElement('div');
    const source = htmlSource(`<div class="noi-dung">${paragraphs(60)}</div><ul>${'<li>Mục</li>'.repeat(100)}</ul>`, asIs);
    await fillBody(container, { next: () => source.next(300) }, new AbortController().signal);
    const wrapper = container.querySelector('.noi-dung')!;
    expect(wrapper.querySelectorAll(':scope > .body-part').length).toBeGreaterThan(5);
    // The first piece opens the <div> (in a part of the body's own); the later ones join it, each in a part.
    expect(wrapper.querySelectorAll('p')).toHaveLength(60);
    expect(wrapper.querySelectorAll(':scope > .body-part > p').length).toBeGreaterThan(50);
    expect(container.querySelectorAll('ul')).toHaveLength(1);
    expect(container.querySelectorAll('ul .body-part')).toHaveLength(0);
    expect(container.querySelectorAll('ul > li')).toHaveLength(100);
  });

  it('cuts between top-level blocks, each piece whole HTML of about the size asked', () => {
    const html = paragraphs(100);
    const pieces = new HtmlPieces(html);
    const cut: string[] = [];
    for (let piece = pieces.next(500); piece; piece = pieces.next(500)) {
      expect(piece.reopened).toBe(0);
      expect(piece.html.length).toBeLessThan(500 + 100);
      expect(piece.html.startsWith('<p>')).toBe(true);
      cut.push(piece.html);
    }
    expect(cut.length).toBeGreaterThan(10);
    expect(cut.join('')).toBe(html);
  });

  it('opens again what a piece had to end inside', () => {
    const pieces = new HtmlPieces(`<div class="a">${paragraphs(40)}</div>`);
    pieces.next(300);
    const second = pieces.next(300)!;
    expect(second.reopened).toBe(1);
    expect(second.html.startsWith('<div class="a"><p>')).toBe(true);
  });

  it('lays out plain text a paragraph per blank line, in pieces', async () => {
    const container = document.createElement('div');
    const text = Array.from({ length: 50 }, (_, i) => `Đoạn ${i} <b>không phải thẻ</b>`).join('\n\n');
    const source = textSource(text);
    await fillBody(container, { next: () => source.next(100) }, new AbortController().signal);
    expect(container.querySelectorAll('p')).toHaveLength(50);
    expect(container.querySelector('b')).toBeNull();
    expect(container.hasAttribute('aria-busy')).toBe(false);
  });

  it('stops when the reader leaves the article', async () => {
    const container = document.createElement('div');
    const stop = new AbortController();
    const source = htmlSource(paragraphs(100), asIs);
    const filling = fillBody(container, { next: (size) => source.next(Math.min(size, 300)) }, stop.signal);
    const shown = container.querySelectorAll('p').length;
    stop.abort();
    await filling;
    expect(shown).toBeGreaterThan(0);
    expect(container.querySelectorAll('p').length).toBe(shown);
    expect(container.getAttribute('aria-busy')).toBe('true');
  });
});
