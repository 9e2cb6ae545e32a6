/**
 * Article pictures, downloaded once and kept by the hash of their bytes
 * (content-addressed: the same picture from two URLs is one set of files),
 * resized into `pictures/<hash>-<width>.webp`.
 */
import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '../net/client';
import type { WriteFileAtomic } from '../output/atomic-file';
import { ARTICLE_WIDTHS, THUMBNAIL_WIDTHS, inspect, resize, targetWidths } from './resize';

export type PictureRole = 'thumbnail' | 'article';

export interface PictureFile {
  /** Relative to the output folder, e.g. "pictures/ab12cd-480.webp". */
  url: string;
  width: number;
  height: number;
}

/** What the state file remembers about one picture URL. */
export interface KnownPicture {
  hash: string;
  width: number;
  height: number;
  /** Bytes of the original as downloaded. */
  bytes: number;
  variants: Partial<Record<PictureRole, PictureFile[]>>;
}

export interface PictureStats {
  downloaded: number;
  originalBytes: number;
  resizedBytes: number;
  failed: number;
}

const ROLE_WIDTHS: Record<PictureRole, readonly number[]> = { thumbnail: THUMBNAIL_WIDTHS, article: ARTICLE_WIDTHS };
const MIN_SIDE = 16;
const ROLE_QUALITY: Record<PictureRole, number> = { thumbnail: 65, article: 72 };

export class PictureStore {
  readonly stats: PictureStats = { downloaded: 0, originalBytes: 0, resizedBytes: 0, failed: 0 };
  /** Originals on their way or waiting for their article sizes; dropped once those are made. */
  private readonly originals = new Map<string, Promise<Buffer>>();
  /** Pictures that could not be had in this run. */
  private readonly failed = new Set<string>();

  constructor(
    private readonly options: {
      client: Client;
      outDir: string;
      known: Record<string, KnownPicture>;
      maxBytes: number;
      write: WriteFileAtomic;
      log: (message: string) => void;
    },
  ) {}

  /** Every picture file an item may reference, for the clean-up of unused ones. */
  get known(): Record<string, KnownPicture> {
    return this.options.known;
  }

  /**
   * The resized files for a picture URL in a role, or undefined when it cannot be had.
   * `page`: the article it is shown on, sent as the Referer (hotlink protection refused pictures asked for without one).
   */
  async get(url: string, role: PictureRole, page?: string): Promise<PictureFile[] | undefined> {
    // Asked again for its other role, a picture that failed is not fetched again: a host that does not
    // answer would cost the time-out twice over.
    if (this.failed.has(url)) return undefined;
    try {
      return await this.variants(url, role, page);
    } catch (error) {
      this.failed.add(url);
      this.stats.failed++;
      this.options.log(`picture skipped: ${url}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private async variants(url: string, role: PictureRole, page: string | undefined): Promise<PictureFile[]> {
    const known = this.options.known[url];
    const ready = known?.variants[role];
    if (ready && (await this.allExist(ready))) return ready;
    const data = await this.download(url, page);
    const hash = createHash('sha256').update(data).digest('hex').slice(0, 16);
    const original = await inspect(data);
    // A tracking pixel or an icon its markup did not declare as one: not a picture for the list or the article.
    if (original.width < MIN_SIDE || original.height < MIN_SIDE) throw new Error(`${original.width} × ${original.height} px: a tracking pixel or an icon, not a picture`);
    const files: PictureFile[] = [];
    for (const width of targetWidths(ROLE_WIDTHS[role], original.width)) {
      const variant = await resize(data, original, width, ROLE_QUALITY[role], role);
      // A cut thumbnail is another picture than the article size of the same width.
      const name = `pictures/${hash}-${width}${variant.cut ? '-top' : ''}.webp`;
      const path = join(this.options.outDir, name);
      // Another URL may have brought the same bytes already.
      const existing = await this.exists(path);
      if (!existing) {
        await this.options.write(path, variant.data);
        this.stats.resizedBytes += variant.data.length;
      }
      files.push({ url: name, width: variant.width, height: variant.height });
    }
    this.options.known[url] = {
      hash,
      width: original.width,
      height: original.height,
      bytes: data.length,
      variants: { ...known?.variants, [role]: files },
    };
    // Thumbnails are asked for first (build-item does so); after the article sizes the original is done with.
    if (role === 'article') this.originals.delete(url);
    return files;
  }

  private download(url: string, page: string | undefined): Promise<Buffer> {
    let original = this.originals.get(url);
    if (!original) {
      original = this.fetchOriginal(url, page);
      this.originals.set(url, original);
      original.catch(() => this.originals.delete(url));
    }
    return original;
  }

  private async fetchOriginal(url: string, page: string | undefined): Promise<Buffer> {
    const result = await this.options.client.get(url, { maxBytes: this.options.maxBytes, accept: 'image/*', ...(page ? { referer: page } : {}) });
    if (result.status !== 'ok') throw new Error('answered 304 to an unconditional request');
    // Storage that keeps no type (S3's binary/octet-stream) serves real pictures too: sharp reads what the bytes are.
    if (!/^(?:image\/|(?:application|binary)\/octet-stream)/i.test(result.contentType) && result.contentType !== '') {
      throw new Error(`not a picture (${result.contentType.split(';')[0]})`);
    }
    this.stats.downloaded++;
    this.stats.originalBytes += result.body.length;
    return result.body;
  }

  private async exists(path: string): Promise<boolean> {
    return access(path).then(
      () => true,
      () => false,
    );
  }

  private async allExist(files: PictureFile[]): Promise<boolean> {
    for (const file of files) if (!(await this.exists(join(this.options.outDir, file.url)))) return false;
    return true;
  }
}
