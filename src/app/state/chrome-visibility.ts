/**
 * Whether the header shows, from how the page last scrolled: it goes while the
 * reader reads down and comes back on the first move up, as news apps do.
 * Pure, so the rule is tested without a browser.
 */
export interface ScrollStep {
  /** scrollY before and after this step. */
  from: number;
  to: number;
  /** Height of the header: near the top it always shows. */
  headerHeight: number;
}

/** Small moves (a finger resting, rubber-banding) change nothing. */
const JITTER_PX = 4;

export function headerShown(shownBefore: boolean, step: ScrollStep): boolean {
  if (step.to <= step.headerHeight) return true;
  const delta = step.to - step.from;
  if (delta > JITTER_PX) return false;
  if (delta < -JITTER_PX) return true;
  return shownBefore;
}
