import { defineConfig } from 'vitest/config';

/** Tests of the built output; run after `npm run build`. */
export default defineConfig({
  test: { include: ['test/build/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 240_000 },
});
