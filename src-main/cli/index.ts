/**
 * `stridelab <command> …`: the same services as the app, from a terminal. Each command lives in
 * ./commands/<name>.ts and exports `run(argv): Promise<exitCode>`. Commands are loaded lazily so
 * `stridelab serve` does not load MediaPipe hosts, and a broken command cannot break the others.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCliProcess } from './process';
type Command = { run(argv: string[]): Promise<number> };

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: {
    summary: 'start browser mode on a library (the app without Electron)',
    load: () => import('./commands/serve'),
  },
  import: {
    summary: "import a clip into a patient's session (copy, check, make it reviewable)",
    load: () => import('./commands/import'),
  },
  pose: {
    summary: 'find body landmarks on every frame of a clip (MediaPipe, offline) and write them as JSON',
    load: () => import('./commands/pose'),
  },
  gait: {
    summary: 'gait events, clinical variables per step, findings from landmarks (or a clip)',
    load: () => import('./commands/gait'),
  },
  markers: {
    summary: 'track taped skin markers through a clip; pelvic tilt or rearfoot eversion per step',
    load: () => import('./commands/markers'),
  },
  sync: {
    summary: 'estimate the time offset between two clips of the same run (side and rear)',
    load: () => import('./commands/sync'),
  },
  progress: {
    summary:
      "a patient's progress across visits: what changed since last time, and whether it is beyond noise",
    load: () => import('./commands/progress'),
  },
  library: {
    summary: "move this PC's library to the clinic server, every row and clip checked",
    load: () => import('./commands/library'),
  },
  db: {
    summary: "check or upgrade a clinic server's shared library (PostgreSQL; docs/clinic-server.md)",
    load: () => import('./commands/db'),
  },
  analyze: {
    summary:
      'the main job: clips in, report.pdf + analysis.json + steps.csv out (import, pose, gait, report)',
    load: () => import('./commands/analyze'),
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'Usage: stridelab <command> [options]',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Commands that work on the library (serve, import, analyze, progress) take --home <dir> (or',
    "$STRIDELAB_HOME) for this PC's library, or --db postgres://… --media <shared folder> (or",
    "$STRIDELAB_DB, $STRIDELAB_MEDIA) for the clinic server's (docs/clinic-server.md).",
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`stridelab: unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (err) {
    process.stderr.write(`stridelab ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/**
 * `main` as a process of its own: sweep what dead StrideLab processes left, take a scratch folder
 * (cli/process.ts), run, exit with the command's code. bin/stridelab.js calls this.
 */
export async function runCli(argv: string[]): Promise<never> {
  startCliProcess();
  process.exit(await main(argv));
}

// Run when this very file is the script node was given (bin/stridelab.js imports the built file and
// calls runCli itself; tests import it in-process and must not start a command).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void runCli(process.argv.slice(2));
}
