import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyzeGait, GaitInputError, type Calibration, type GaitView } from '../../../src-shared/gait';
import { formatSummary } from '../../../src-shared/gait/format';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { describePoseError, seriesOfClip } from '../../services/pose';
import { parseCommand, usageError as cmdUsageError } from '../args';
import { abortOnStop } from '../process';

/**
 * `stridelab gait <landmarks.json | clip> --view side|rear [--out <gait.json>] [--height-cm N]`
 * The gait engine on a landmark series (schema stridelab.landmarks/1, from `stridelab pose` or any
 * tool writing that schema) or on a clip (pose first, MediaPipe offline). Prints a summary in clinic
 * words; writes the stridelab.gait/1 result (docs/gait-schema.md) with --out. Exit codes: 0 done,
 * 1 failed (missing or invalid file, no steps), 2 wrong usage, 130 interrupted.
 */
export const USAGE = `Usage: stridelab gait <landmarks.json | clip> --view side|rear [--out <gait.json>] [--height-cm N]
  --view       side (sagittal) or rear (posterior): the camera that filmed the clip
  --out        write the full result (JSON, schema stridelab.gait/1); "-" for stdout
  --height-cm  the patient's height, to give lengths in cm (else % of leg length)
  --px-per-cm  image scale measured from a known distance, instead of --height-cm
  --cutoff     filter cutoff: auto (residual analysis, default), none, or a frequency in Hz
  --model      pose model for a clip: lite, full (default) or heavy`;

const CMD = { name: 'gait', usage: USAGE } as const;
const usageError = (problems: readonly string[]): number => cmdUsageError(CMD, problems);

/** A positive number typed after a flag; where it is not one, `problem` is said in `problems`. */
function positive(value: string | undefined, problems: string[], problem: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isFinite(n) && n > 0) return n;
  problems.push(problem);
  return undefined;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, CMD, {
    view: { type: 'string' },
    out: { type: 'string' },
    'height-cm': { type: 'string' },
    'px-per-cm': { type: 'string' },
    cutoff: { type: 'string', default: 'auto' },
    model: { type: 'string', default: 'full' },
    home: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  // Every mistake of the command line, said together (../args.ts).
  const problems: string[] = [];
  if (positionals.length !== 1) problems.push('give exactly one landmark file or clip.');
  if (values.view !== 'side' && values.view !== 'rear')
    problems.push(`--view must be side or rear${values.view ? `; not "${values.view}"` : ''}.`);
  const notPositive = (flag: string, raw: string | undefined) =>
    `${flag} must be a positive number; not "${raw}".`;
  const height = positive(values['height-cm'], problems, notPositive('--height-cm', values['height-cm']));
  const pxPerCm = positive(values['px-per-cm'], problems, notPositive('--px-per-cm', values['px-per-cm']));
  const cutoff =
    values.cutoff === 'auto' || values.cutoff === 'none'
      ? values.cutoff
      : positive(
          values.cutoff,
          problems,
          `--cutoff must be auto, none or a frequency in Hz; not "${values.cutoff}".`,
        );
  if (!['lite', 'full', 'heavy'].includes(values.model as string))
    problems.push(`--model must be lite, full or heavy; not "${values.model}".`);
  if (problems.length > 0) return usageError(problems);
  const input = positionals[0] as string;
  const view = values.view as GaitView;
  const cutoffHz = cutoff ?? 'auto';
  if (!existsSync(input) || !statSync(input).isFile()) {
    process.stderr.write(`stridelab gait: there is no file "${input}".\n`);
    return 1;
  }

  let series: LandmarkSeries;
  if (/\.json$/i.test(input)) {
    try {
      series = JSON.parse(readFileSync(input, 'utf8')) as LandmarkSeries;
    } catch (e) {
      process.stderr.write(
        `stridelab gait: ${basename(input)} is not readable JSON (${(e as Error).message}).\n`,
      );
      return 1;
    }
  } else {
    const controller = new AbortController();
    // Ctrl-C, SIGTERM and SIGHUP stop it alike (cli/process.ts).
    const stopListening = abortOnStop(controller);
    try {
      process.stderr.write(`Finding poses in ${input} (${values.model} model)…\n`);
      series = await seriesOfClip({
        clipPath: input,
        model: values.model as PoseModelName,
        signal: controller.signal,
        onProgress: (p) => process.stderr.write(`pose: ${p.framesDone}/${p.totalFrames} frames\n`),
      });
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') {
        process.stderr.write('stridelab gait: interrupted; nothing written.\n');
        return 130;
      }
      process.stderr.write(`stridelab gait: ${describePoseError(e, input)}\n`);
      return 1;
    } finally {
      stopListening();
    }
  }

  const calibration: Calibration | undefined =
    pxPerCm !== undefined ? { pxPerCm } : height !== undefined ? { heightCm: height } : undefined;
  let result;
  try {
    result = analyzeGait({ series, view, calibration, cutoffHz });
  } catch (e) {
    if (e instanceof GaitInputError) {
      process.stderr.write(`stridelab gait: ${basename(input)}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const summary = formatSummary(result);
  if (values.out === '-') {
    process.stderr.write(`${summary}\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(`${summary}\n`);
    if (values.out) {
      // Temp + rename: an interrupted write never leaves a half JSON under the chosen name.
      const tmp = `${values.out}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(result, null, 1));
      renameSync(tmp, values.out);
      process.stderr.write(`gait: wrote ${values.out}\n`);
    }
  }
  return result.flags.some((f) => f.code === 'no-steps') ? 1 : 0;
}
