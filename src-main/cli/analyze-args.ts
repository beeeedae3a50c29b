import { resolve } from 'node:path';

/**
 * Options of `stridelab analyze`, parsed and checked before anything runs: a typo must cost the PT
 * a one-line message, not a half-made report.
 */
export const MODELS = ['lite', 'full', 'heavy'] as const;
export type ModelName = (typeof MODELS)[number];

export interface AnalyzeOptions {
  readonly side?: string;
  readonly rear?: string;
  readonly sideLandmarks?: string;
  readonly rearLandmarks?: string;
  /** The side clip's marker tracks from `stridelab markers --out`. */
  readonly sideMarkers?: string;
  /** The rear clip's marker tracks (heel counter and lower shank: rearfoot eversion). */
  readonly rearMarkers?: string;
  readonly out: string;
  readonly model: ModelName;
  /** A library to keep the run in (--home or $STRIDELAB_HOME); absent = a temporary library. */
  readonly home?: string;
  /** The clinic server (--db or $STRIDELAB_DB), its shared media folder and this workstation's name. */
  readonly db?: string;
  readonly media?: string;
  readonly workstation?: string;
  readonly patient: string;
  readonly condition: string;
  readonly speedKmh?: number;
  readonly inclinePct?: number;
  readonly heightCm?: number;
  readonly video: boolean;
  readonly demo: boolean;
}

export const ANALYZE_USAGE = `Usage: stridelab analyze --side <clip> [--rear <clip>] [--out <dir>] [--model lite|full|heavy]
       stridelab analyze --demo

Runs import, pose, gait and report on the clips and writes into --out (default ./stridelab-report):
  report.pdf     the gait report
  analysis.json  every event, step and summary (schema stridelab.analysis/1)
  steps.csv      one row per step;  summary.csv  one row per variable and side
  annotated-side.mp4 / annotated-rear.mp4  with --video: skeleton and angles burnt in

Options:
  --side <clip>       side-view (sagittal) clip of the runner on the treadmill
  --rear <clip>       rear-view (posterior) clip filmed at the same time
  --out <dir>         output folder (created if needed)
  --model <name>      pose model: lite (fastest), full (default), heavy (slowest, most exact)
  --patient <name>    name printed on the report (default "Unnamed runner")
  --condition <text>  what was filmed (default "flat"); --speed <km/h>, --incline <%>
  --height <cm>       the runner's height: gives distances in cm
  --video             also write the annotated video(s)
  --side-landmarks <json>, --rear-landmarks <json>
                      landmarks found earlier for that clip (stridelab pose --out): skips pose
  --side-markers <json>
                      the side clip's skin markers (stridelab markers --out): its contacts and
                      toe-offs from the foot markers where they do better, and the marker
                      variables in the landmarks' place, as in the app
  --rear-markers <json>
                      the rear clip's skin markers (stridelab markers <rear clip> --view rear
                      --out): rearfoot eversion at contact and its peak in stance, per step, as
                      in the app (two heel-counter and two lower-shank markers on a leg)
  --home <dir>        keep the patient, session and clips in this library ($STRIDELAB_HOME);
                      without it a temporary library is used and removed afterwards
  --db <address>      keep them in the clinic server's library instead ($STRIDELAB_DB;
                      docs/clinic-server.md), with --media <shared folder> ($STRIDELAB_MEDIA)
                      and --workstation <name> ($STRIDELAB_WORKSTATION)
  --demo              analyse the sample clip shipped in resources/samples`;

/** Every mistake of one command line (`problems`), said together; the message joins them. */
export class UsageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join(' '));
  }
}

function num(
  flag: string,
  raw: string | undefined,
  range: readonly [number, number, string],
  problems: string[],
): number | undefined {
  const [lo, hi, unit] = range;
  const n = Number(raw);
  if (raw === undefined || raw === '' || !Number.isFinite(n))
    problems.push(`${flag} needs a number (${unit}), not "${raw ?? ''}".`);
  else if (n < lo || n > hi) problems.push(`${flag} must be between ${lo} and ${hi} ${unit}, not ${n}.`);
  else return n;
  return undefined;
}

export function parseAnalyzeArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): AnalyzeOptions {
  const valued = new Set([
    '--side',
    '--rear',
    '--side-landmarks',
    '--rear-landmarks',
    '--side-markers',
    '--rear-markers',
    '--out',
    '--model',
    '--home',
    '--db',
    '--media',
    '--workstation',
    '--patient',
    '--condition',
    '--speed',
    '--incline',
    '--height',
  ]);
  const flags = new Set(['--video', '--demo']);
  const values = new Map<string, string>();
  const seen = new Set<string>();
  // Every mistake is said at once: a PT who typed three was told one, then the next.
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (flags.has(arg)) {
      seen.add(arg);
      continue;
    }
    if (!valued.has(arg)) {
      problems.push(`Unknown option "${argv[i]}".`);
      continue;
    }
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        problems.push(`${arg} needs a value.`);
        continue;
      }
      i++;
    }
    if (values.has(arg)) problems.push(`${arg} is given twice.`);
    else values.set(arg, value);
  }
  const demo = seen.has('--demo');
  const model = (values.get('--model') ?? 'full') as ModelName;
  if (!MODELS.includes(model)) problems.push(`--model must be lite, full or heavy, not "${model}".`);
  if (!demo && !values.get('--side') && !values.get('--rear') && !problems.some((p) => /^--side /.test(p))) {
    problems.push('Give at least a side-view clip: --side <clip> (and --rear <clip> for the rear view).');
  } else if (!demo && !values.get('--side') && values.get('--rear')) {
    problems.push(
      'A rear clip alone cannot be analysed: the gait events come from the side view. Add --side <clip>.',
    );
  }
  for (const [lm, clip] of [
    ['--side-landmarks', '--side'],
    ['--rear-landmarks', '--rear'],
    ['--side-markers', '--side'],
    ['--rear-markers', '--rear'],
  ] as const) {
    if (values.has(lm) && !values.has(clip)) problems.push(`${lm} goes with ${clip} <clip>.`);
  }
  const measure = (flag: string, range: readonly [number, number, string]) =>
    values.has(flag) ? num(flag, values.get(flag), range, problems) : undefined;
  const speedKmh = measure('--speed', [0.5, 30, 'km/h']);
  const inclinePct = measure('--incline', [-10, 40, '%']);
  const heightCm = measure('--height', [50, 250, 'cm']);
  if (problems.length > 0) throw new UsageError(problems);
  const home = values.get('--home') ?? env.STRIDELAB_HOME;
  return {
    side: values.get('--side') && resolve(values.get('--side')!),
    rear: values.get('--rear') && resolve(values.get('--rear')!),
    sideLandmarks: values.get('--side-landmarks') && resolve(values.get('--side-landmarks')!),
    rearLandmarks: values.get('--rear-landmarks') && resolve(values.get('--rear-landmarks')!),
    ...(values.has('--side-markers') ? { sideMarkers: resolve(values.get('--side-markers')!) } : {}),
    ...(values.has('--rear-markers') ? { rearMarkers: resolve(values.get('--rear-markers')!) } : {}),
    out: resolve(values.get('--out') ?? 'stridelab-report'),
    model,
    home: home ? resolve(home) : undefined,
    ...(values.has('--db') ? { db: values.get('--db')! } : {}),
    ...(values.has('--media') ? { media: values.get('--media')! } : {}),
    ...(values.has('--workstation') ? { workstation: values.get('--workstation')! } : {}),
    patient: values.get('--patient')?.trim() || (demo ? 'Demo runner' : 'Unnamed runner'),
    condition: values.get('--condition')?.trim() || 'flat',
    speedKmh,
    inclinePct,
    heightCm,
    video: seen.has('--video'),
    demo,
  };
}
