/** robots.txt, fetched once per origin and run, read with robots-parser. */
import robotsParser from 'robots-parser';
import { FetchError, politeGet, type GetOptions } from './http';

type Robots = ReturnType<typeof robotsParser>;

/** What an origin's robots.txt allows; `undefined` robots means "everything". */
interface OriginRules {
  robots?: Robots;
  unreachable?: string;
}

export class RobotsCache {
  private readonly origins = new Map<string, Promise<OriginRules>>();

  constructor(
    private readonly get: Omit<GetOptions, 'beforeRequest' | 'etag' | 'lastModified'>,
    private readonly pace: (host: string) => Promise<void>,
    private readonly onCrawlDelay: (host: string, ms: number) => void,
  ) {}

  /** Throws FetchError('robots') when the URL may not be fetched. */
  async check(rawUrl: string): Promise<void> {
    const url = new URL(rawUrl);
    let rules = this.origins.get(url.origin);
    if (!rules) {
      rules = this.load(url);
      this.origins.set(url.origin, rules);
    }
    const { robots, unreachable } = await rules;
    if (unreachable) throw new FetchError('robots', `${url.origin}/robots.txt: ${unreachable}; not fetching from this site`);
    if (robots && robots.isAllowed(url.href, this.get.userAgent) === false) {
      throw new FetchError('robots', `${url.href}: disallowed by robots.txt`);
    }
  }

  private async load(url: URL): Promise<OriginRules> {
    const robotsUrl = `${url.origin}/robots.txt`;
    try {
      const result = await politeGet(robotsUrl, {
        ...this.get,
        maxBytes: 512 * 1024,
        beforeRequest: async (hop) => this.pace(new URL(hop).host),
      });
      if (result.status !== 'ok') return {};
      const robots = robotsParser(robotsUrl, result.body.toString('utf8'));
      const delay = robots.getCrawlDelay(this.get.userAgent);
      if (delay !== undefined && delay > 0) this.onCrawlDelay(url.host, Math.min(delay, 60) * 1000);
      return { robots };
    } catch (error) {
      // A missing robots.txt (4xx) allows everything, even when a bot shield refused it (shields often let feeds through);
      // a failing server is a reason to stay away this run.
      if (error instanceof FetchError && error.status !== undefined && error.status >= 400 && error.status < 500) return {};
      return { unreachable: error instanceof Error ? error.message : String(error) };
    }
  }
}
