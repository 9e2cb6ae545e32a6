/**
 * Splits the items into a head page and archive pages. Items are counted
 * from the oldest in publishing order: every full page of `pageSize` below the
 * newest one is an archive page whose contents never change, named by the
 * hash of its bytes and chained newest → oldest by next_url. The head page
 * keeps between one and two pages' worth of the newest items, so a refresh
 * that brings fewer than `pageSize` new articles needs only the head.
 */
import { createHash } from 'node:crypto';
import type { FeedItem, StoredItem } from './feed-item';

export const HEAD_NAME = 'feed.json';

export interface FeedMeta {
  title: string;
  description?: string;
  homePageUrl?: string;
  language: string;
}

export interface PageFile {
  name: string;
  json: string;
}

export interface Pages {
  head: PageFile;
  /** Oldest first. */
  archives: PageFile[];
}

function pageJson(meta: FeedMeta, items: FeedItem[], nextUrl: string | undefined, head: boolean): string {
  const page: Record<string, unknown> = { version: 'https://jsonfeed.org/version/1.1', title: meta.title };
  // Only the head carries what may change with the config, so archive bytes stay put.
  if (head && meta.homePageUrl) page.home_page_url = meta.homePageUrl;
  if (head && meta.description) page.description = meta.description;
  page.language = meta.language;
  if (nextUrl) page.next_url = nextUrl;
  page.items = items;
  return JSON.stringify(page);
}

export function archiveName(json: string): string {
  return `archive-${createHash('sha256').update(json).digest('hex').slice(0, 16)}.json`;
}

export function buildPages(items: readonly StoredItem[], meta: FeedMeta, pageSize: number): Pages {
  const sorted = [...items].sort((a, b) => a.seq - b.seq);
  const archiveCount = Math.max(0, Math.floor(sorted.length / pageSize) - 1);
  const archives: PageFile[] = [];
  let previous: string | undefined;
  for (let page = 0; page < archiveCount; page++) {
    const slice = sorted.slice(page * pageSize, (page + 1) * pageSize).reverse();
    const json = pageJson(meta, slice.map((s) => s.item), previous, false);
    const name = archiveName(json);
    archives.push({ name, json });
    previous = name;
  }
  const headItems = sorted.slice(archiveCount * pageSize).reverse();
  return { head: { name: HEAD_NAME, json: pageJson(meta, headItems.map((s) => s.item), previous, true) }, archives };
}
