import { BodyPrefix, PREFIX_BYTES } from './body-prefix';
import type { RangeValidator, ResumePoint } from './resume';

/**
 * A feed body as far as it has come, kept between the tries of one download
 * so that a retry can ask only for the rest. Text is decoded as bytes arrive;
 * the decoder keeps a character split between two tries.
 */
export class PartialBody {
  private decoder = new TextDecoder();
  private parts: string[] = [];
  private version?: RangeValidator;
  private total?: number;
  received = 0;
  prefix = new BodyPrefix(0);
  /** Whether the prefix has been compared with that of a body refused as too large. */
  compared = true;

  /** Starts a whole body over: `version` undefined where its rest cannot be asked for. */
  begin(options: { version?: RangeValidator; total?: number; limit: number; oversizedPrefix?: string }): void {
    this.decoder = new TextDecoder();
    this.parts = [];
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
    this.parts.push(this.decoder.decode(chunk, { stream: true }));
  }

  text(): string {
    this.parts.push(this.decoder.decode());
    return this.parts.join('');
  }

  /** Where a retry may pick up, if it may. */
  get resumePoint(): ResumePoint | undefined {
    if (!this.version || this.received === 0) return undefined;
    return { ...this.version, received: this.received, total: this.total };
  }
}
