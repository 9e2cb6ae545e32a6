/** Resizing one original into the widths the app shows, as WebP, with sharp. */
import sharp from 'sharp';

export const THUMBNAIL_WIDTHS = [128, 256] as const;
export const ARTICLE_WIDTHS = [480, 960] as const;

export interface Variant {
  width: number;
  height: number;
  data: Buffer;
}

export interface Original {
  width: number;
  height: number;
}

/** Reads the size of a picture, refusing what is not one (or is absurdly large). */
export async function inspect(data: Buffer): Promise<Original> {
  const meta = await sharp(data, { limitInputPixels: 50_000_000 }).metadata();
  if (!meta.width || !meta.height) throw new Error('not a picture sharp can read');
  return { width: meta.width, height: meta.height };
}

/** Widths to produce: the wanted ones, never larger than the original, without repeats. */
export function targetWidths(wanted: readonly number[], originalWidth: number): number[] {
  return [...new Set(wanted.map((w) => Math.min(w, originalWidth)))];
}

export async function resize(data: Buffer, width: number, quality: number): Promise<Variant> {
  const { data: out, info } = await sharp(data, { limitInputPixels: 50_000_000 })
    .rotate() // honour EXIF orientation before it is stripped
    .resize({ width, withoutEnlargement: true })
    .webp({ quality, effort: 4 })
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: out };
}
