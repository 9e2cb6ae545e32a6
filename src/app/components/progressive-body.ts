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
        fragment.append(Object.assign(document.createElement('p'), { textContent: paragraph }));
        length += paragraph.length;
      }
      return { fragment, reopened: 0 };
    },
  };
}

/** Appends `from`'s children to `into`, the first `depth` levels joined into the elements `into` ends with. */
function join(into: ParentNode, from: ParentNode, depth: number): void {
  const first = from.firstChild;
  const last = into.lastChild;
  if (depth > 0 && first instanceof Element && last instanceof Element && first.tagName === last.tagName) {
    first.remove();
    join(last, first, depth - 1);
  }
  into.append(...Array.from(from.childNodes));
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
  for (let first = true; ; first = false) {
    if (!first) await nextTask();
    if (signal.aborted) return;
    const started = performance.now();
    const piece = source.next(size);
    if (!piece) break;
    join(container, piece.fragment, piece.reopened);
    const took = Math.max(1, performance.now() - started);
    size = Math.round(Math.min(MAX_SIZE, Math.max(MIN_SIZE, (size * TARGET_MS) / took)));
  }
  container.removeAttribute('aria-busy');
}
