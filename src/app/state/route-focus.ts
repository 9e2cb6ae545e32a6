/**
 * After an in-app navigation the link the reader tapped is gone; screen
 * readers (TalkBack) would be left on nothing. Focus moves to the new page's
 * main region instead, without scrolling (Back restores its own position).
 * The router calls this only when the route changes after the first render, so
 * a page load keeps the browser's own focus; so does a field the reader is
 * typing in: the header's search field changes the route as it types.
 */
export function focusMainAfterRouteChange(): void {
  if (document.activeElement instanceof HTMLInputElement) return;
  document.getElementById('main')?.focus({ preventScroll: true });
}
