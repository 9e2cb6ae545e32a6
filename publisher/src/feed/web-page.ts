import type { Client } from '../net/client';
import { uncompressedText } from '../net/leftover-compression';
import { decodeBody } from '../sources/decode';
import { opensAsHtml } from '../text/opens-as-html';

/** A web page as text, where it was answered from; undefined when the server says it has not changed. */
export async function webPage(
  url: string,
  context: { client: Client; maxPageBytes: number },
): Promise<{ url: string; html: string; bytes: number } | undefined> {
  const page = await context.client.get(url, { maxBytes: context.maxPageBytes, accept: 'text/html,application/xhtml+xml' });
  if (page.status !== 'ok') return undefined;
  const body = uncompressedText(page.body, context.maxPageBytes, page.url);
  // Some servers send a page with no Content-Type, as octet-stream, or with a .gz's type: its bytes tell.
  if (!/html|xml/i.test(page.contentType) && !opensAsHtml(body.subarray(0, 1024).toString('latin1'))) throw new Error(`not a web page (${page.contentType.split(';')[0]})`);
  return { url: page.url, html: decodeBody(body, page.contentType), bytes: body.length };
}
