import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * electron-vite builds three bundles: main (Node: the Electron shell, the browser-mode server and the
 * `stridelab` CLI all share the same services), preload (sandboxed, so CommonJS), and the renderer.
 * Electron cannot start on the build machines, but every bundle here is also what browser mode runs.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src-main/electron/main.ts'),
          cli: resolve('src-main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only `electron` (and a few polyfilled built-ins): every
      // other module, zod included, must be inside its bundle, and the two preloads must not share
      // a chunk. test/electron/preload-bundles.test.ts holds the built files to that.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: {
          index: resolve('src-preload/index.ts'),
          // The hidden pose engine window's bridge (src-main/electron/pose-engine.ts).
          'pose-engine': resolve('src-preload/pose-engine.ts'),
        },
        // Sandboxed preload scripts cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: {
        input: {
          index: resolve('src-renderer/index.html'),
          // The pose engine page (MediaPipe in a worker), loaded by the pose host; see docs/pose-engine.md.
          'pose-engine': resolve('src-renderer/pose-engine.html'),
          // The printable gait report (PDF), rendered by src-main/services/report; see docs/report.md.
          report: resolve('src-renderer/report.html'),
        },
      },
    },
  },
});
