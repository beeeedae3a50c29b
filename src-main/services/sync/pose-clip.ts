import { basename } from 'node:path';
import type { LandmarkFrame, LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { POSE_FLOATS, POSE_WORLD_OFFSET, type PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { runEngine } from '../pose/engine-host';

/**
 * Landmarks of a clip file for `stridelab sync <clip> <clip>`: the pose engine on every frame, one
 * pose per frame, packed floats unpacked into a `stridelab.landmarks/1` series.
 *
 * A stop-gap adapter: when the pose service exposes its own clip → series function (with person
 * tracking), the CLI should call that instead and this file should go.
 */
export async function landmarksOfClip(
  clipPath: string,
  opts: { model?: PoseModelName; signal?: AbortSignal } = {},
): Promise<LandmarkSeries> {
  const frames: LandmarkFrame[] = [];
  let width = 0;
  let height = 0;
  await runEngine({
    clipPath,
    model: opts.model ?? 'full',
    numPoses: 1,
    signal: opts.signal,
    onOpened: (info) => {
      width = info.width;
      height = info.height;
    },
    onFrames: (batch) => {
      for (const f of batch) {
        if (!f.count) {
          frames.push({ index: f.index, t: f.t, status: 'no-pose' });
          continue;
        }
        const bytes = Buffer.from(f.poses, 'base64');
        const p = new Float32Array(bytes.buffer, bytes.byteOffset, POSE_FLOATS);
        const image = Array.from(
          { length: 33 },
          (_, k) =>
            [p[k * 5], p[k * 5 + 1], p[k * 5 + 2], p[k * 5 + 3], p[k * 5 + 4]] as [
              number,
              number,
              number,
              number,
              number,
            ],
        );
        const w = POSE_WORLD_OFFSET;
        const world = Array.from(
          { length: 33 },
          (_, k) => [p[w + k * 3], p[w + k * 3 + 1], p[w + k * 3 + 2]] as [number, number, number],
        );
        frames.push({ index: f.index, t: f.t, status: 'pose', image, world });
      }
    },
  });
  frames.sort((a, b) => a.index - b.index);
  const intervals = frames
    .slice(1)
    .map((f, i) => f.t - (frames[i] as LandmarkFrame).t)
    .sort((a, b) => a - b);
  const median = intervals[Math.floor(intervals.length / 2)] ?? 1 / 30;
  const fps = median > 0 ? Math.round(1000 / median) / 1000 : 30;
  const last = frames[frames.length - 1];
  return {
    schema: 'stridelab.landmarks/1',
    source: {
      file: basename(clipPath),
      width: Math.max(1, width),
      height: Math.max(1, height),
      fps,
      frameCount: frames.length,
      durationS: last ? last.t + 1 / fps : 0,
      variableFrameRate: intervals.some((d) => Math.abs(d - median) > median / 4),
    },
    model: { name: opts.model ?? 'full' },
    frames,
  };
}
