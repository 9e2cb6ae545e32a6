import { describe, expect, it } from 'vitest';
import { createClient } from '../../../publisher/src/net/client';
import { HostPacer } from '../../../publisher/src/net/host-pacer';
import { politeGet, type FetchLike } from '../../../publisher/src/net/http';

type Handler = (url: string, headers: Record<string, string>) => Response;

function fakeFetch(handler: Handler) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    const headers = init.headers as Record<string, string>;
    calls.push({ url, headers });
    return handler(url, headers);
  };
  return { fetch, calls };
}

const base = { userAgent: 'TestBot/1', timeoutMs: 1000, maxBytes: 1000, maxRedirects: 2 };

describe('polite HTTP GET', () => {
  it('sends its User-Agent and conditional headers, and reports 304 as not modified', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 304 }));
    const result = await politeGet('https://a.example/feed', { ...base, fetch, etag: '"v1"', lastModified: 'Mon, 03 Mar 2025 00:00:00 GMT' });
    expect(result.status).toBe('not-modified');
    expect(calls[0]?.headers).toMatchObject({ 'user-agent': 'TestBot/1', 'if-none-match': '"v1"', 'if-modified-since': 'Mon, 03 Mar 2025 00:00:00 GMT' });
  });

  it('follows redirects up to the limit, then gives up', async () => {
    const { fetch, calls } = fakeFetch((url) => new Response(null, { status: 301, headers: { location: `${url}x` } }));
    await expect(politeGet('https://a.example/r', { ...base, fetch })).rejects.toThrow(/more than 2 redirects/);
    expect(calls.map((c) => c.url)).toEqual(['https://a.example/r', 'https://a.example/rx', 'https://a.example/rxx']);
  });

  it('refuses a body announced or found to be over the byte limit', async () => {
    const announced = fakeFetch(() => new Response('x', { headers: { 'content-length': '5000' } }));
    await expect(politeGet('https://a.example/big', { ...base, fetch: announced.fetch })).rejects.toThrow(/5000 bytes announced/);
    const endless = fakeFetch(
      () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              controller.enqueue(new Uint8Array(300));
            },
          }),
        ),
    );
    await expect(politeGet('https://a.example/endless', { ...base, fetch: endless.fetch })).rejects.toThrow(/over the limit/);
  });

  it('gives up on a server that does not answer in time', async () => {
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    await expect(politeGet('https://a.example/slow', { ...base, timeoutMs: 20, fetch })).rejects.toThrow(/no answer within 20 ms/);
  });

  it('refuses non-http addresses and error statuses', async () => {
    const { fetch } = fakeFetch(() => new Response('no', { status: 503 }));
    await expect(politeGet('file:///etc/passwd', { ...base, fetch })).rejects.toThrow(/not http/);
    await expect(politeGet('https://a.example/', { ...base, fetch })).rejects.toThrow(/HTTP 503/);
  });
});

describe('the client: robots.txt and pacing', () => {
  it('reads robots.txt once per site and refuses what it disallows', async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.endsWith('/robots.txt') ? new Response('User-agent: *\nDisallow: /private/\n') : new Response('ok'),
    );
    const client = createClient({ fetch, clock: { now: () => 0, sleep: async () => undefined }, userAgent: 'TestBot/1', hostIntervalMs: 0, timeoutMs: 1000, maxRedirects: 2 });
    await client.get('https://a.example/public/1', { maxBytes: 100 });
    await client.get('https://a.example/public/2', { maxBytes: 100 });
    await expect(client.get('https://a.example/private/3', { maxBytes: 100 })).rejects.toThrow(/disallowed by robots.txt/);
    expect(calls.filter((c) => c.url.endsWith('/robots.txt'))).toHaveLength(1);
  });

  it('treats a missing robots.txt as allowing everything', async () => {
    const { fetch } = fakeFetch((url) => (url.endsWith('/robots.txt') ? new Response('', { status: 404 }) : new Response('ok')));
    const client = createClient({ fetch, clock: { now: () => 0, sleep: async () => undefined }, userAgent: 'T', hostIntervalMs: 0, timeoutMs: 1000, maxRedirects: 2 });
    expect((await client.get('https://b.example/x', { maxBytes: 100 })).status).toBe('ok');
  });

  it('spaces requests to one host, not to different hosts', async () => {
    let now = 1000;
    const slept: number[] = [];
    const pacer = new HostPacer({ now: () => now, sleep: async (ms) => void slept.push(ms) }, 500);
    await pacer.wait('a.example');
    await pacer.wait('b.example');
    await pacer.wait('a.example');
    now += 100;
    await pacer.wait('a.example');
    pacer.setHostInterval('c.example', 2000);
    await pacer.wait('c.example');
    await pacer.wait('c.example');
    expect(slept).toEqual([500, 900, 2000]);
  });
});
