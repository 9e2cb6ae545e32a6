// Bytes on the wire as Chromium's network events count them (CDP
// encodedDataLength, through Playwright's request sizes: headers and body as
// received, compressed), the service worker's own requests included.
// Responses the service worker answered from its caches cost nothing.
import type { BrowserContext, Request } from 'playwright-core';

export interface Tally {
  bytes: number;
  requests: { url: string; bytes: number }[];
}

/** How long the network must stay idle before a step counts as over (lazy pictures, precache). */
const QUIET_MS = 1_500;

export function tallyRequests(context: BrowserContext): { take(): Promise<Tally> } {
  let pending: Promise<{ url: string; bytes: number } | undefined>[] = [];
  let inFlight = 0;
  let lastActivity = Date.now();
  context.on('request', () => {
    inFlight++;
    lastActivity = Date.now();
  });
  // A 304 whose (empty) body nobody reads ends as "aborted": its headers still crossed the wire.
  const onEnded = (request: Request) => {
    inFlight--;
    lastActivity = Date.now();
    pending.push(
      (async () => {
        const response = await request.response();
        if (response?.fromServiceWorker()) return undefined;
        const sizes = await request.sizes();
        return { url: request.url(), bytes: sizes.responseHeadersSize + sizes.responseBodySize };
      })().catch(() => undefined),
    );
  };
  context.on('requestfinished', onEnded);
  context.on('requestfailed', onEnded);
  return {
    async take() {
      while (inFlight > 0 || Date.now() - lastActivity < QUIET_MS) await new Promise((r) => setTimeout(r, 100));
      const done = (await Promise.all(pending)).filter((r): r is { url: string; bytes: number } => r !== undefined);
      pending = [];
      return { bytes: done.reduce((sum, r) => sum + r.bytes, 0), requests: done };
    },
  };
}
