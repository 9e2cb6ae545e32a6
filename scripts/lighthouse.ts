// Lighthouse (mobile profile, its default) on the production build, in Debian's
// Chromium: prints the four category scores. Not part of `npm test`: it is slow
// and scores wobble by a point or two between runs.
//
// Usage: npm run build && npm run lighthouse [-- [--dark] /path ...]
//   default pages: list, seed article, search, saved, settings; --dark: the system theme is dark.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, startServer } from '../tests/browser/harness';

const args = process.argv.slice(2);
const dark = args.includes('--dark');
const given = args.filter((a) => a !== '--dark');
const paths = given.length > 0 ? given : ['/', '/bai/son-la-dan-van-kheo-2023-02-06', '/chuyen-muc/N%C3%B4ng%20nghi%E1%BB%87p', '/tim-kiem?q=dan%20van%20kheo', '/da-luu', '/cai-dat'];
// Blink's preferredColorScheme 0 is dark: the app's system theme follows it.
const chromeFlags = ['--headless=new', ...CHROMIUM_ARGS, ...(dark ? ['--blink-settings=preferredColorScheme=0'] : [])];

const server = await startServer();
let failed = false;
try {
  for (const path of paths) {
    // A fresh browser per page: each run is a reader's first visit.
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      chromeFlags,
    });
    try {
      const result = await lighthouse(server.url + path, { port: chrome.port, output: 'json', logLevel: 'error' });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { categories } = result.lhr;
      console.log(`Lighthouse (mobile${dark ? ', dark' : ''}) ${path}`);
      for (const category of Object.values(categories)) {
        console.log(`  ${category.title.padEnd(16)} ${Math.round((category.score ?? 0) * 100)}`);
      }
      for (const [id, audit] of Object.entries(result.lhr.audits)) {
        if (audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative') {
          console.log(`    below 90: ${id} (${audit.displayValue ?? Math.round(audit.score * 100)})`);
        }
      }
    } finally {
      await chrome.kill();
    }
  }
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);
