import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/** Where the reader was, kept in the page's own history entry. */
interface EntryState {
  scroll?: { y: number; anchor?: string; offset?: number };
}

// The app restores positions itself: the browser would try before the rows are there.
if ('scrollRestoration' in history) history.scrollRestoration = 'manual';

const ANCHOR = '[data-scroll-anchor]';

/**
 * The first row that starts on screen and how far it sits from the top: rows
 * off screen have only estimated heights (content-visibility), so a bare
 * scrollY would land elsewhere once the page is rebuilt.
 */
function currentScroll(): NonNullable<EntryState['scroll']> {
  let partly: NonNullable<EntryState['scroll']> | undefined;
  for (const row of document.querySelectorAll<HTMLElement>(ANCHOR)) {
    const { top, bottom } = row.getBoundingClientRect();
    if (bottom <= 0) continue;
    const here = { y: window.scrollY, anchor: row.dataset.scrollAnchor, offset: top };
    if (top >= 0) return here;
    partly ??= here;
  }
  return partly ?? { y: window.scrollY };
}

/** Frames to keep correcting while rows coming on screen take their real height. */
const SETTLE_FRAMES = 12;

let readerScrolled = false;
for (const type of ['wheel', 'touchstart', 'keydown'] as const) {
  addEventListener(type, () => (readerScrolled = true), { passive: true, capture: true });
}

function restore(scroll: NonNullable<EntryState['scroll']>, framesLeft = SETTLE_FRAMES): void {
  const row = scroll.anchor
    ? [...document.querySelectorAll<HTMLElement>(ANCHOR)].find((r) => r.dataset.scrollAnchor === scroll.anchor)
    : undefined;
  if (!row) {
    window.scrollTo(0, scroll.y);
    return;
  }
  const drift = row.getBoundingClientRect().top - (scroll.offset ?? 0);
  if (Math.abs(drift) >= 1) window.scrollTo(0, window.scrollY + drift);
  // Rows that come on screen get their real height only when the browser next
  // renders (content-visibility), which moves the anchor; keep correcting for
  // a few frames, unless the reader starts scrolling first.
  if (framesLeft > 0 && !readerScrolled) requestAnimationFrame(() => restore(scroll, framesLeft - 1));
}

/**
 * Keeps the page's scroll position in its history entry and, once `ready`
 * (the rows are rendered), goes back to it: Back returns to the same place,
 * while a fresh visit (a new entry) starts at the top.
 */
export function useRememberedScroll(ready: boolean): void {
  const restored = useRef(false);

  useLayoutEffect(() => {
    if (!ready || restored.current) return;
    restored.current = true;
    const scroll = (history.state as EntryState | null)?.scroll;
    readerScrolled = false;
    if (scroll) restore(scroll);
  }, [ready]);

  useEffect(() => {
    const path = location.pathname;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(timer);
      // Only into this page's own entry, never the one the router just pushed.
      if (location.pathname !== path) return;
      history.replaceState({ ...(history.state as EntryState | null), scroll: currentScroll() } satisfies EntryState, '');
    };
    const onScroll = () => {
      clearTimeout(timer);
      // Debounced: browsers throttle pages that call replaceState too often.
      timer = setTimeout(save, 150);
    };
    addEventListener('scroll', onScroll, { passive: true });
    // A tap on a link may come before the debounce ends: save first, while this entry is still current.
    document.addEventListener('click', save, true);
    return () => {
      clearTimeout(timer);
      removeEventListener('scroll', onScroll);
      document.removeEventListener('click', save, true);
    };
  }, []);
}
