import { BodyPrefix, PREFIX_BYTES } from './body-prefix';
import type { RangeValidator, ResumePoint } from './resume';

/** What a refresh kept of a page, for the next one to pick up. */
export interface KeptPartial extends RangeValidator {
  total?: number;
  bytes: Blob;
}

/** Bytes `from`… of a page's version, kept as they came. */
export interface KeptSegment extends KeptPartial {
  from: number;
}

/**
 * A feed body as far as it has come, kept between the tries of one download
 * (and, through a PartialStore, from a failed refresh to the next) so that a
 * retry can ask only for the rest. Bytes are kept as they came and decoded
 * once whole, so a character split between two tries is read right.
 */
export class PartialBody {
  private chunks: Uint8Array[] = [];
  private version?: RangeValidator;
  private total?: number;
  received = 0;
  /** Counts the bodies begun: bytes kept of an earlier one are not this one's. */
  generation = 0;
  prefix = new BodyPrefix(0);
  /** Whether the prefix has been compared with that of a body refused as too large. */
  compared = true;

  /** Picks up what an earlier refresh kept; nothing if it is not a usable start of a body. */
  static async resumed(kept: KeptPartial | undefined): Promise<PartialBody> {
    const partial = new PartialBody();
    if (!kept || kept.bytes.size === 0 || (kept.total !== undefined && kept.bytes.size >= kept.total)) return partial;
    partial.begin({ version: { ifRange: kept.ifRange, header: kept.header }, total: kept.total, limit: PREFIX_BYTES });
    const bytes = new Uint8Array(await kept.bytes.arrayBuffer());
    partial.prefix.add(bytes);
    partial.add(bytes);
    return partial;
  }

  /** Starts a whole body over: `version` undefined where its rest cannot be asked for. */
  begin(options: { version?: RangeValidator; total?: number; limit: number; oversizedPrefix?: string }): void {
    this.chunks = [];
    this.generation++;
    this.version = options.version;
    this.total = options.total;
    this.received = 0;
    this.prefix = new BodyPrefix(Math.min(PREFIX_BYTES, options.limit));
    this.compared = options.oversizedPrefix === undefined;
  }

  /** Forgets what came: the next try asks for the whole body. */
  clear(): void {
    this.version = undefined;
  }

  add(chunk: Uint8Array): void {
    this.received += chunk.byteLength;
    this.chunks.push(chunk);
  }

  text(): string {
    const decoder = new TextDecoder();
    const parts = this.chunks.map((chunk) => decoder.decode(chunk, { stream: true }));
    parts.push(decoder.decode());
    return parts.join('');
  }

  /** Where a retry may pick up, if it may. */
  get resumePoint(): ResumePoint | undefined {
    if (!this.version || this.received === 0) return undefined;
    return { ...this.version, received: this.received, total: this.total };
  }

  /** The bytes from `from` on, for a later refresh to pick up; undefined if none came or they cannot be resumed. */
  keptSince(from: number): KeptSegment | undefined {
    if (!this.version || this.received <= from) return undefined;
    const parts: BlobPart[] = [];
    let offset = 0;
    for (const chunk of this.chunks) {
      const end = offset + chunk.byteLength;
      if (end > from) parts.push((offset >= from ? chunk : chunk.subarray(from - offset)) as BlobPart);
      offset = end;
    }
    return { ...this.version, total: this.total, from, bytes: new Blob(parts) };
  }
}
