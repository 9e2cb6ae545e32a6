// Reading while a refresh merges 50,000 articles, in Debian's Chromium against
// the production build: how long opening a stored article, the list and the
// saved list and a search wait, and the page's longest main-thread task, before
// and during the merge.
// The feed is generated here.
import { existsSync } from 'node:fs';
import { longestDuring } from '../tests/browser/big-articles';
import {
  bigFeed,
  readRound,
  readUntilMerged,
  reopenRound,
  SCREENS,
  startBigRefresh,
  STORED_ID,
  watchWhatIsShown,
  type ReadWaits,
  type ReopenPhases,
  type RoundWaits,
} from '../tests/browser/big-merge';
import { launch, snapshotSaved, startServer } from '../tests/browser/harness';
import { FEED_PATH, openSettled } from '../tests/browser/network-helpers';

if (!existsSync('dist/index.html')) {
  console.error('bench:merge: run `npm run build` first.');
  process.exit(1);
}

const ITEMS = 50_000;
const server = await startServer();
const browser = await launch();
const { page } = browser;
await browser.context.addInitScript(watchWhatIsShown);

const LABELS = {
  article: 'stored article: ',
  list: 'list:           ',
  saved: 'saved list:     ',
  search: 'search:         ',
};

/** Until the search worker has saved its index as of the last change (snapshotSaved returns a promise: evaluated, awaited). */
async function indexSaved(): Promise<void> {
  while (!(await page.evaluate(snapshotSaved))) await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
}

function summary(waits: number[]): string {
  const sorted = [...waits].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  return `median ${at(0.5)} ms, 95th percentile ${at(0.95)} ms, longest ${sorted[sorted.length - 1]} ms (${sorted.length} reads)`;
}

try {
  await openSettled(page, server.url);
  await page.goto(`${server.url}/bai/${STORED_ID}`);
  await page.getByRole('button', { name: 'Lưu bài' }).click();
  await page.getByRole('button', { name: 'Đã lưu' }).waitFor();
  // Each screen once, so that what follows measures waiting, not a first load of its code.
  await readRound(page, []);
  // A search worker started during the merge (the app reopened) answers from this saved index.
  await indexSaved();
  let idle: RoundWaits | undefined;
  // The longest main-thread task of the page, in its thread's own time and on the clock (Chromium's trace).
  const idleTasks = await longestDuring(page, async () => {
    for (let round = 0; round < 5; round++) idle = await readRound(page, []);
  });
  console.log(`Nothing merging: ${SCREENS.map((screen) => `${LABELS[screen].trim()} ${idle?.[screen]} ms`).join(', ')}`);
  // Reopening the app with nothing merging, for comparison with reopening during the merge below.
  const idlePhases: ReopenPhases[] = [];
  const idleReopened: number[] = [];
  for (let round = 0; round < 5; round++) idleReopened.push((await reopenRound(page, [], idlePhases)).list);
  console.log(
    `Nothing merging, reopening the app: the list's first card ${summary(idleReopened)}; ` +
      `document ${summary(idlePhases.map((p) => p.document))}; scripts run ${summary(idlePhases.map((p) => p.scripts))}`,
  );

  const body = bigFeed(ITEMS);
  await server.route(FEED_PATH, { body });
  const started = Date.now();
  await startBigRefresh(page, server, Buffer.byteLength(body));
  let waits: ReadWaits | undefined;
  const mergeTasks = await longestDuring(page, async () => {
    waits = await readUntilMerged(page);
  });
  if (!waits) throw new Error('no reads');
  console.log(`During a ${ITEMS.toLocaleString('en')}-article merge (${waits.roundsDuringMerge} rounds; the refresh took ${Date.now() - started} ms):`);
  for (const screen of SCREENS) console.log(`  ${LABELS[screen]}${summary(waits[screen])}`);
  console.log(`Longest wait of a read during the merge: ${Math.max(...SCREENS.flatMap((screen) => waits?.[screen] ?? []))} ms`);
  console.log(
    `Longest main-thread task of the page: ${mergeTasks.cpu} ms of work (${mergeTasks.wall} ms on the clock) during the merge, ` +
      `${idleTasks.cpu} ms (${idleTasks.wall} ms) for the same reads with nothing merging`,
  );

  // A second merge (50,000 more articles), not traced (a page load's own tasks would be counted):
  // every round starts by reopening the app while the service worker's refresh goes on.
  // The search index is rebuilt for the first merge and saved first, as it would be long before the next refresh.
  await indexSaved();
  const more = bigFeed(ITEMS, 'tin-lon-2');
  await server.route(FEED_PATH, { body: more });
  const again = Date.now();
  await startBigRefresh(page, server, Buffer.byteLength(more));
  const reopened = await readUntilMerged(page, 1);
  console.log(
    `Reopening the app during a second ${ITEMS.toLocaleString('en')}-article merge (${reopened.reopened.list.length} times; ` +
      `the refresh took ${Date.now() - again} ms; the list: from the reopening to its first card):`,
  );
  for (const screen of ['list', 'article', 'saved', 'search'] as const) console.log(`  ${LABELS[screen]}${summary(reopened.reopened[screen])}`);
  const phases = reopened.reopenPhases;
  console.log(`  of the list's wait, the document (from the service worker): ${summary(phases.map((p) => p.document))}`);
  console.log(`  and the page's scripts run:                          ${summary(phases.map((p) => p.scripts))}`);
  const seen = [waits.seen, reopened.seen];
  console.log(
    `Seen in both merges: «Chưa tải tin lần nào» ${seen.flatMap((s) => s.wrongStatus).length} times, ` +
      `an empty list ${seen.reduce((sum, s) => sum + s.emptyList, 0)} times, list counts ${seen.flatMap((s) => s.counts).join(' → ')}`,
  );
} finally {
  await browser.close();
  await server.stop();
}
