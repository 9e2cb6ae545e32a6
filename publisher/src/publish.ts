/**
 * One run: read every source, take in what is new, and write the next
 * edition of the feed. Network, clock, log and file writes are injected.
 */
import type { PublisherConfig, SourceConfig } from './config';
import { BUILT_IN_RULES } from './extract/site-rules';
import { buildItem } from './feed/build-item';
import { StoryIndex } from './feed/dedupe';
import type { StoredItem } from './feed/feed-item';
import { completeTeasers } from './feed/complete-teasers';
import { buildPages } from './feed/pages';
import { retire } from './feed/retention';
import { canonicalUrl, storyId, storyKeys, volatileParameters } from './feed/story-keys';
import { createClient, type Client } from './net/client';
import type { Clock } from './net/host-pacer';
import { FetchError, type FetchLike } from './net/http';
import { uncompressedText } from './net/leftover-compression';
import { writeFileAtomic, type WriteFileAtomic } from './output/atomic-file';
import { withRunLock } from './output/run-lock';
import { writeSite } from './output/write-site';
import { PictureStore, type PictureStats } from './pictures/picture-store';
import { decodeBody } from './sources/decode';
import { parseSource } from './sources/parse-source';
import type { SourceItem } from './sources/source-item';
import { loadState, type PublisherState } from './state';
import { mapLimit } from './map-limit';

/** Sources read, and articles built, at the same time. */
const PARALLEL = 4;

/** A story to take in: where it came from, and the tags of other sources that carried it too. */
interface Planned {
  source: SourceConfig;
  item: SourceItem;
  keys: string[];
  published: number;
  tags: string[];
}

type Story = StoredItem | Planned;

export interface PublishDeps {
  fetch: FetchLike;
  clock: Clock;
  log: (message: string) => void;
  write?: WriteFileAtomic;
}

export interface PublishSummary {
  sourcesOk: number;
  sourcesFailed: number;
  newItems: number;
  /** Teasers published earlier that became whole articles, their pages answering at last. */
  completedItems: number;
  keptItems: number;
  headChanged: boolean;
  bytesWritten: number;
  pictures: PictureStats;
  ms: number;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readSource(source: SourceConfig, state: PublisherState, client: Client, maxBytes: number): Promise<SourceItem[] | 'not-modified'> {
  const previous = state.sources[source.url] ?? {};
  const result = await client
    .get(source.url, {
      maxBytes,
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5',
      ...previous,
    })
    .then((answer) => (answer.status === 'ok' ? { ...answer, body: uncompressedText(answer.body, maxBytes, answer.url) } : answer))
    .catch((error: unknown) => {
      // A feed that keeps 2,000 whole articles passes 5 MB: the operator is told which setting says so.
      throw error instanceof FetchError && error.kind === 'too-large' ? new FetchError('too-large', `${error.message} (maxFeedBytes in the config)`) : error;
    });
  if (result.status === 'not-modified') return 'not-modified';
  const items = parseSource(decodeBody(result.body, result.contentType), result.url);
  // Validators are kept only for a source that parsed: a broken answer must be fetched again.
  state.sources[source.url] = {
    ...(result.etag ? { etag: result.etag } : {}),
    ...(result.lastModified ? { lastModified: result.lastModified } : {}),
  };
  return items;
}

export function publish(config: PublisherConfig, outDir: string, deps: PublishDeps): Promise<PublishSummary> {
  return withRunLock(outDir, deps.clock.now, () => publishLocked(config, outDir, deps));
}

async function publishLocked(config: PublisherConfig, outDir: string, deps: PublishDeps): Promise<PublishSummary> {
  const started = deps.clock.now();
  const state = await loadState(outDir);
  const write = deps.write ?? writeFileAtomic;
  const client = createClient({
    fetch: deps.fetch,
    clock: deps.clock,
    userAgent: config.userAgent,
    hostIntervalMs: config.hostIntervalMs,
    timeoutMs: config.timeoutMs,
    maxRedirects: config.maxRedirects,
  });
  const pictures = new PictureStore({ client, outDir, known: state.pictures, maxBytes: config.maxPictureBytes, write, log: deps.log });
  const rules = [...config.siteRules, ...BUILT_IN_RULES];
  // Keys written by an older run knew fewer trackers: the address it published is read again with today's.
  for (const stored of state.items) {
    const url = stored.item.url && canonicalUrl(stored.item.url);
    if (url && !stored.keys.includes(`url:${url}`)) stored.keys.push(`url:${url}`);
  }
  const index = new StoryIndex<Story>(state.items);
  const planned: Planned[] = [];
  let sourcesOk = 0;
  let sourcesFailed = 0;

  // Sources are read side by side (pacing is per host), then taken in config order so that
  // which copy of a story is kept does not depend on which site answered first.
  const readings = await mapLimit(config.sources, PARALLEL, async (source) => {
    try {
      return { source, ok: true as const, items: await readSource(source, state, client, config.maxFeedBytes) };
    } catch (error) {
      return { source, ok: false as const, error };
    }
  });
  for (const reading of readings) {
    const { source } = reading;
    if (!reading.ok) {
      sourcesFailed++;
      deps.log(`source skipped: ${source.name} <${source.url}>: ${reason(reading.error)}`);
      continue;
    }
    sourcesOk++;
    if (reading.items === 'not-modified') continue;
    // A feed that empties at once is most often a CMS fault: before, the run said nothing of it.
    if (reading.items.length === 0) deps.log(`source has no items: ${source.name} <${source.url}> (its articles published before are kept)`);
    const now = deps.clock.now();
    // From a feed that keeps years of stories, 30 ever older ones a run were put at the top of the head
    // page, run after run: a story more than retention.maxAgeDays older than the feed's newest is left.
    // Counted from the newest, not from now, so a quiet site's last stories are still published; a date
    // typed years ahead counts as now.
    const newest = Math.min(now, reading.items.reduce((max, item) => Math.max(max, item.published ?? -Infinity), -Infinity));
    const oldest = newest - config.retention.maxAgeDays * 24 * 3600 * 1000;
    const volatile = volatileParameters(reading.items.flatMap((item) => (item.url ? [item.url] : [])));
    const candidates = reading.items
      .filter((item) => item.published === undefined || item.published >= oldest)
      .map((item) => ({ item, keys: storyKeys({ sourceUrl: source.url, guid: item.guid, title: item.title, volatile, ...(item.url ? { url: item.url } : {}) }) }))
      .filter(({ keys }) => !index.seen(keys))
      .sort((a, b) => (b.item.published ?? now) - (a.item.published ?? now))
      .slice(0, config.maxNewPerSource);
    for (const { item, keys } of candidates) {
      const published = Math.min(item.published ?? now, now);
      const twin = index.match(keys, published);
      if (twin) {
        // The same story from another source: remember its keys so it is not fetched again.
        twin.keys.push(...keys.filter((k) => !twin.keys.includes(k)));
        if ('source' in twin && !twin.tags.includes(source.name)) twin.tags.push(source.name);
        continue;
      }
      const story: Planned = { source, item, keys, published, tags: [] };
      planned.push(story);
      index.add(story);
    }
  }

  // Articles are fetched side by side too: a slow site does not hold up the others.
  const now = deps.clock.now();
  const context = { client, pictures, rules, maxPageBytes: config.maxPageBytes, now, log: deps.log };
  // With every source down, their article pages most likely are too: not asked for again now.
  const completed = sourcesOk > 0 ? await completeTeasers(state.items, config.sources, context) : [];
  const built = await mapLimit(planned, PARALLEL, async (story) => {
    let busy = false;
    try {
      const item = await buildItem(storyId(story.source.url, story.item.guid, story.item.url), story.item, { ...context, source: story.source, pageBusy: () => (busy = true) });
      return item && { item, busy };
    } catch (error) {
      deps.log(`item skipped: ${story.item.url ?? story.item.guid}: ${reason(error)}`);
      return undefined;
    }
  });
  const fresh: StoredItem[] = [];
  planned.forEach((story, i) => {
    const result = built[i];
    if (!result) return;
    const { item, busy } = result;
    for (const tag of story.tags) if (!item.tags.includes(tag)) item.tags.push(tag);
    // An undated item may have been dated by its page: its place in publishing order and retention follow that.
    const published = story.item.published === undefined ? Date.parse(item.date_published) : story.published;
    const stored: StoredItem = { seq: 0, keys: story.keys, published, item };
    if (busy) stored.completion = { source: story.source.url, item: story.item, tries: 1 };
    fresh.push(stored);
  });

  // Older stories first, so the newest gets the highest place in publishing order. A completed
  // teaser takes a new place too, on the head page: readers stop at the first page holding a story
  // they have as it is, so on an archive page its whole text reached none of those who had the teaser.
  const placed = [...fresh, ...completed].sort((a, b) => a.published - b.published || a.item.id.localeCompare(b.item.id));
  for (const item of placed) item.seq = state.nextSeq++;
  state.items = retire([...state.items, ...fresh], {
    pageSize: config.pageSize,
    maxItems: config.retention.maxItems,
    maxAgeDays: config.retention.maxAgeDays,
    now: deps.clock.now(),
  });
  // With no source read there is nothing new to say: the output stays exactly as it was.
  const report =
    sourcesOk === 0
      ? { bytesWritten: 0, headChanged: false }
      : await writeSite(outDir, buildPages(state.items, config, config.pageSize), state, { write, now: deps.clock.now() });
  return {
    sourcesOk,
    sourcesFailed,
    newItems: fresh.length,
    completedItems: completed.length,
    keptItems: state.items.length,
    headChanged: report.headChanged,
    bytesWritten: report.bytesWritten + pictures.stats.resizedBytes,
    pictures: pictures.stats,
    ms: deps.clock.now() - started,
  };
}
