import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../publisher/src/net/client';
import { PictureStore } from '../../../publisher/src/pictures/picture-store';

async function flat(width: number, height: number, format: 'jpeg' | 'png'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 90, b: 40 } } })[format]().toBuffer();
}

describe('pictures of unusual size', () => {
  let out: string;
  const served = new Map<string, Buffer>();
  const log: string[] = [];
  const client: Client = {
    get: async (url) => ({ status: 'ok', url, body: served.get(url)!, contentType: url.endsWith('.png') ? 'image/png' : 'image/jpeg' }),
  };
  const store = () =>
    new PictureStore({
      client,
      outDir: out,
      known: {},
      maxBytes: 10 * 1024 * 1024,
      write: async (path, data) => {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, data);
      },
      log: (message) => log.push(message),
    });

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'bao-pictures-'));
    // A 60-MP camera original, and an infographic taller than WebP allows (both real on papers' sites).
    served.set('https://bao.example/camera.jpg', await flat(10_000, 6_000, 'jpeg'));
    served.set('https://bao.example/infographic.png', await flat(200, 17_000, 'png'));
  }, 60_000);
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('scales a 60-megapixel photo down instead of dropping it', async () => {
    // Before: «Input image exceeds pixel limit», and the article lost its picture.
    const files = await store().get('https://bao.example/camera.jpg', 'article');
    expect(log).toEqual([]);
    expect(files?.map((f) => [f.width, f.height])).toEqual([
      [480, 288],
      [960, 576],
    ]);
  }, 30_000);

  it('keeps a very tall infographic within what WebP can hold, and cuts its thumbnail from the top', async () => {
    const pictures = store();
    const thumbnails = await pictures.get('https://bao.example/infographic.png', 'thumbnail');
    const article = await pictures.get('https://bao.example/infographic.png', 'article');
    // Before: «Processed image is too large for the WebP format» for the 960-px size, and the picture was dropped.
    expect(log).toEqual([]);
    expect(article?.map((f) => [f.width, f.height])).toEqual([[193, 16383]]);
    expect(thumbnails?.map((f) => [f.width, f.height])).toEqual([
      [128, 256],
      [200, 400],
    ]);
    // Each file holds what the feed says it holds, though a thumbnail and an article size share a width.
    for (const file of [...thumbnails!, ...article!]) {
      const meta = await sharp(join(out, file.url)).metadata();
      expect([meta.width, meta.height]).toEqual([file.width, file.height]);
    }
  }, 30_000);

  it('does not fetch a failed picture again for its other role in the same run', async () => {
    const asked: string[] = [];
    const failing = new PictureStore({
      client: { get: async (url) => (asked.push(url), Promise.reject(new Error('no answer within 20000 ms'))) },
      outDir: out,
      known: {},
      maxBytes: 1024,
      write: async () => undefined,
      log: (message) => log.push(message),
    });
    expect(await failing.get('https://cham.example/a.jpg', 'thumbnail')).toBeUndefined();
    expect(await failing.get('https://cham.example/a.jpg', 'article')).toBeUndefined();
    // Before: asked twice, so a picture host that never answers cost the article two time-outs.
    expect(asked).toEqual(['https://cham.example/a.jpg']);
    expect(failing.stats.failed).toBe(1);
  });
});
