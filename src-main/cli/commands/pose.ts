import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import { aboutTime } from '../../../src-shared/analysis/time-left';
import {
  describePoseError,
  detectPoses,
  frameRange,
  noPoseRanges,
  poseTimeLeft,
  toSeries,
} from '../../services/pose';
import { parseCommand, usageError as cmdUsageError } from '../args';
import { abortOnStop } from '../process';
import { noteLeftover } from '../../services/process/scratch';

/**
 * `stridelab pose <clip> [--model lite|full|heavy] --out <landmarks.json> [--pick FRAME:X:Y]`
 * MediaPipe Pose Landmarker on every frame of a clip, written as a stridelab.landmarks/1 JSON
 * (docs/landmarks-schema.md). Progress on stderr. Exit codes: 0 written, 1 failed (bad clip, no
 * person at all), 2 wrong usage, 130 interrupted.
 */
export const USAGE = `Usage: stridelab pose <clip> [--model lite|full|heavy] --out <landmarks.json> [--pick FRAME:X:Y]
  --model  lite (fastest), full (default) or heavy (most accurate, slowest)
  --out    where to write the landmark series (JSON, schema stridelab.landmarks/1); "-" for stdout
  --pick   follow the person at pixel X,Y of frame FRAME instead of the runner (largest, most central)`;

const CMD = { name: 'pose', usage: USAGE } as const;
const usageError = (message: string): number => cmdUsageError(CMD, message);

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, CMD, {
    model: { type: 'string', default: 'full' },
    out: { type: 'string' },
    pick: { type: 'string' },
    poses: { type: 'string', default: '2' },
    home: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError('give exactly one clip.');
  const clip = positionals[0]!;
  if (!['lite', 'full', 'heavy'].includes(values.model!))
    return usageError(`--model must be lite, full or heavy; not "${values.model}".`);
  if (!values.out) return usageError('--out <landmarks.json> is required.');
  const numPoses = Number(values.poses);
  if (!Number.isInteger(numPoses) || numPoses < 1 || numPoses > 5)
    return usageError('--poses must be 1 to 5.');
  let pick;
  if (values.pick !== undefined) {
    const m = /^(\d+):(-?\d+(?:\.\d+)?):(-?\d+(?:\.\d+)?)$/.exec(values.pick);
    if (!m) return usageError(`--pick must be FRAME:X:Y (e.g. 120:640:360); not "${values.pick}".`);
    pick = { frame: Number(m[1]), x: Number(m[2]), y: Number(m[3]) };
  }
  if (!existsSync(clip) || !statSync(clip).isFile()) {
    process.stderr.write(`stridelab pose: there is no file "${clip}".\n`);
    return 1;
  }

  const controller = new AbortController();
  // Ctrl-C, SIGTERM and SIGHUP stop it alike (cli/process.ts).
  const stopListening = abortOnStop(controller);
  const model = values.model as PoseModelName;
  // The process's one time left (services/pose/time-left.ts), as the app's queue says it.
  const follower = poseTimeLeft.follow(clip, model);
  try {
    process.stderr.write(`Finding poses in ${clip} (${model} model)…\n`);
    const { candidates } = await detectPoses({
      clipPath: clip,
      model,
      numPoses,
      signal: controller.signal,
      onProgress: (raw) => {
        const p = follower.report(raw);
        process.stderr.write(
          `pose: ${p.stage ? `${p.stage}, ` : ''}${p.framesDone}/${p.totalFrames} frames` +
            (p.fps !== null ? `, ${p.fps.toFixed(1)} fps` : '') +
            `, ${aboutTime(p.secondsLeft)}\n`,
        );
      },
    });
    let series;
    try {
      series = toSeries(candidates, pick);
    } catch (e) {
      if (e instanceof RangeError) {
        process.stderr.write(`stridelab pose: --pick: ${e.message}.\n`);
        return 1;
      }
      throw e;
    }
    const gaps = noPoseRanges(series);
    const found = series.frames.length - gaps.reduce((s, [a, b]) => s + b - a + 1, 0);
    if (found === 0) {
      const all = series.frames.length ? ` in ${frameRange([0, series.frames.length - 1])}` : '';
      process.stderr.write(`stridelab pose: no person found${all} of ${clip}. Nothing written.\n`);
      return 1;
    }
    for (const g of gaps) process.stderr.write(`pose: no person found in ${frameRange(g)}\n`);
    const json = JSON.stringify(series);
    if (values.out === '-') process.stdout.write(`${json}\n`);
    else {
      // Temp + rename: an interrupted write never leaves a half JSON under the chosen name, and the
      // temp name is noted so the next StrideLab start removes it if this process dies mid-write.
      const tmp = join(dirname(values.out), `.stridelab-partial-${process.pid}-${basename(values.out)}`);
      const forget = noteLeftover(tmp);
      try {
        writeFileSync(tmp, json);
        renameSync(tmp, values.out);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw err;
      } finally {
        forget();
      }
    }
    process.stderr.write(
      `pose: a person in ${found} of ${series.frames.length} frames; wrote ${values.out === '-' ? 'stdout' : values.out}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') {
      process.stderr.write('stridelab pose: interrupted; nothing written.\n');
      return 130;
    }
    process.stderr.write(`stridelab pose: ${describePoseError(e, clip)}\n`);
    return 1;
  } finally {
    follower.end();
    stopListening();
  }
}
