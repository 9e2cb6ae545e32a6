import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { h, render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { LocationProvider } from 'preact-iso';
import { expect, onTestFinished, vi } from 'vitest';
import type { Article } from '../../../src/shared/feed/types';
import { FakeCacheStorage } from './fake-caches';
import { stubRefreshWorker } from './refresh-worker';

/**
 * A fresh page for a happy-dom test of a screen: an empty database, empty
 * caches, no network, and fresh modules (the page keeps its connection and
 * signals in module state). Import the screen after this, dynamically, so it
 * shares this page's modules.
 */
export async function freshPage(path = '/') {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  const caches = new FakeCacheStorage();
  vi.stubGlobal('caches', caches);
  vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
  stubRefreshWorker();
  // The page's listeners (refresh status, changed articles) stop with the test, as they would with the page.
  const channels: BroadcastChannel[] = [];
  vi.stubGlobal(
    'BroadcastChannel',
    class extends BroadcastChannel {
      constructor(name: string) {
        super(name);
        channels.push(this);
      }
    },
  );
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(null, '', path);
  const [{ db }, { mergeArticles }] = await Promise.all([
    import('../../../src/app/actions/db'),
    import('../../../src/shared/store/articles'),
  ]);
  const database = await db();
  onTestFinished(() => {
    // The database is left open: each test has its own, and a screen's last reads may still be under way.
    for (const channel of channels) channel.close();
    vi.unstubAllGlobals();
  });
  return {
    caches,
    db: database,
    /** Stores articles as a refresh does (and announces them). */
    refresh: (items: readonly Article[], now = Date.now()) => mergeArticles(database, items, now),
  };
}

/** Renders a screen as the app does (inside the router's location), until the test ends. */
export async function show(screen: ComponentChild): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(h(LocationProvider, null, screen), root));
  onTestFinished(() => {
    render(null, root);
    root.remove();
  });
  return root;
}

/** Waits until the screen says `text` (reads, renders and effects are asynchronous). */
export async function waitForText(root: HTMLElement, text: string): Promise<void> {
  await vi.waitFor(() => expect(root.textContent).toContain(text), { timeout: 3_000 });
}

/** The visible text of every element matching `selector`, in order. */
export function textsOf(root: HTMLElement, selector: string): string[] {
  return [...root.querySelectorAll(selector)].map((element) => element.textContent ?? '');
}

/** Types `text` into a field, as a reader would, and lets the screen take it in before the next step. */
export async function typeInto(field: HTMLInputElement, text: string): Promise<void> {
  await act(() => {
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** The button whose text is `label`; fails the test if there is none. */
export function button(root: HTMLElement, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`No button «${label}» in: ${root.textContent}`);
  return found;
}

let published = Date.parse('2024-03-01T08:00:00+07:00');

/** An article as a feed gives it; each one made is an hour older than the one before. */
export function article(id: string, title: string, more: Partial<Article> = {}): Article {
  published -= 3_600_000;
  return {
    id,
    title,
    contentHtml: `<p>${title}: nội dung của bài.</p>`,
    published,
    authors: [],
    tags: [],
    ...more,
  };
}
