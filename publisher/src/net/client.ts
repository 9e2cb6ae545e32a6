/** The one way the publisher reaches the network: robots.txt, per-host pacing and limits in one place. */
import { HostPacer, type Clock } from './host-pacer';
import { politeGet, type FetchLike, type GetOptions, type GetResult } from './http';
import { RobotsCache } from './robots';

export interface ClientOptions {
  fetch: FetchLike;
  clock: Clock;
  userAgent: string;
  hostIntervalMs: number;
  timeoutMs: number;
  maxRedirects: number;
}

export interface Client {
  get(url: string, request: { maxBytes: number; counted?: GetOptions['counted']; accept?: string; etag?: string; lastModified?: string; referer?: string }): Promise<GetResult>;
}

export function createClient(options: ClientOptions): Client {
  const pacer = new HostPacer(options.clock, options.hostIntervalMs);
  const base = {
    fetch: options.fetch,
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs,
    maxRedirects: options.maxRedirects,
  };
  const robots = new RobotsCache(
    { ...base, maxBytes: 512 * 1024 },
    (host) => pacer.wait(host),
    (host, ms) => pacer.setHostInterval(host, ms),
  );
  return {
    get: (url, request) =>
      politeGet(url, {
        ...base,
        ...request,
        beforeRequest: async (hop) => {
          await robots.check(hop);
          await pacer.wait(new URL(hop).host);
        },
      }),
  };
}
