/**
 * npm run publish-feed -- --config sources.json --out DIR
 *
 * Exit codes: 0 every source read; 1 published, but some sources failed;
 * 2 bad command line or config; 3 nothing published (every source failed, or
 * the output could not be written; the previous output is left as it was).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, parseConfig } from './config';
import { publish } from './publish';
import { summaryLine } from './summary-line';

function usage(message: string): never {
  console.error(`publish-feed: ${message}\nusage: npm run publish-feed -- --config sources.json --out DIR`);
  process.exit(2);
}

function args(argv: string[]): { config: string; out: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]!;
    const value = argv[i + 1];
    if (!['--config', '--out'].includes(key) || value === undefined) usage(`unexpected argument ${key}`);
    values.set(key, value);
  }
  const config = values.get('--config');
  const out = values.get('--out');
  if (!config || !out) usage('both --config and --out are needed');
  return { config, out };
}

async function main(): Promise<number> {
  const options = args(process.argv.slice(2));
  let config;
  try {
    config = parseConfig(JSON.parse(await readFile(resolve(options.config), 'utf8')));
  } catch (error) {
    const detail = error instanceof ConfigError || error instanceof SyntaxError ? error.message : String(error);
    usage(`config ${options.config}: ${detail}`);
  }
  try {
    const summary = await publish(config, resolve(options.out), {
      fetch: (url, init) => fetch(url, init),
      clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      log: (message) => console.error(message),
    });
    process.stdout.write(`${summaryLine(summary)}\n`);
    if (summary.sourcesOk === 0) return 3;
    return summary.sourcesFailed > 0 ? 1 : 0;
  } catch (error) {
    console.error(`publish-feed: run failed, previous output left in place: ${error instanceof Error ? error.stack : String(error)}`);
    return 3;
  }
}

process.exitCode = await main();
