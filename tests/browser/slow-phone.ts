import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** Issue 9's reader: a 400 kbit/s line with 400 ms latency, on a CPU four times slower than this machine. */
export const SLOW_PHONE = {
  latencyMs: 400,
  bytesPerSecond: 400_000 / 8,
  cpuSlowdown: 4,
} as const;

const conditions = {
  offline: false,
  latency: SLOW_PHONE.latencyMs,
  downloadThroughput: SLOW_PHONE.bytesPerSecond,
  uploadThroughput: SLOW_PHONE.bytesPerSecond,
};

/**
 * Puts `page` and every worker it starts (the service worker included, from
 * its first instruction: a worker waits for this before it runs) on the slow
 * phone's network; the page's main thread also gets the slow CPU. Chromium's
 * emulation is per target, so without the workers the service worker's
 * downloads would go at full speed.
 */
export async function emulateSlowPhone(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  let nextId = 1;
  const inWorker = (sessionId: string, method: string, params: object = {}) =>
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId++, method, params }) });
  cdp.on('Target.attachedToTarget', (event) => {
    const { sessionId } = event;
    void (async () => {
      await inWorker(sessionId, 'Network.enable');
      await inWorker(sessionId, 'Network.emulateNetworkConditions', conditions);
      await inWorker(sessionId, 'Runtime.runIfWaitingForDebugger');
    })().catch(() => undefined); // The browser closed meanwhile.
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', conditions);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PHONE.cpuSlowdown });
  // The older, unflattened protocol: Playwright's own session to the page keeps the flattened one.
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return cdp;
}

export interface FirstVisitRecord {
  /** Milliseconds from navigation to the first article title on screen; undefined until then. */
  firstArticleAt?: number;
  /** Each distinct state of the screen until then: the main area's text, and the refresh button's. */
  screens: { main: string; button: string }[];
}

/**
 * From the next navigation on, records what the screen says until the first
 * article shows (read with `firstVisitRecord`). Runs in the page, so the time
 * is the page's own clock from navigation start.
 */
export async function recordFirstVisit(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const record: FirstVisitRecord = { screens: [] };
    (window as { __firstVisit?: FirstVisitRecord }).__firstVisit = record;
    const observer = new MutationObserver(() => {
      const main = document.querySelector('main')?.textContent ?? '';
      const button = document.querySelector('.status-bar button')?.textContent ?? '';
      const last = record.screens.at(-1);
      if (last?.main !== main || last.button !== button) record.screens.push({ main, button });
      if (document.querySelector('.article-list .card-title')) {
        record.firstArticleAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/** What `recordFirstVisit` saw, once the first article is on screen. */
export async function firstVisitRecord(page: Page, timeoutMs = 60_000): Promise<FirstVisitRecord & { firstArticleAt: number }> {
  const handle = await page.waitForFunction(
    () => {
      const record = (window as { __firstVisit?: FirstVisitRecord }).__firstVisit;
      return record?.firstArticleAt !== undefined && record;
    },
    undefined,
    { timeout: timeoutMs, polling: 250 },
  );
  return (await handle.jsonValue()) as FirstVisitRecord & { firstArticleAt: number };
}
