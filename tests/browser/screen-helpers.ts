import type { Page } from 'playwright-core';

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
