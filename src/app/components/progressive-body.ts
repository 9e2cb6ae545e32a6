import { HtmlPieces } from '../format/html-pieces';

/**
 * Puts a large article body on the page a piece per task, first screen
 * first, so that no task sanitises or lays out the whole of it (a 1 MB body
 * took one task of about 2.4 s). Each piece is sized from how long the last
 * one took.
 */

export interface BodyPiece {
  fragment: DocumentFragment;
  /** Elements, outermost first, the piece opens again: joined into the ones the body ends with. */
  reopened: number;
}

export interface BodySource {
  /** The next piece of about `size` characters, or undefined when the body is all out. */
  next(size: number): BodyPiece | undefined;
}

/** Characters of the first piece: the first screen and more, shown in the same task as the title. */
const FIRST_SIZE = 6_000;
const MIN_SIZE = 4_000;
/** Its layout comes in the next frame, outside the time measured: the cap keeps that frame short. */
const MAX_SIZE = 16_000;
/** Work per piece: leaves room under 50 ms for the layout that follows it. */
const TARGET_MS = 12;

/** HTML cut into pieces, each made safe by `clean` (the sanitiser) on its own. */
export function htmlSource(html: string, clean: (piece: string) => string): BodySource {
  const pieces = new HtmlPieces(html);
  return {
    next(size) {
      const piece = pieces.next(size);
      if (!piece) return undefined;
      const template = document.createElement('template');
      template.innerHTML = clean(piece.html);
      return { fragment: template.content, reopened: piece.reopened };
    },
  };
}

/** Plain text, a paragraph per blank line. */
export function textSource(text: string): BodySource {
  const paragraphs = text.split(/\n{2,}/);
  let at = 0;
  return {
    next(size) {
      if (at >= paragraphs.length) return undefined;
      const fragment = document.createDocumentFragment();
      for (let length = 0; at < paragraphs.length && length < size; at++) {
        const paragraph = paragraphs[at]!;
        // `plain` keeps the text's own line breaks (a poem's verses, an address), which HTML would join.
        fragment.append(Object.assign(document.createElement('p'), { className: 'plain', textContent: paragraph }));
        length += paragraph.length;
      }
      return { fragment, reopened: 0 };
    },
  };
}

/**
 * Each piece goes in a part of its own, which the browser leaves out of layout
 * and paint while it is off screen (`content-visibility` in styles.css): the
 * frame after a piece then lays out that piece, not the whole body so far (a
 * 1 MB body's last frames took 22 ms of layout and 8 ms of pre-paint each).
 */
const PART = 'body-part';
/** Plain containers, where an extra <div> changes nothing; a list or a table keeps its pieces as they are. */
const HOLDS_PARTS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN']);

const isPart = (node: Node | null): node is HTMLElement => node instanceof HTMLElement && node.classList.contains(PART);

/** The node `into` ends with, looking through parts. */
function lastOf(into: ParentNode): ChildNode | null {
  let last = into.lastChild;
  while (isPart(last)) last = last.lastChild;
  return last;
}

/**
 * Appends `from`'s children to `into`, the first `depth` levels joined into
 * the elements `into` ends with; returns the part made for them, if any.
 */
function join(into: Element, from: ParentNode, depth: number): HTMLElement | undefined {
  const first = from.firstChild;
  const last = lastOf(into);
  let part: HTMLElement | undefined;
  if (depth > 0 && first instanceof Element && last instanceof Element && first.tagName === last.tagName) {
    first.remove();
    part = join(last, first, depth - 1);
  }
  if (!from.hasChildNodes()) return part;
  if (!HOLDS_PARTS.has(into.tagName)) {
    into.append(...Array.from(from.childNodes));
    return part;
  }
  const own = document.createElement('div');
  own.className = PART;
  own.append(...Array.from(from.childNodes));
  into.append(own);
  return own;
}

interface Scheduler {
  postTask(task: () => void, options: { priority: 'background' }): Promise<void>;
}

/**
 * The next piece waits behind everything else the page has to do (the rest of
 * the article's reads, a tap, a frame): the body is the least urgent.
 */
const nextTask = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  return scheduler ? scheduler.postTask(() => undefined, { priority: 'background' }) : new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * Fills `container` from `source`: the first piece at once, the rest a piece
 * per task, until done or `signal` aborts. `aria-busy` is set until the whole
 * body is there.
 */
export async function fillBody(container: HTMLElement, source: BodySource, signal: AbortSignal): Promise<void> {
  container.setAttribute('aria-busy', 'true');
  let size = FIRST_SIZE;
  let sample: { part: HTMLElement; chars: number } | undefined;
  let pixelsPerChar: number | undefined;
  for (let first = true; ; first = false) {
    if (!first) await nextTask();
    if (signal.aborted) return;
    // The first part has been laid out by now: its height per character estimates the height of the
    // parts not laid out yet, so the page is about as long as the article from the start.
    if (sample && pixelsPerChar === undefined) pixelsPerChar = sample.part.getBoundingClientRect().height / sample.chars;
    const started = performance.now();
    const piece = source.next(size);
    if (!piece) break;
    const chars = piece.fragment.textContent?.length ?? 0;
    const part = join(container, piece.fragment, piece.reopened);
    if (part && pixelsPerChar) part.style.containIntrinsicSize = `auto ${Math.ceil(pixelsPerChar * chars)}px`;
    else if (part && chars > 0) sample ??= { part, chars };
    const took = Math.max(1, performance.now() - started);
    size = Math.round(Math.min(MAX_SIZE, Math.max(MIN_SIZE, (size * TARGET_MS) / took)));
  }
  container.removeAttribute('aria-busy');
}
