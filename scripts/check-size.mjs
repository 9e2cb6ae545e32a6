// Budget for the first page: the JavaScript index.html loads before first paint
// (its module script and every modulepreload), gzip-compressed as served.
// Fails the build above the budget so CI catches it byte-exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 40 * 1024;
const dist = 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const urls = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
].map((m) => m[1]);

if (urls.length === 0) {
  console.error('No module script found in dist/index.html: is the build broken?');
  process.exit(1);
}
let total = 0;
for (const url of new Set(urls)) {
  const bytes = gzipSync(readFileSync(join(dist, url.replace(/^\//, ''))), { level: 9 }).length;
  total += bytes;
  console.log(`  ${url}  ${(bytes / 1024).toFixed(2)} KB gzip`);
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(`Initial JavaScript: ${total} bytes gzip (${(total / 1024).toFixed(2)} KB), ${verdict} the ${BUDGET_BYTES / 1024} KB budget`);
if (total > BUDGET_BYTES) process.exit(1);
