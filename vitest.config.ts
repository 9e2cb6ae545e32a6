import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Time-outs catch hangs, not slowness: on a loaded 2-core machine the first
    // ESLint or fake-indexeddb setup in a file alone can pass vitest's 5 s default.
    testTimeout: 30_000,
  },
});
