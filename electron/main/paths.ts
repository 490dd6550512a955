/**
 * Where the built files are, relative to the compiled main script (out/main/index.js). The
 * same relative layout holds inside the packaged app.asar, so no path depends on the cwd.
 */
import { join } from 'node:path';

export function builtPaths(mainDir: string) {
  return {
    renderer: join(mainDir, '../renderer'),
    preload: join(mainDir, '../preload/index.cjs'),
  };
}
