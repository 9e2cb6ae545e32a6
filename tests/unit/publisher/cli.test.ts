import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSites, type FixtureSites } from '../../fixtures/publisher/sites';

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'publisher/src/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('publish-feed command', { timeout: 60_000 }, () => {
  let sites: FixtureSites;
  let dir: string;
  beforeAll(async () => {
    sites = await startFixtureSites({ storiesPerSite: 2 });
    dir = await mkdtemp(join(tmpdir(), 'bao-cli-'));
  });
  afterAll(async () => {
    await sites.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function config(name: string, sources: { name: string; url: string }[]): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, JSON.stringify({ title: 'Tin', hostIntervalMs: 0, sources }));
    return path;
  }

  it('refuses a bad command line or config with exit code 2 and says why', async () => {
    const missing = await run([]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('usage: npm run publish-feed -- --config sources.json --out DIR');
    const empty = await run(['--config', await config('empty.json', []), '--out', join(dir, 'x')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('sources must be a non-empty list');
  });

  it('publishes, prints one summary line, and exits 1 when a source failed', async () => {
    const out = join(dir, 'out');
    const result = await run([
      '--config',
      await config('mixed.json', [
        { name: 'Thư viện', url: sites.feedUrl('lib') },
        { name: 'Hỏng', url: sites.badUrl('broken-xml') },
      ]),
      '--out',
      out,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(/^publish-feed: sources 1 ok, 1 failed; 2 new articles, 0 completed, 2 kept; pictures \d+ downloaded .* written; [\d.]+ s\n$/);
    expect(result.stderr).toContain(`source skipped: Hỏng <${sites.badUrl('broken-xml')}>: broken XML`);
    const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: unknown[] };
    expect(feed.items).toHaveLength(2);

    const again = await run(['--config', join(dir, 'mixed.json'), '--out', out]);
    expect(again.stdout).toMatch(/0 new articles, 0 completed, 2 kept; .*head unchanged/);
  });

  it('exits 0 when every source was read, and 3 when none could be', async () => {
    const ok = await run(['--config', await config('ok.json', [{ name: 'Thư viện', url: sites.feedUrl('lib') }]), '--out', join(dir, 'ok')]);
    expect(ok.code).toBe(0);
    const none = await run(['--config', await config('none.json', [{ name: 'Trang lỗi', url: sites.badUrl('html-page') }]), '--out', join(dir, 'none')]);
    expect(none.code).toBe(3);
    expect(none.stdout).toContain('sources 0 ok, 1 failed');
  });
});
