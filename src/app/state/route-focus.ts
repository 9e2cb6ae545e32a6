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

/** The link this entry was left by, if the screen shows it again. */
function followedLink(main: HTMLElement): HTMLElement | undefined {
  const followed = (history.state as FollowedState | null)?.followed;
  if (followed === undefined) return undefined;
  return [...main.querySelectorAll<HTMLElement>('a[href]')].find((a) => a.getAttribute('href') === followed);
}

/**
 * After an in-app navigation the link the reader tapped is gone; screen
 * readers (TalkBack) would be left on nothing. Focus moves to the new page's
 * main region instead, without scrolling (Back restores its own position).
 * Back to a screen puts it on the link the reader left it by, as a browser
 * does between real pages: from the main region the next Tab went to the top
 * of a list, however far down the reader had been.
 * The router calls this only when the route changes after the first render, so
 * a page load keeps the browser's own focus; so does a field the reader is
 * typing in: the header's search field changes the route as it types.
 */
export function focusMainAfterRouteChange(): void {
  if (document.activeElement instanceof HTMLInputElement) return;
  const main = document.getElementById('main');
  if (!main) return;
  (followedLink(main) ?? main).focus({ preventScroll: true });
}
