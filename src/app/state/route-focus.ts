/** What a history entry remembers of the link the reader followed from it. */
interface FollowedState {
  followed?: string;
}

// Kept in the entry being left (capture: before the router pushes the next
// one), so that Back to it can hand the focus to the same link again.
document.addEventListener(
  'click',
  (event) => {
    const link = event.target instanceof Element ? event.target.closest('#main a[href]') : null;
    if (!link) return;
    history.replaceState({ ...(history.state as FollowedState | null), followed: link.getAttribute('href') ?? undefined } satisfies FollowedState, '');
  },
  true,
);

/** The link this entry was left by, if the screen shows it. */
function followedLink(main: HTMLElement, followed: string): HTMLElement | undefined {
  return [...main.querySelectorAll<HTMLElement>('a[href]')].find((a) => a.getAttribute('href') === followed);
}

/** How long Back waits for the followed link to be listed (saved articles come from the store, results from the search worker). */
const LINK_WAIT_MS = 3_000;

/** Moves the focus from the main region to `followed` once it is listed, unless the reader has moved it meanwhile. */
function focusWhenListed(main: HTMLElement, followed: string): void {
  const observer = new MutationObserver(() => {
    if (document.activeElement !== main) return stop();
    const link = followedLink(main, followed);
    if (!link) return;
    stop();
    link.focus({ preventScroll: true });
    // These lists do not restore their scroll: the link is brought on screen.
    const { top, bottom } = link.getBoundingClientRect();
    if (top < 0 || bottom > innerHeight) link.scrollIntoView({ block: 'center' });
  });
  const timer = setTimeout(() => stop(), LINK_WAIT_MS);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(main, { childList: true, subtree: true });
}

/**
 * After an in-app navigation the link the reader tapped is gone; screen
 * readers (TalkBack) would be left on nothing. Focus moves to the new page's
 * main region instead, without scrolling (Back restores its own position).
 * Back to a screen puts it on the link the reader left that screen by, as a
 * browser does between real pages, as soon as it is listed: from the main
 * region the next Tab went to the top of a list, however far down the reader
 * had been.
 * The router calls this only when the route changes after the first render, so
 * a page load keeps the browser's own focus; so does a field the reader is
 * typing in: the header's search field changes the route as it types.
 */
export function focusMainAfterRouteChange(): void {
  if (document.activeElement instanceof HTMLInputElement) return;
  const main = document.getElementById('main');
  if (!main) return;
  const followed = (history.state as FollowedState | null)?.followed;
  const link = followed === undefined ? undefined : followedLink(main, followed);
  if (link) return link.focus({ preventScroll: true });
  main.focus({ preventScroll: true });
  if (followed !== undefined) focusWhenListed(main, followed);
}
