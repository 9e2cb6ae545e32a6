import type { Locator, Page } from 'playwright-core';

/** Pastes `query` into the search box; the titles listed once its answer is shown (none when nothing matched). */
export async function searchTitles(page: Page, query: string): Promise<string[]> {
  await page.fill('#search-input', query);
  await page.waitForFunction(
    (q) => [document.querySelector('.search-count'), document.querySelector('.no-results')].some((e) => e?.textContent?.includes(`“${q}”`)),
    query,
    { timeout: 15_000 },
  );
  return page.locator('.search-results .card-title').allTextContents();
}

/** Index of «Cực lớn» in the text-size choices. */
export const LARGEST_TEXT = 4;

/** Chooses a text size the way Settings stores it, then reloads so it applies before the first paint. */
export async function useTextSize(page: Page, textSize: number): Promise<void> {
  await page.evaluate(
    (size) => localStorage.setItem('bao-preferences', JSON.stringify({ textSize: size, theme: 'system', dataSaver: false })),
    textSize,
  );
}

/** Every element the page pins to the screen (fixed or sticky), as tag.class. */
export function pinnedElements(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => ['fixed', 'sticky'].includes(getComputedStyle(el).position))
      .filter((el) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed')
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
  );
}

/** Where main content starts on screen, in CSS pixels from the top. */
export function contentTop(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('main')!.getBoundingClientRect().top);
}

/** Waits until the header is (or is not) on screen, its slide finished. */
export async function waitForHeader(page: Page, shown: boolean): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const bottom = document.querySelector('.site-header')!.getBoundingClientRect().bottom;
      return wanted ? document.querySelector('.site-header')!.getBoundingClientRect().top === 0 : bottom <= 0;
    },
    shown,
  );
}

export interface SearchHint {
  text: string;
  /** False when the hint, laid out as the field lays out its text, would not fit whole. */
  fits: boolean;
  /** False when the page hides it (transparent) for want of room. */
  shown: boolean;
}

/**
 * The header search field's placeholder: what it says, and whether all of it
 * fits. The field lays the hint out like a typed value, beside the room kept
 * for the clear button, so the hint is typed in for a moment and measured.
 */
export function searchHint(page: Page): Promise<SearchHint> {
  return page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('.site-header input')!;
    const typed = input.value;
    input.value = input.placeholder;
    const fits = input.scrollWidth <= input.clientWidth;
    input.value = typed;
    return { text: input.placeholder, fits, shown: getComputedStyle(input, '::placeholder').color !== 'rgba(0, 0, 0, 0)' };
  });
}

/**
 * Controls (links, buttons, fields) on screen whose words are cut off or that
 * wrap one word per line, as `text: why`. A control of several words that
 * takes a line per word is cramped; a field's typed value may scroll, its
 * hint may not be cut. `within` narrows it to one part of the page (a sheet).
 */
export function crampedControls(page: Page, within = 'body'): Promise<string[]> {
  return page.evaluate((within) =>
    [...document.querySelector(within)!.querySelectorAll<HTMLElement>('a, button, input, select, label')]
      .filter((el) => el.offsetParent !== null && !el.closest('.visually-hidden') && el.getClientRects().length > 0)
      .flatMap((el) => {
        if (el instanceof HTMLInputElement) {
          if (el.value || !el.placeholder) return [];
          // Laid out as the field lays out its text: typed in for a moment and measured.
          el.value = el.placeholder;
          const cut = el.scrollWidth > el.clientWidth;
          el.value = '';
          return cut ? [`${el.placeholder}: hint cut`] : [];
        }
        const text = el.innerText.trim();
        const words = text.split(/\s+/).filter(Boolean).length;
        // Lines as laid out: the distinct bottoms of the text's line boxes.
        const bottoms: number[] = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const rect of range.getClientRects()) if (rect.width > 0) bottoms.push(rect.bottom);
        }
        const lines = bottoms.sort((a, b) => a - b).filter((bottom, i) => i === 0 || bottom - bottoms[i - 1]! > 3).length;
        // A word wider than the control must break; that is not the control being too narrow.
        const style = getComputedStyle(el);
        const problems: string[] = [];
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const widest = Math.max(0, ...text.split(/\s+/).map((word) => context.measureText(word).width));
        const forced = widest > el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (el.scrollWidth > el.clientWidth + 1 && style.textOverflow !== 'ellipsis') problems.push(`cut (${el.scrollWidth} > ${el.clientWidth})`);
        if (words > 1 && lines >= words && !forced) problems.push(`${lines} lines for ${words} words`);
        return problems.map((p) => `${text.slice(0, 40)}: ${p}`);
      }),
    within,
  );
}

/** The smallest target a finger can hit reliably, in CSS px (WCAG 2.5.5). */
export const TAP_TARGET = 44;

export interface TapTarget {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
  /** False when a tap at its middle would land on something else (a pinned header over it). */
  reached: boolean;
}

/** Where a control is on screen, and whether a tap at its middle reaches it. */
export function tapTarget(control: Locator): Promise<TapTarget> {
  return control.evaluate((el) => {
    const { left, right, top, bottom, width, height } = el.getBoundingClientRect();
    const hit = document.elementFromPoint(left + width / 2, top + height / 2);
    return { left, right, top, bottom, width, height, reached: hit !== null && el.contains(hit) };
  });
}

/** Whether all of an element's text is shown: nothing cut off at its edges or with «…». */
export function textWhole(element: Locator): Promise<boolean> {
  return element.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight);
}

const FAIL_READS = 'bao-test-fail-reads';

/**
 * From the next page load on, every read of the page's store fails as when
 * its database connection is closing (the service worker's is untouched),
 * until the returned function is called.
 */
export async function failStoredReads(page: Page): Promise<() => Promise<void>> {
  await page.addInitScript((flag) => {
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if (sessionStorage.getItem(flag) === '1') throw new DOMException('The database connection is closing.', 'InvalidStateError');
      return transaction.apply(this, args);
    };
  }, FAIL_READS);
  await page.evaluate((flag) => sessionStorage.setItem(flag, '1'), FAIL_READS);
  return () => page.evaluate((flag) => sessionStorage.removeItem(flag), FAIL_READS);
}
