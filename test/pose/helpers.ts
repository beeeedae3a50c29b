import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultModelDir, defaultRendererDir } from '../../src-main/services/pose/paths';

import { SHARED_MEDIA } from '../helpers/media';

export const MEDIA = SHARED_MEDIA;
export const media = (name: string): string => join(MEDIA, name);
export const FIXTURES = join(__dirname, '../fixtures/pose');

/** The engine page and the models are build outputs (`npm test` builds them first). */
export function requireEngineBuild(): void {
  if (!existsSync(join(defaultRendererDir(), 'pose-engine.html')))
    throw new Error(
      'out/renderer/pose-engine.html is missing: run `npx electron-vite build` (npm test does).',
    );
  if (!existsSync(join(defaultModelDir(), 'pose_landmarker_lite.task')))
    throw new Error(
      'resources/models/*.task are missing: run `node scripts/build-models.mjs` (npm test does).',
    );
}

type Rect = [number, number, number, number];
export interface RegionFrame {
  readonly frame: number;
  readonly pelvis: Rect;
  readonly feet: Rect;
}
export function bodyRegions(clip: string): { width: number; height: number; frames: RegionFrame[] } {
  const all = JSON.parse(readFileSync(join(FIXTURES, 'body-regions.json'), 'utf8')) as {
    clips: Record<string, { width: number; height: number; frames: RegionFrame[] }>;
  };
  const r = all.clips[clip];
  if (!r) throw new Error(`no body regions for ${clip}`);
  return r;
}
export const inside = ([x, y]: readonly number[], [x0, y0, x1, y1]: Rect): boolean =>
  x! >= x0 && x! <= x1 && y! >= y0 && y! <= y1;
