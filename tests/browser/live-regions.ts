import type { BrowserContext, Page } from 'playwright-core';

/**
 * From the next navigation on, keeps each distinct text the page's live
 * regions (role=status or alert, aria-live) hand to a screen reader: their
 * text without aria-hidden parts, which are left out of the accessibility
 * tree and so never announced. Read with `announcements`.
 */
export async function recordAnnouncements(context: BrowserContext): Promise<void> {
  // A string, not a function: the test runner's transform may add helpers the page does not have.
  await context.addInitScript({
    content: `(() => {
      const said = (window.__announced = []);
      const spoken = (node) => {
        if (node.nodeType === Node.TEXT_NODE) return node.textContent;
        if (node.nodeType !== Node.ELEMENT_NODE || node.getAttribute('aria-hidden') === 'true') return '';
        return [...node.childNodes].map(spoken).join('');
      };
      const last = new Map();
      new MutationObserver(() => {
        document.querySelectorAll('[role=status], [role=alert], [aria-live]').forEach((region) => {
          const text = spoken(region).replace(/\\s+/g, ' ').trim();
          if (text && last.get(region) !== text) said.push(text);
          last.set(region, text);
        });
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    })();`,
  });
}

export function announcements(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as { __announced?: string[] }).__announced ?? []);
}
