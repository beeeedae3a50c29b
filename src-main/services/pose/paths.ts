import { join } from 'node:path';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { rendererDir, resourcesDir } from '../../paths';

/**
 * Where the engine's files are, from the app's own paths (src-main/paths.ts). A packaged Electron
 * app keeps the models outside its asar (electron-builder's extraResources) and hands that folder to
 * its engine runner instead (src-main/electron/main.ts).
 *
 * defaultRendererDir: the built renderer, holding pose-engine.html (`npm run build`).
 */
export const defaultRendererDir = rendererDir;
/** The `.task` bundles written by scripts/build-models.mjs. */
export const defaultModelDir = (): string => join(resourcesDir(), 'models');
export const modelFile = (model: PoseModelName): string => `pose_landmarker_${model}.task`;
