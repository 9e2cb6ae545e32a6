/**
 * Players (iframe, video, audio, object, embed) cannot go into the feed: the
 * app runs no third-party code. Each one that belongs to the article becomes
 * a note with the app's own wording and a link to the article's page, so its
 * caption (kept) captions something and the reader knows where to watch.
 * Ad slots and tracking frames go without a note.
 */
import { EMBED_LINK, EMBED_OWN_LINK, embedKind, embedUnavailable } from '../../../src/shared/feed/embed-note';

const PLAYERS = 'iframe,video,audio,object,embed';
/** Tuổi Trẻ-style CMSs write a video as a div that their script fills in. */
const SCRIPTED_VIDEO = '[type=VideoStream]';
/** WordPress feeds carry an embed block as its bare address, which the site's page turns into a player. */
const WORDPRESS_EMBED = '.wp-block-embed__wrapper';
/** Frames that are not part of the story: ads, trackers, like and share buttons. */
const NOT_CONTENT =
  /doubleclick|googlesyndication|googletagmanager|adservice|amazon-adsystem|\/ads?\/|facebook\.com\/plugins\/(?:like|share|page|comments|follow)|platform\.twitter\.com\/widgets\/(?:follow|tweet_button)|sp\.zalo\.me/i;
/** Marks a note so that figure clean-up keeps it; sanitising drops the attribute. */
export const NOTE_ATTRIBUTE = 'data-embed-note';

function httpUrl(raw: string | null | undefined, base: string): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function mediaSource(el: Element, base: string): string | undefined {
  const raw =
    el.getAttribute('src') ?? el.getAttribute('data-src') ?? el.getAttribute('data') ?? el.querySelector('source[src]')?.getAttribute('src') ?? bareUrl(el);
  return httpUrl(raw, base);
}

/** The address a WordPress embed block holds as its only text. */
function bareUrl(el: Element): string | undefined {
  if (!el.matches(WORDPRESS_EMBED)) return undefined;
  const text = (el.textContent ?? '').trim();
  return /^https?:\/\/\S+$/.test(text) ? text : undefined;
}

function hiddenOrTiny(el: Element): boolean {
  const style = el.getAttribute('style') ?? '';
  if (/display:\s*none|visibility:\s*hidden/i.test(style)) return true;
  return ['width', 'height'].some((name) => {
    const value = el.getAttribute(name);
    return value !== null && Number.parseInt(value, 10) <= 2;
  });
}

function buildNote(doc: Document, kind: ReturnType<typeof embedKind>, original: string | undefined, src: string | undefined): Element {
  const note = doc.createElement('p');
  note.setAttribute(NOTE_ATTRIBUTE, '');
  const href = original ?? src;
  if (!href) {
    note.textContent = embedUnavailable(kind);
    return note;
  }
  const link = doc.createElement('a');
  link.setAttribute('href', href);
  link.textContent = original ? EMBED_LINK[kind] : EMBED_OWN_LINK[kind];
  note.appendChild(link);
  return note;
}

/**
 * The blocks a CMS puts around a player and nothing else («video-wrap»,
 * «embed-responsive»): the note takes their place, as a paragraph of the
 * article, which Readability keeps (a div of one link it took for a menu).
 */
function wrapperOf(el: Element): Element {
  let outer = el;
  for (let parent = outer.parentElement; parent && !['BODY', 'ARTICLE', 'MAIN', 'FIGURE'].includes(parent.tagName); parent = parent.parentElement) {
    if (parent.children.length !== 1 || (parent.textContent ?? '').trim() !== (outer.textContent ?? '').trim()) break;
    outer = parent;
  }
  return outer;
}

/**
 * `original` is the article's page at its source (absent for an item without
 * one: the note then links to the media itself); `base` resolves the players' addresses.
 */
export function replaceEmbeds(doc: Document, original: string | undefined, base: string): void {
  for (const el of Array.from(doc.querySelectorAll(`${PLAYERS},${SCRIPTED_VIDEO},${WORDPRESS_EMBED}`))) {
    if (!el.isConnected) continue;
    // A WordPress block is a player only as a bare address; one holding a player leaves it to the player.
    if (el.matches(WORDPRESS_EMBED) && (el.querySelector(PLAYERS) || !bareUrl(el))) continue;
    const tag = el.matches(SCRIPTED_VIDEO) ? 'video' : el.matches(WORDPRESS_EMBED) ? 'iframe' : el.tagName.toLowerCase();
    const src = mediaSource(el, base);
    // An empty frame is an ad slot filled by script; a frame with a tracker's or a button's address is no content.
    if ((tag === 'iframe' || tag === 'embed' || tag === 'object') && (!src || NOT_CONTENT.test(src) || hiddenOrTiny(el))) {
      el.remove();
      continue;
    }
    const note = buildNote(doc, embedKind(tag, src), original, src);
    if (tag !== el.tagName.toLowerCase()) {
      // The scripted video's block holds its caption, which stays under the note; a poster picture goes.
      for (const img of Array.from(el.querySelectorAll('img'))) img.remove();
      el.before(note);
      continue;
    }
    // A player inside a paragraph: the note follows that paragraph (a <p> cannot hold a <p>).
    const paragraph = el.parentElement?.closest('p');
    if (paragraph) {
      paragraph.after(note);
      el.remove();
    } else {
      wrapperOf(el).replaceWith(note);
    }
  }
}
