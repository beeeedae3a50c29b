import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';

/**
 * Where the engine's files are. The same code runs from source (vitest, tsx) and bundled
 * (out/main/*.js), so find the package root by walking up to StrideLab's package.json rather than
 * counting `..`. A packaged Electron app passes its own folders to the host instead.
 */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'stridelab')
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the StrideLab package root');
    dir = up;
  }
}

/** The built renderer, holding pose-engine.html (`npm run build`). */
export const defaultRendererDir = (): string => join(appRoot(), 'out', 'renderer');
/** The `.task` bundles written by scripts/build-models.mjs. */
export const defaultModelDir = (): string => join(appRoot(), 'resources', 'models');
export const modelFile = (model: PoseModelName): string => `pose_landmarker_${model}.task`;
