import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's Chromium against the production build; they run
// one file at a time because each starts its own server and browser.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
