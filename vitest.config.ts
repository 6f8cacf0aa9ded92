import { defineConfig } from 'vitest/config';

// Unit and API tests run in parallel; browser tests share one built app and one Chromium
// per file, so files run one at a time on CI's two cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
