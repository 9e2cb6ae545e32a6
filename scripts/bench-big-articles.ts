// Issue 9 item 6: 300 articles of 1 MB each, stored through the app's own
// refresh; the longest main-thread task while paging the list, opening an
// article and following its first related link, over three passes, in work
// and on the clock.
import { launch, startServer } from '../tests/browser/harness';
import { BIG_ARTICLES, longestTasks, storeBigArticles, type LongestTasks } from '../tests/browser/big-articles';

export async function benchBigArticles(passes = 3): Promise<void> {
  const server = await startServer();
  const browser = await launch();
  try {
    await storeBigArticles(browser.page, server);
    const results: LongestTasks[] = [];
    for (let pass = 0; pass < passes; pass++) results.push(await longestTasks(browser.page, server.url));
    const row = (screen: keyof LongestTasks) => results.map((r) => `${r[screen].cpu} ms (${r[screen].wall} ms)`).join(', ');
    console.log(`${BIG_ARTICLES} articles of 1 MB, longest main-thread task per pass: its work, in the thread's own time (on the clock):`);
    console.log(`  list, paging:              ${row('list')}`);
    console.log(`  article, body and related: ${row('article')}`);
    console.log(`  a related article:         ${row('related')}`);
    // Measured once, by the same test, on the code of the time (README «Bodies a piece at a time»).
    console.log('  before, for comparison: 5578b09 (before item 6) list 186–311 ms (808–1,798), article 300–348 ms (696–2,559),');
    console.log('  related 332–392 ms (787–2,660); 6aea475 (pieces, whole body laid out) list 9–10 ms (28–39), article 39–46 ms');
    console.log('  (67–140), related 36–56 ms (108–166).');
  } finally {
    await browser.close();
    await server.stop();
  }
}
