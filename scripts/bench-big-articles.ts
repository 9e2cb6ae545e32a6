// Issue 9 item 6: 300 articles of 1 MB each, stored through the app's own
// refresh; the longest main-thread task while paging the list, opening an
// article and following its first related link, over three passes.
import { launch, startServer } from '../tests/browser/harness';
import { BIG_ARTICLES, longestTasks, storeBigArticles, type LongestTasks } from '../tests/browser/big-articles';

export async function benchBigArticles(passes = 3): Promise<void> {
  const server = await startServer();
  const browser = await launch();
  try {
    await storeBigArticles(browser.page, server);
    const results: LongestTasks[] = [];
    for (let pass = 0; pass < passes; pass++) results.push(await longestTasks(browser.page, server.url));
    const row = (screen: keyof LongestTasks) => results.map((r) => `${r[screen].cpu} ms (${r[screen].wall} ms on the clock)`).join(', ');
    console.log(`${BIG_ARTICLES} articles of 1 MB, longest main-thread task per pass, in the thread's own time:`);
    console.log(`  list, paging:              ${row('list')}`);
    console.log(`  article, body and related: ${row('article')}`);
    console.log(`  a related article:         ${row('related')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}
