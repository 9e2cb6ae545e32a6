import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What one request to a controlled path does; see tests/server/serve.mjs. */
export interface Behaviour {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  etag?: string;
  delayMs?: number;
  bytesPerSecond?: number;
  chunkBytes?: number;
  dropAfterBytes?: number;
  stallAfterBytes?: number;
  stallMs?: number;
  refuse?: boolean;
  sendLength?: boolean;
  /** Sends `body` (if any), then spaces for ever, until the client hangs up. */
  endless?: boolean;
  /** The Content-Length header to send, true or not. */
  contentLength?: number;
  /** Gzip the body for a client that accepts it. */
  gzip?: boolean;
  lastModified?: string;
  /** Serve `Range: bytes=N-` (206) while If-Range names this version (its etag or lastModified); 416 past the end. */
  ranges?: boolean;
  /** With `ranges`: serve the range whatever If-Range says, as a careless host would. */
  ignoreIfRange?: boolean;
}

/** What a request for a range carried. */
export interface RangeRequest {
  range: string;
  ifRange: string | null;
  acceptEncoding: string | null;
}

export interface PathStats {
  requests: number;
  bodyBytes: number;
  statuses: number[];
  /** How many of the requests carried If-None-Match or If-Modified-Since. */
  conditional: number;
  /** Present once a request asked for a range (routes with `ranges`). */
  ranges?: RangeRequest[];
}

export interface TestServer {
  url: string;
  port: number;
  /** Makes `path` answer with `steps[0]`, then `steps[1]`, …, repeating the last. */
  route(path: string, ...steps: Behaviour[]): Promise<void>;
  reset(): Promise<void>;
  stats(): Promise<Record<string, PathStats>>;
  /** Kills the server process: every later request is refused, as with no network. */
  stop(): Promise<void>;
}

/**
 * Starts tests/server/serve.mjs over the production build in its own process;
 * `mount` also serves a folder under a path (e.g. a published feed at /feed).
 */
export async function startServer(port = 0, mount?: { path: string; dir: string }): Promise<TestServer> {
  const extra = mount ? ['--mount', `${mount.path}=${mount.dir}`] : [];
  const child: ChildProcess = spawn(process.execPath, ['tests/server/serve.mjs', '--root', 'dist', '--port', String(port), ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening (http:\/\/\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
  });
  const send = (path: string, body: string) =>
    fetch(url + path, { method: 'POST', body }).then((r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
    });
  // Control calls are idempotent. A large body can meet a kept-alive socket the
  // server has just closed (EPIPE); a fresh connection then goes through.
  const post = (path: string, body: unknown) => {
    const text = JSON.stringify(body);
    return send(path, text).catch((error: unknown) => {
      if (!(error instanceof TypeError)) throw error;
      return send(path, text);
    });
  };
  return {
    url,
    port: Number(new URL(url).port),
    route: (path, ...steps) => post('/__control/route', { path, steps }),
    reset: () => post('/__control/reset', {}),
    stats: () => fetch(url + '/__control/stats').then((r) => r.json() as Promise<Record<string, PathStats>>),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /**
   * A profile to reuse, as a phone reopening the browser would (kept on close);
   * by default a fresh one, so no earlier test leaks in.
   */
  userDataDir?: string;
}

/** A new empty profile directory for launch({ userDataDir }); the caller removes it. */
export function newProfileDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'bao-chromium-'));
}

/** A new profile whose browser text size is `px` (16 by default), as Android's font scale sets it for the browser. */
export async function profileWithTextSize(px: number): Promise<string> {
  const profile = await newProfileDir();
  await mkdir(`${profile}/Default`, { recursive: true });
  await writeFile(`${profile}/Default/Preferences`, JSON.stringify({ webkit: { webprefs: { default_font_size: px } } }));
  return profile;
}

/** Debian's Chromium, headless. */
export async function launch(options: LaunchOptions = {}): Promise<TestBrowser> {
  const userDataDir = options.userDataDir ?? (await newProfileDir());
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 360, height: 740 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface KillableBrowser extends TestBrowser {
  /** Kills Chromium and every process it started at once (SIGKILL), as a crash or a dead battery does. */
  kill(): Promise<void>;
}

/**
 * Debian's Chromium, headless, started as a process of its own (Playwright
 * attaches over CDP) so that it can really be killed: the profile in
 * `userDataDir` is left as the crash leaves it, for the next launch to reopen.
 */
export async function launchKillable(userDataDir: string): Promise<KillableBrowser> {
  const child = spawn(
    '/usr/bin/chromium',
    [...CHROMIUM_ARGS, '--headless', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, '--window-size=360,740', 'about:blank'],
    // Its own process group, so one signal reaches the renderers and the service worker's process too.
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.once('exit', (code) => reject(new Error(`chromium exited with ${code}: ${seen}`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0]!;
  const page = context.pages()[0] ?? (await context.newPage());
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    await exited;
  };
  return {
    context,
    page,
    kill,
    close: async () => {
      await browser.close().catch(() => undefined);
      await kill();
    },
  };
}

/** Resolves once a service worker controls the page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}

/** Titles of the articles the home list shows, in order. */
export function listedTitles(page: Page): Promise<string[]> {
  return page.locator('.article-list .card-title').allTextContents();
}

/** Presses «Lưu bài» and resolves once the article is really kept (the button no longer busy). */
export async function saveOpenArticle(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lưu bài' }).click();
  await page.locator('button[aria-pressed="true"][aria-busy="false"]', { hasText: 'Đã lưu' }).waitFor();
}

export async function waitForArticles(page: Page, atLeast = 1): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('.article-list .card-title').length >= n,
    atLeast,
    { timeout: 20_000 },
  );
}

/**
 * Resolves once the element at `selector` has kept the same place on screen
 * for `frames` frames in a row: rows brought on screen have taken their real
 * height (content-visibility) and any scroll correction has finished.
 * Returns where it settled (its top, in CSS pixels from the viewport's top).
 */
export async function waitForSteadyPosition(page: Page, selector: string, frames = 5): Promise<number> {
  return page.evaluate(
    async ({ selector, frames }) => {
      const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      let last = Number.NaN;
      let steady = 0;
      // A few seconds of frames at most: a layout that never settles is a failure, not a wait.
      for (let frame = 0; frame < 600; frame++) {
        await nextFrame();
        const top = document.querySelector(selector)?.getBoundingClientRect().top ?? Number.NaN;
        steady = Math.abs(top - last) < 0.5 ? steady + 1 : 0;
        last = top;
        if (steady >= frames) return top;
      }
      throw new Error(`${selector} never kept still`);
    },
    { selector, frames },
  );
}

/**
 * Stops Chromium's install offer from reaching the app in this context: the
 * «Cài ứng dụng» bar floats over the bottom of the screen and, arriving at a
 * random moment, could take a click meant for what is under it.
 */
export async function suppressInstallOffer(context: BrowserContext): Promise<void> {
  await context.addInitScript(() =>
    addEventListener('beforeinstallprompt', (e) => e.stopImmediatePropagation(), { capture: true }),
  );
}

/** Turns an IndexedDB request into a promise, in the page. */
export type InPageRequest = <T>(request: IDBRequest<T>) => Promise<T>;

/** Runs in the page: opens the app's database at whatever version it has, runs `read`, closes it. */
async function openAndRead<T, A>(read: (db: IDBDatabase, arg: A, request: InPageRequest) => Promise<T> | T, arg: A): Promise<T> {
  const request: InPageRequest = (r) =>
    new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const db = await request(indexedDB.open('bao-offline'));
  try {
    return await read(db, arg, request);
  } finally {
    // Transactions still running (or kept open by `read`) finish first.
    db.close();
  }
}

/**
 * Reads the app's database from inside the page, as the app does, without
 * going through the app. `read` runs in the page: it may use only its
 * arguments (the open database, `arg`, which must survive JSON, and `request`).
 */
export function readInPage<T, A = null>(
  page: Page,
  read: (db: IDBDatabase, arg: A, request: InPageRequest) => Promise<T> | T,
  arg: A = null as A,
): Promise<T> {
  return page.evaluate(`(${openAndRead.toString()})(${read.toString()}, ${JSON.stringify(arg)})`) as Promise<T>;
}

/** How many articles the phone holds, read from its database. */
export const storedArticleCount = (page: Page): Promise<number> =>
  readInPage(page, (db, _arg, request) => request(db.transaction('articles').objectStore('articles').count()));

/**
 * In the page: whether the search worker has saved its index as of the last
 * change to the articles (then no save is pending).
 */
export function snapshotSaved(): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('bao-offline');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(['search', 'meta']);
      const snapshot = tx.objectStore('search').get('articles');
      const revision = tx.objectStore('meta').get('articlesRevision');
      tx.oncomplete = () => {
        open.result.close();
        // A build still going saves itself as it goes (`building`): not yet the index of those articles.
        const saved = snapshot.result as { revision?: number; building?: unknown } | undefined;
        resolve(saved !== undefined && saved.building === undefined && saved.revision === revision.result);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}
