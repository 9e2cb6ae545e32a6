import { describe, expect, it } from 'vitest';
import { appUnderTest } from './app-under-test';
import { waitForArticles, waitForServiceWorker } from './harness';
import { FEED_PATH } from './network-helpers';

/** A poem, as papers print them: one line a verse, a blank line between stanzas. */
const POEM = 'Quê hương là chùm khế ngọt\nCho con trèo hái mỗi ngày\n\nQuê hương là đường đi học\nCon về rợp bướm vàng bay';

describe('an article the feed gives as plain text only (content_text)', () => {
  const app = appUnderTest();

  it('keeps its line breaks: each verse of a poem on its own line, stanzas apart', async () => {
    const { page } = app.browser;
    await app.server.route(FEED_PATH, {
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Báo thơ',
        items: [{ id: 'bai-tho', title: 'Quê hương', content_text: POEM, date_published: '2023-02-06T07:00:00+07:00' }],
      }),
    });
    await page.goto(app.server.url);
    await waitForServiceWorker(page);
    await waitForArticles(page, 1);
    await page.goto(`${app.server.url}/bai/bai-tho`);
    await page.locator('.article-body p').first().waitFor();
    // innerText is the text as laid out: a line break the reader sees is a "\n" in it.
    const stanzas = await page.locator('.article-body p').evaluateAll((ps) => ps.map((p) => (p as HTMLElement).innerText));
    expect(stanzas).toEqual(['Quê hương là chùm khế ngọt\nCho con trèo hái mỗi ngày', 'Quê hương là đường đi học\nCon về rợp bướm vàng bay']);
  });
});
