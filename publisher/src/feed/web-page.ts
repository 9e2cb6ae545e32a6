import { inlinePictureMeter, withoutInlinePictures } from '../extract/inline-pictures';
import type { Client } from '../net/client';
import { FetchError } from '../net/http';
import { uncompressedText } from '../net/leftover-compression';
import { decodeBody } from '../sources/decode';
import { opensAsHtml } from '../text/opens-as-html';

/**
 * Pictures pasted inline weigh many MB and are never published: up to this many
 * times maxPageBytes is downloaded, and the limit holds for the page without
 * them, counted as it arrives.
 */
const INLINE_PICTURES_ALLOWANCE = 10;

function tooLarge(url: string, maxPageBytes: number): FetchError {
  return new FetchError('too-large', `${url}: body over the limit of ${maxPageBytes} bytes (maxPageBytes in the config)`);
}

/** A web page as text, where it was answered from; undefined when the server says it has not changed. */
export async function webPage(
  url: string,
  context: { client: Client; maxPageBytes: number },
): Promise<{ url: string; html: string; bytes: number } | undefined> {
  const download = context.maxPageBytes * INLINE_PICTURES_ALLOWANCE;
  const counted = { limit: context.maxPageBytes, counter: inlinePictureMeter };
  const page = await context.client.get(url, { maxBytes: download, counted, accept: 'text/html,application/xhtml+xml' }).catch((error: unknown) => {
    throw error instanceof FetchError && error.kind === 'too-large' ? tooLarge(url, context.maxPageBytes) : error;
  });
  if (page.status !== 'ok') return undefined;
  const body = withoutInlinePictures(uncompressedText(page.body, download, page.url));
  if (body.length > context.maxPageBytes) throw tooLarge(page.url, context.maxPageBytes);
  // Some servers send a page with no Content-Type, as octet-stream, or with a .gz's type: its bytes tell.
  if (!/html|xml/i.test(page.contentType) && !opensAsHtml(body.subarray(0, 1024).toString('latin1'))) throw new Error(`not a web page (${page.contentType.split(';')[0]})`);
  return { url: page.url, html: decodeBody(body, page.contentType), bytes: body.length };
}
