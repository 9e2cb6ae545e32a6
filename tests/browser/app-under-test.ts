import { afterAll, beforeAll } from 'vitest';
import { launch, startServer, suppressInstallOffer, type TestBrowser, type TestServer } from './harness';

export interface AppUnderTest {
  readonly server: TestServer;
  readonly browser: TestBrowser;
}

/**
 * For one describe block: the production build on its own test server and a
 * fresh Chromium profile, both started before the tests and stopped after.
 * `hideInstallOffer` keeps Chromium's install bar from covering what tests click;
 * `mount` also serves a folder under a path (see tests/server/serve.mjs).
 */
export function appUnderTest(options: { hideInstallOffer?: boolean; mount?: { path: string; dir: string } } = {}): AppUnderTest {
  let server: TestServer | undefined;
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    server = await startServer(0, options.mount);
    browser = await launch();
    if (options.hideInstallOffer) await suppressInstallOffer(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('server not started: use appUnderTest() inside describe()');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('browser not started: use appUnderTest() inside describe()');
      return browser;
    },
  };
}
