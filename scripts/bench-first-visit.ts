// Issue 9's slow first visit, on the bundled sample feed: from navigation to
// the first article on screen, at 400 kbit/s, 400 ms latency and a CPU 4×
// slower (tests/browser/slow-phone.ts), each run as a new phone.
import { launch, startServer } from '../tests/browser/harness';
import { emulateSlowPhone, firstVisitRecord, recordFirstVisit } from '../tests/browser/slow-phone';

export async function benchFirstVisit(runs = 3): Promise<void> {
  const server = await startServer();
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const browser = await launch();
      try {
        await recordFirstVisit(browser.context);
        await emulateSlowPhone(browser.context, browser.page);
        await browser.page.goto(server.url);
        times.push((await firstVisitRecord(browser.page)).firstArticleAt);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.stop();
  }
  const shown = times.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ');
  console.log(`First visit on the slow profile (sample feed), navigation to first article: ${shown}`);
}
