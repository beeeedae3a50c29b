import { join, relative } from 'node:path';
import { resolveHome } from '../../home';
import { resourcesDir } from '../../paths';
import { ServiceError } from '../../services/errors';
import { resolveLibraryConfig, type LibraryConfig } from '../../services/library/target';
import { runAnalyzeJob } from '../../services/report/pipeline';
import { ANALYZE_USAGE, parseAnalyzeArgs, UsageError, type AnalyzeOptions } from '../analyze-args';
import { abortOnStop } from '../process';
import { usageError } from '../args';
import { createProgress } from '../progress';

/**
 * `stridelab analyze --side <clip> [--rear <clip>] [--out <dir>] [--model lite|full|heavy]`, and
 * `stridelab analyze --demo` (`npm run demo`) on the sample clip in resources/samples.
 * Progress on stderr (a bar on a terminal, plain lines otherwise); the files written on stdout.
 * Exit codes: 0 report written, 1 refused or failed (nothing left looking complete), 2 wrong
 * usage, 130 cancelled (Ctrl-C).
 */
export const DEMO_CLIP = (): string => join(resourcesDir(), 'samples', 'treadmill-side.mp4');

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${ANALYZE_USAGE}\n`);
    return 0;
  }
  let opts: AnalyzeOptions;
  try {
    opts = parseAnalyzeArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return usageError({ name: 'analyze', usage: `\n${ANALYZE_USAGE}` }, err.problems);
  }
  // --db or $STRIDELAB_DB: the run is kept in the clinic server's library, as --home keeps it here.
  let library: LibraryConfig | undefined;
  if ((opts.db ?? process.env.STRIDELAB_DB ?? '').trim() || opts.media || opts.workstation) {
    try {
      library = resolveLibraryConfig({
        home: opts.home ?? resolveHome([]),
        ...(opts.db !== undefined ? { db: opts.db } : {}),
        ...(opts.media !== undefined ? { media: opts.media } : {}),
        ...(opts.workstation !== undefined ? { workstation: opts.workstation } : {}),
      });
    } catch (err) {
      process.stderr.write(`stridelab analyze: ${(err as Error).message}\n\n${ANALYZE_USAGE}\n`);
      return 2;
    }
    if (library.backend === 'sqlite') library = undefined; // STRIDELAB_DB=sqlite: as without it
  }
  const base = library ? { ...opts, library } : opts;
  const job = opts.demo ? { ...base, side: base.side ?? DEMO_CLIP() } : base;
  const bar = createProgress();
  // When each phase started, to say where the time went (the lead quotes these in the README).
  const phaseStart = new Map<string, number>();
  const progress = {
    ...bar,
    update(phase: string, fraction: number, detail?: string) {
      if (!phaseStart.has(phase)) phaseStart.set(phase, Date.now());
      bar.update(phase, fraction, detail);
    },
  };
  const controller = new AbortController();
  // Ctrl-C, SIGTERM and SIGHUP: abort, remove what was staged, exit 130 (cli/process.ts).
  const stopListening = abortOnStop(controller);
  const started = Date.now();
  try {
    const files = await runAnalyzeJob(job, progress, controller.signal);
    bar.done();
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const shown = (p: string): string =>
      relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p) || p;
    for (const f of files) process.stdout.write(`${shown(f)}\n`);
    const pdf = files.find((f) => f.endsWith('report.pdf'));
    const marks = [...phaseStart.entries(), ['end', Date.now()] as const];
    const split = marks
      .slice(0, -1)
      .map(([name, t], i) => `${name} ${((marks[i + 1]![1] - t) / 1000).toFixed(0)} s`)
      .join(', ');
    process.stderr.write(
      `Done in ${seconds} s (${split}). The report is ${pdf ? shown(pdf) : 'missing'}${opts.demo ? ' (sample clip: resources/samples/LICENSE.md)' : ''}.\n`,
    );
    return 0;
  } catch (err) {
    bar.done();
    if (controller.signal.aborted) {
      process.stderr.write('stridelab analyze: cancelled; no report was written.\n');
      return 130;
    }
    const message = err instanceof ServiceError || err instanceof Error ? err.message : String(err);
    process.stderr.write(`stridelab analyze: ${message}\nNo report was written.\n`);
    return 1;
  } finally {
    stopListening();
  }
}
