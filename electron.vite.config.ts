import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The renderer must also run from file:// (where Chromium refuses module scripts and
 * crossorigin requests): ship one classic, deferred script and a plain stylesheet.
 */
function classicScripts(): Plugin {
  return {
    name: 'shrinkage-classic-scripts',
    enforce: 'post',
    transformIndexHtml(html) {
      return html
        .replace(
          /<script type="module" crossorigin src="([^"]+)"><\/script>/g,
          '<script defer src="$1"></script>',
        )
        .replace(/<link rel="stylesheet" crossorigin href=/g, '<link rel="stylesheet" href=');
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        // A sandboxed preload can only require('electron'): one self-contained CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    plugins: [react(), classicScripts()],
    build: {
      outDir: resolve('out/renderer'),
      modulePreload: false,
      // CSS as a file: a style element injected by script would break style-src 'self'.
      cssCodeSplit: false,
      // SHRINKAGE_NO_MINIFY=1 keeps function names, for reading CPU profiles (bench/uiProfile.ts).
      minify: !process.env.SHRINKAGE_NO_MINIFY,
      rollupOptions: {
        input: resolve('renderer/index.html'),
        output: { format: 'iife', codeSplitting: false },
      },
    },
  },
});
