import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig, type PublisherConfig } from '../../../publisher/src/config';
import type { FeedItem } from '../../../publisher/src/feed/feed-item';
import { writeFileAtomic } from '../../../publisher/src/output/atomic-file';
import { publish, type PublishDeps } from '../../../publisher/src/publish';
import { htmlToText } from '../../../publisher/src/text/html-text';
import { FIRST_STORY_AT, startFixtureSites, type FixtureSites } from '../../fixtures/publisher/sites';
import { textSimilarity } from '../../fixtures/publisher/similarity';
import { trueText, type Story } from '../../fixtures/publisher/stories';

const NOW = FIRST_STORY_AT + 30 * 24 * 3600 * 1000;

interface Page {
  next_url?: string;
  items: FeedItem[];
}

async function readChain(out: string): Promise<{ pages: string[]; items: FeedItem[] }> {
  const pages: string[] = [];
  const items: FeedItem[] = [];
  for (let name: string | undefined = 'feed.json'; name; ) {
    pages.push(name);
    const page = JSON.parse(await readFile(join(out, name), 'utf8')) as Page;
    items.push(...page.items);
    name = page.next_url;
  }
  return { pages, items };
}

async function snapshot(out: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of await readdir(out)) if (name.endsWith('.json') || name.endsWith('.gz') || name.endsWith('.br')) files.set(name, (await readFile(join(out, name))).toString('base64'));
  for (const name of await readdir(join(out, 'pictures'))) files.set(`pictures/${name}`, (await readFile(join(out, 'pictures', name))).toString('base64'));
  return files;
}

describe('publishing from news sites', { timeout: 60_000 }, () => {
  let sites: FixtureSites;
  let out: string;
  let config: PublisherConfig;
  const logs: string[] = [];
  const deps = (): PublishDeps => ({
    fetch: (url, init) => fetch(url, init),
    clock: { now: () => NOW, sleep: async () => undefined },
    log: (line) => logs.push(line),
  });

  beforeAll(async () => {
    sites = await startFixtureSites({ storiesPerSite: 3 });
    out = await mkdtemp(join(tmpdir(), 'bao-publish-'));
    config = parseConfig({
      title: 'Tin tỉnh nhà',
      pageSize: 4,
      hostIntervalMs: 0,
      maxFeedBytes: 300_000,
      sources: [
        { name: 'Báo Đông Bắc', url: sites.feedUrl('vne'), section: 'Thời sự' },
        { name: 'Báo Tây Nguyên', url: sites.feedUrl('tt'), section: 'Thời sự' },
        { name: 'Báo Sơn La', url: sites.feedUrl('tinh'), section: 'Địa phương' },
        { name: 'Thư viện tỉnh', url: sites.feedUrl('lib'), section: 'Văn hóa' },
        { name: 'Báo Đông Bắc (bản sao)', url: `${sites.feedUrl('vne')}?ban=2` },
        { name: 'Trang lỗi', url: sites.badUrl('html-page') },
        { name: 'XML hỏng', url: sites.badUrl('broken-xml') },
        { name: 'Vô tận', url: sites.badUrl('huge') },
        { name: 'Chuyển hướng mãi', url: sites.badUrl('redirect-loop') },
        { name: 'Bị cấm', url: sites.badUrl('robots-disallowed') },
        { name: 'Mã độc', url: sites.badUrl('hostile') },
      ],
    });
  });

  afterAll(async () => {
    await sites.stop();
    await rm(out, { recursive: true, force: true });
  });

  const storiesOf = () => (['vne', 'tt', 'tinh', 'lib'] as const).flatMap((site) => sites.stories(site).map((story) => ({ site, story })));
  const linkOf = (site: string, story: Story) => `${sites.origin(site as 'vne')}${site === 'lib' ? '/sach/' : '/tin/'}${story.slug}${site === 'lib' ? '' : '.html'}`;

  it('publishes every story once, with its true text, source, section and resized pictures; bad sources are skipped with a reason', async () => {
    const summary = await publish(config, out, deps());
    expect(summary).toMatchObject({ sourcesOk: 6, sourcesFailed: 5, newItems: 13, keptItems: 13 });

    for (const [url, reason] of [
      [sites.badUrl('html-page'), /HTML page/],
      [sites.badUrl('broken-xml'), /broken XML/],
      // The setting to change is named: before, only the byte count was.
      [sites.badUrl('huge'), /over the limit of \d+ bytes \(maxFeedBytes in the config\)$/],
      [sites.badUrl('redirect-loop'), /redirects/],
      [sites.badUrl('robots-disallowed'), /robots\.txt/],
    ] as const) {
      expect(logs.find((line) => line.startsWith('source skipped') && line.includes(url))).toMatch(reason);
    }

    const { items } = await readChain(out);
    expect(items).toHaveLength(13);
    for (const { site, story } of storiesOf()) {
      const item = items.find((i) => i.url === linkOf(site, story));
      expect(item, story.title).toBeDefined();
      expect(item!.title).toBe(story.title);
      expect(textSimilarity(htmlToText(item!.content_html), trueText(story)), story.title).toBeGreaterThanOrEqual(0.95);
      expect(item!.date_published).toBe(story.published.toISOString());
      expect(item!.tags).toContain(config.sources.find((s) => s.url === sites.feedUrl(site))!.name);
      expect(item!.content_html).toContain(story.pictures[0]!.picture.caption);
    }
    // The copy of a source brought nothing twice.
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);

    const hostile = items.find((i) => i.title.includes('mã độc'))!;
    // Markup in a title is read as markup, and a script in it is dropped.
    expect(hostile.title).toBe('Tin có mã độc');
    expect(hostile.url).toBeUndefined();
    expect(hostile.content_html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|style=/i);
    expect(hostile.content_html).toContain('Người đọc chỉ cần phần chữ này.');

    expect(new Set(sites.log.map((r) => r.userAgent))).toEqual(new Set([config.userAgent]));
  });

  it('resizes pictures to the thumbnail and article widths in WebP and describes them as the contract says', async () => {
    const { items } = await readChain(out);
    const item = items.find((i) => i.url?.includes('/tin/') && i._bao_offline)!;
    const meta = item._bao_offline!;
    expect(item.image).toBe(meta.image!.url);
    expect(meta.thumbnail).toMatchObject({ width: 128, height: 80 });
    expect(meta.image).toMatchObject({ width: 480, height: 300 });
    const base = meta.image!.url.replace(/-480\.webp$/, '');
    expect(meta.thumbnail!.srcset).toBe(`${base}-128.webp 128w, ${base}-256.webp 256w`);
    expect(meta.image!.srcset).toBe(`${base}-480.webp 480w, ${base}-960.webp 960w`);
    for (const [width, height] of [[128, 80], [256, 160], [480, 300], [960, 600]]) {
      const info = await sharp(join(out, `${base}-${width}.webp`)).metadata();
      expect([info.format, info.width, info.height]).toEqual(['webp', width, height]);
    }
    const img = /<figure><img ([^>]*)><figcaption>/.exec(item.content_html)?.[1];
    expect(img).toContain(`srcset="${base}-480.webp 480w, ${base}-960.webp 960w"`);
    expect(img).toContain('sizes="(max-width: 600px) 100vw, 600px"');
    expect(img).toContain('width="480" height="300"');
    // Smaller than what the sites sent.
    let resized = 0;
    for (const name of await readdir(join(out, 'pictures'))) resized += (await stat(join(out, 'pictures', name))).size;
    expect(resized).toBeLessThan(sites.pictureBytes() / 2);
  });

  it('on a run with nothing new, asks only conditionally, fetches no article and leaves the head untouched', async () => {
    const before = await snapshot(out);
    const headTime = (await stat(join(out, 'feed.json'))).mtimeMs;
    const seen = sites.log.length;
    const summary = await publish(config, out, deps());
    expect(summary).toMatchObject({ newItems: 0, headChanged: false });
    const requests = sites.log.slice(seen);
    expect(requests.filter((r) => r.path.includes('/tin/') || r.path.includes('/images/'))).toEqual([]);
    expect(requests.filter((r) => r.site !== 'bad' && !r.path.endsWith('robots.txt')).map((r) => r.status)).toEqual([304, 304, 304, 304, 304]);
    expect(await snapshot(out)).toEqual(before);
    expect((await stat(join(out, 'feed.json'))).mtimeMs).toBe(headTime);
  });

  it('with new stories, adds them and keeps every archive page byte for byte', async () => {
    const before = await snapshot(out);
    const archivesBefore = [...before.keys()].filter((n) => n.startsWith('archive-'));
    expect(archivesBefore.length).toBeGreaterThan(0);
    const added = [...sites.addStories('vne', 2), ...sites.addStories('tinh', 1)];
    const summary = await publish(config, out, deps());
    expect(summary.newItems).toBe(3);
    const after = await snapshot(out);
    for (const name of archivesBefore) expect(after.get(name), name).toBe(before.get(name));
    const head = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as Page;
    expect(head.items.slice(0, 3).map((i) => i.title)).toEqual(added.map((s) => s.title).reverse());
  });

  it('writes the same archive bytes when run afresh from the same sources', async () => {
    const again = await mkdtemp(join(tmpdir(), 'bao-publish-again-'));
    try {
      await publish(config, again, deps());
      const first = await snapshot(out);
      const second = await snapshot(again);
      const archives = [...second.keys()].filter((n) => n.startsWith('archive-'));
      expect(archives.length).toBeGreaterThan(0);
      for (const name of archives) expect(second.get(name), name).toBe(first.get(name));
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it('refuses to run while another run writes the same folder', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The first run is held at its first request, lock taken.
    const first = publish(config, out, { ...deps(), fetch: async (url, init) => (await gate, fetch(url, init)) });
    await vi.waitFor(() => stat(join(out, '.publisher', 'lock')));
    await expect(publish(config, out, deps())).rejects.toThrow(/another run .* is writing/);
    release();
    await first;
    await expect(stat(join(out, '.publisher', 'lock'))).rejects.toThrow(/ENOENT/);
  });

  it('a run that fails while writing leaves the previous output served intact', async () => {
    const before = await snapshot(out);
    sites.addStories('tt', 5);
    const failing: PublishDeps = {
      ...deps(),
      write: async (path, data) => {
        if (path.endsWith('feed.json')) throw new Error('disk full');
        await writeFileAtomic(path, data);
      },
    };
    await expect(publish(config, out, failing)).rejects.toThrow('disk full');
    const after = await snapshot(out);
    for (const [name, bytes] of before) expect(after.get(name), name).toBe(bytes);
    const { items, pages } = await readChain(out);
    expect(pages.length).toBeGreaterThan(1);
    for (const item of items) {
      for (const url of [item.image, item._bao_offline?.thumbnail?.url]) if (url) await expect(stat(join(out, url))).resolves.toBeDefined();
    }
    // The next good run catches up.
    const summary = await publish(config, out, deps());
    expect((await readChain(out)).items.filter((i) => sites.stories('tt').some((s) => s.title === i.title))).toHaveLength(sites.stories('tt').length);
    expect(summary.sourcesFailed).toBe(5);
  });
});
