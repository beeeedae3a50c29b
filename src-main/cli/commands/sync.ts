import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { estimateSync, type SyncOptions } from '../../../src-shared/sync/estimate';
import { SyncInputError, type SyncEstimate } from '../../../src-shared/sync/types';
import { ServiceError } from '../../services/errors';
import { parseLandmarks } from '../../services/sync/landmarks';
import { parseCommand, usageError as cmdUsageError } from '../args';

/**
 * `stridelab sync <clipA> <clipB> [--json] [--search MIN:MAX] [--model lite|full|heavy]`
 * Prints the offset of B against A (B's first frame is that many frames of A after A's first frame;
 * negative: before), in frames of A and in seconds, with the confidence and what lowers it. Each
 * input is a clip (the pose engine runs on it first) or a landmark JSON (stridelab.landmarks/1).
 * Exit codes: 0 estimated (whatever the confidence: it is printed), 1 refused or failed, 2 wrong usage.
 */
export const USAGE = `Usage: stridelab sync <clipA> <clipB> [--json] [--search <min s>:<max s>] [--model lite|full|heavy]
  clipA, clipB: video clips or landmark JSON files (stridelab pose --out) of the same run`;

const CMD = { name: 'sync', usage: USAGE } as const;
const usageError = (problems: readonly string[]): number => cmdUsageError(CMD, problems);

async function load(path: string, model: 'lite' | 'full' | 'heavy'): Promise<LandmarkSeries> {
  if (extname(path).toLowerCase() === '.json') return parseLandmarks(readFileSync(path, 'utf8'), path);
  process.stderr.write(`Finding poses in ${path}…\n`);
  const { seriesOfClip } = await import('../../services/pose');
  return seriesOfClip({ clipPath: path, model });
}

const signed = (n: number, digits: number): string => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(digits)}`;

export function formatEstimate(e: SyncEstimate, nameA: string, nameB: string): string {
  const lines = [
    `Offset of B (${nameB}) against A (${nameA}): ${signed(e.offsetFramesA, 1)} frames of A (${signed(e.offsetS, 3)} s)`,
    `Confidence: ${e.confidence.toFixed(2)} (${e.level})`,
  ];
  if (e.timeScale !== 1)
    lines.push(`Clock ratio: 1 s of B = ${e.timeScale.toFixed(4)} s of A (slow motion?)`);
  if (e.runnerUp)
    lines.push(
      `Next best: ${signed(e.runnerUp.offsetFramesA, 1)} frames (${signed(e.runnerUp.offsetS, 3)} s), match ${e.runnerUp.score.toFixed(2)} vs ${e.peak.toFixed(2)}`,
    );
  for (const w of e.warnings) lines.push(`Note: ${w}`);
  return lines.join('\n');
}

function parseSearch(raw: string | undefined): SyncOptions['searchS'] {
  if (raw === undefined) return undefined;
  const m = /^(-?\d+(?:\.\d+)?):(-?\d+(?:\.\d+)?)$/.exec(raw.trim());
  if (!m || !(Number(m[2]) > Number(m[1])))
    throw new ServiceError(
      'invalid-input',
      `--search must be <min>:<max> in seconds with min < max, e.g. -2:5; not "${raw}".`,
    );
  return { min: Number(m[1]), max: Number(m[2]) };
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, CMD, {
    json: { type: 'boolean', default: false },
    search: { type: 'string' },
    model: { type: 'string', default: 'full' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  // Every mistake of the command line, said together (../args.ts).
  const problems: string[] = [];
  if (positionals.length !== 2) problems.push(`give exactly two inputs, not ${positionals.length}.`);
  const model = values.model as 'lite' | 'full' | 'heavy';
  if (!['lite', 'full', 'heavy'].includes(model))
    problems.push(`--model must be lite, full or heavy, not "${model}".`);
  let searchS: SyncOptions['searchS'];
  try {
    searchS = parseSearch(values.search);
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (problems.length > 0) return usageError(problems);
  const [pathA, pathB] = positionals as [string, string];
  // Both inputs looked for before either is read (a clip's poses take minutes): both said if gone.
  const missing = [pathA, pathB].filter((p) => !existsSync(p) || !statSync(p).isFile());
  for (const p of missing) process.stderr.write(`stridelab sync: There is no file "${p}".\n`);
  if (missing.length > 0) return 1;
  try {
    const a = await load(pathA, model);
    const b = await load(pathB, model);
    const estimate = estimateSync(a, b, searchS ? { searchS } : {});
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ a: pathA, b: pathB, ...estimate }, null, 2)}\n`
        : `${formatEstimate(estimate, pathA, pathB)}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ServiceError || err instanceof SyncInputError) {
      process.stderr.write(`stridelab sync: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
