/** Resizing one original into the widths the app shows, as WebP, with sharp. */
import sharp from 'sharp';

export const THUMBNAIL_WIDTHS = [128, 256] as const;
export const ARTICLE_WIDTHS = [480, 960] as const;

/**
 * Pictures up to sharp's own guard (16383 × 16383) are scaled down, not dropped:
 * camera originals of 60 MP and more do reach papers' sites. The download is
 * capped by bytes; the worst case allowed, a 256-MP PNG, takes ~2 s and
 * ~250 MB while being resized (a 60-MP JPEG ~0.3 s and ~20 MB: sharp shrinks
 * JPEGs while decoding).
 */
const MAX_INPUT_PIXELS = 0x3fff * 0x3fff;
/** WebP cannot be taller (or wider) than this. */
const WEBP_MAX_SIDE = 16383;
/** A list thumbnail taller than twice its width (an infographic) is cut to that, from the top where its title is. */
const THUMBNAIL_MAX_ASPECT = 2;

export interface Variant {
  width: number;
  height: number;
  data: Buffer;
  /** A thumbnail cut from the top of a very tall picture. */
  cut: boolean;
}

export interface Original {
  /** As shown, after EXIF orientation. */
  width: number;
  height: number;
}

/** Reads the size of a picture, refusing what is not one (or is absurdly large). */
export async function inspect(data: Buffer): Promise<Original> {
  const meta = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  if (!meta.width || !meta.height) throw new Error('not a picture sharp can read');
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new Error(`${meta.width} × ${meta.height} pixels is beyond any picture worth resizing`);
  return meta.autoOrient ?? { width: meta.width, height: meta.height };
}

/** Widths to produce: the wanted ones, never larger than the original, without repeats. */
export function targetWidths(wanted: readonly number[], originalWidth: number): number[] {
  return [...new Set(wanted.map((w) => Math.min(w, originalWidth)))];
}

export async function resize(data: Buffer, original: Original, width: number, quality: number, role: 'thumbnail' | 'article'): Promise<Variant> {
  const natural = Math.round((original.height * Math.min(width, original.width)) / original.width);
  const thumbnailCut = role === 'thumbnail' && natural > width * THUMBNAIL_MAX_ASPECT;
  const { data: out, info } = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate() // honour EXIF orientation before it is stripped
    .resize(
      thumbnailCut
        ? { width, height: width * THUMBNAIL_MAX_ASPECT, fit: 'cover', position: 'top', withoutEnlargement: true }
        : { width, height: WEBP_MAX_SIDE, fit: 'inside', withoutEnlargement: true },
    )
    .webp({ quality, effort: 4 })
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: out, cut: thumbnailCut };
}
