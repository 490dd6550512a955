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

/**
 * Files that must exist on disk (a worker thread's script) are unpacked next to app.asar by
 * electron-builder (asarUnpack); point into app.asar.unpacked when running packaged.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([/\\])app\.asar([/\\])/, '$1app.asar.unpacked$2');
}
