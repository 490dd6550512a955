import { defineConfig } from 'vitest/config';

/**
 * npm run test:reproduce: the report's R, Python and PySpark code, run by Rscript, /usr/bin/python3
 * and Spark in local mode (pyspark for the python3 on PATH).
 * Kept out of npm test (which needs none of them); .ci/run installs them and runs it after npm test.
 */
export default defineConfig({
  test: { include: ['test/reproduce/**/*.test.ts'], testTimeout: 300_000 },
});
