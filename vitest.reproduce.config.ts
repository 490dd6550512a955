import { defineConfig } from 'vitest/config';

/**
 * npm run test:reproduce: the report's R and Python code, run by Rscript and /usr/bin/python3.
 * Kept out of npm test (which needs neither); .ci/run installs both and runs it after npm test.
 */
export default defineConfig({
  test: { include: ['test/reproduce/**/*.test.ts'], testTimeout: 300_000 },
});
