import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root, found by walking up from this module to StrideLab's package.json. Bundling moves
 * modules around (out/main/, out/main/chunks/, src-main/ under vitest), so no fixed `../..` is right
 * everywhere. A packaged Electron app sets STRIDELAB_APP_ROOT to its resources folder.
 */
let cached: string | undefined;
export function appRoot(): string {
  if (cached) return cached;
  if (process.env.STRIDELAB_APP_ROOT) return (cached = process.env.STRIDELAB_APP_ROOT);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'stridelab'
    ) {
      return (cached = dir);
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the StrideLab package root.');
    dir = up;
  }
}

/** The built renderer (electron-vite output). */
export const rendererDir = (): string =>
  process.env.STRIDELAB_RENDERER_DIR ?? join(appRoot(), 'out', 'renderer');
/** Files packaged with the app: models, the sample clip. */
export const resourcesDir = (): string => join(appRoot(), 'resources');
