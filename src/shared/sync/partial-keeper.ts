import type { PartialBody } from './partial-body';
import type { PartialStore } from './partial-store';

/**
 * How much of a page may come between two writes of it to the store: what a
 * killed refresh can lose. A write is one Cache API put of the bytes since
 * the last. Up to 128 KB a put costs about the same (Chromium, 2 busy cores:
 * 4–8 ms for 16 KB, 8–11 ms for 64 KB, 10–11 ms for 128 KB, 15–17 ms for
 * 256 KB), so smaller segments would mostly add puts, and larger ones would
 * double what a kill loses: 128 KB is 5–40 s of a 2G line, and a 1 MB page
 * costs 7 puts, about 0.1 s over minutes of download.
 */
export const KEEP_EVERY_BYTES = 128 * 1024;

/**
 * Writes what has come of one page's download to the store while it
 * downloads, so that a refresh killed mid-page (its tab or app closed, its
 * worker stopped) leaves the next one something to resume. One write at a
 * time, each of bytes and version taken together; a write that fails (a full
 * disk) ends the writing for this download and costs only the resume.
 */
export class PartialKeeper {
  /** Bytes of the current body the store holds. */
  private kept: number;
  private generation: number;
  private writing?: Promise<void>;
  private stopped = false;
  /** Whether the store may hold something of this page. */
  private holds: boolean;

  constructor(
    private readonly store: PartialStore | undefined,
    private readonly url: string,
    private readonly partial: PartialBody,
  ) {
    // A body resumed from the store: the store has it up to here.
    this.kept = partial.received;
    this.holds = partial.received > 0;
    this.generation = partial.generation;
  }

  /** After each chunk: writes what came since the last write once it reaches KEEP_EVERY_BYTES. */
  progress(): void {
    if (this.writing || this.stopped) return;
    this.follow();
    if (this.partial.received - this.kept >= KEEP_EVERY_BYTES) this.write();
  }

  /** The download failed: keeps what came since the last write too, for the next refresh. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.stopped) return;
    this.stopped = true;
    this.follow();
    this.write();
    await this.writing;
  }

  /** No more writes: the page came whole, or will not be resumed. Waits for a write under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.writing;
  }

  /** The page came whole: what was kept of it is of no more use, and its room is given back. */
  async finish(): Promise<void> {
    await this.stop();
    if (this.holds) await this.store?.clear().catch(() => undefined);
  }

  /** A new body (the page asked again whole): nothing of it is kept yet. */
  private follow(): void {
    if (this.partial.generation === this.generation) return;
    this.generation = this.partial.generation;
    this.kept = 0;
  }

  private write(): void {
    const segment = this.store && this.partial.keptSince(this.kept);
    if (!this.store || !segment) return;
    const end = segment.from + segment.bytes.size;
    const generation = this.generation;
    this.holds = true;
    this.writing = this.store
      .add(this.url, segment)
      .then(
        () => {
          if (generation === this.generation) this.kept = end;
        },
        () => {
          this.stopped = true;
        },
      )
      .finally(() => {
        this.writing = undefined;
        // What came during the write is not left waiting for a next chunk that may never come.
        this.progress();
      });
  }
}
