import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/** Where the reader was, kept in the page's own history entry. */
interface EntryState {
  scroll?: { y: number; anchor?: string; offset?: number };
}

// The app restores positions itself: the browser would try before the rows are there.
if ('scrollRestoration' in history) history.scrollRestoration = 'manual';

const ANCHOR = '[data-scroll-anchor]';

/**
 * The first row on screen and how far it sits from the top: rows off screen
 * have only estimated heights (content-visibility), so a bare scrollY would
 * land elsewhere once the page is rebuilt.
 */
function currentScroll(): NonNullable<EntryState['scroll']> {
  for (const row of document.querySelectorAll<HTMLElement>(ANCHOR)) {
    const { top, bottom } = row.getBoundingClientRect();
    if (bottom > 0) return { y: window.scrollY, anchor: row.dataset.scrollAnchor, offset: top };
  }
  return { y: window.scrollY };
}

function restore(scroll: NonNullable<EntryState['scroll']>, framesLeft = 3): void {
  const row = scroll.anchor
    ? [...document.querySelectorAll<HTMLElement>(ANCHOR)].find((r) => r.dataset.scrollAnchor === scroll.anchor)
    : undefined;
  if (!row) {
    window.scrollTo(0, scroll.y);
    return;
  }
  window.scrollTo(0, window.scrollY + row.getBoundingClientRect().top - (scroll.offset ?? 0));
  // Rows that come on screen only now get their real height, which moves the
  // anchor; a few frames of correction put it back exactly.
  if (framesLeft > 0) requestAnimationFrame(() => restore(scroll, framesLeft - 1));
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
