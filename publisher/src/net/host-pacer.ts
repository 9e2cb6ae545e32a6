/**
 * Spaces requests to one host at least `intervalMs` apart (more if robots.txt
 * asks for a crawl delay). The clock and the sleep are injected for tests.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export class HostPacer {
  private readonly nextAt = new Map<string, number>();
  private readonly delays = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  /** A longer interval for one host, e.g. from its robots.txt Crawl-delay. */
  setHostInterval(host: string, intervalMs: number): void {
    this.delays.set(host, Math.max(intervalMs, this.intervalMs));
  }

  /** Resolves when a request to `host` may go; reserves the slot synchronously so callers queue. */
  async wait(host: string): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.nextAt.get(host) ?? 0);
    this.nextAt.set(host, at + (this.delays.get(host) ?? this.intervalMs));
    if (at > now) await this.clock.sleep(at - now);
  }
}
