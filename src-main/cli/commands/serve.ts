import { join } from 'node:path';
import { openInBrowser, startBrowserMode } from '../../browser-mode';
import { resolveHome } from '../../home';
import { rendererDir } from '../../paths';
import { parseCommand, usageError as cmdUsageError } from '../args';
import { untilStopped } from '../process';

/**
 * `stridelab serve [--home DIR] [--port N] [--open]`: browser mode. Prints the app URL (with its
 * one-time token) and, with --open, opens the system Chromium. Runs until interrupted.
 * `--help` prints the usage and exits (it used to start the server: every option was read by hand
 * and an unknown one was ignored). Exit codes: 0 stopped or help, 2 wrong usage.
 */
export const USAGE = `Usage: stridelab serve [--home DIR] [--port N] [--open] [--no-auto-analysis]
  Starts StrideLab in browser mode on the library in DIR (default: $STRIDELAB_HOME, else your user
  data folder) and prints the address to open in Chromium or Chrome. Stop it with Ctrl+C.
  --port N   listen on port N of 127.0.0.1 (default: a free port)
  --open     open the address in the system's Chromium
  --no-auto-analysis
             do not analyse clips as they arrive; the PT starts it with "Analyse"
             (for a PC too slow to analyse while it records)`;

const CMD = { name: 'serve', usage: USAGE } as const;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, CMD, {
    home: { type: 'string' },
    port: { type: 'string' },
    open: { type: 'boolean', default: false },
    'no-auto-analysis': { type: 'boolean', default: false },
  });
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0)
    return cmdUsageError(CMD, `unexpected argument "${parsed.positionals[0]}".`);
  const home = resolveHome(argv);
  const rawPort = parsed.values.port;
  const port = rawPort !== undefined ? Number(rawPort) : undefined;
  if (port !== undefined && !(rawPort!.trim() !== '' && Number.isInteger(port) && port >= 0 && port < 65536))
    return cmdUsageError(CMD, `--port must be a whole number from 0 to 65535, not "${rawPort}".`);
  const app = await startBrowserMode({
    home,
    rendererDir: rendererDir(),
    port,
    analyseOnArrival: !parsed.values['no-auto-analysis'],
  });
  process.stdout.write(`StrideLab (browser mode) on library ${home}\n`);
  const opened = parsed.values.open && openInBrowser(app.server.appUrl, join(home, '..', 'browser-profile'));
  process.stdout.write(
    opened ? `Opened ${app.server.url}\n` : `Open this address in Chromium or Chrome: ${app.server.appUrl}\n`,
  );
  // Machine-readable line for whoever started us (tests, the launcher).
  process.stdout.write(
    `STRIDELAB_READY ${JSON.stringify({ url: app.server.url, appUrl: app.server.appUrl, token: app.server.token })}\n`,
  );
  // Ctrl-C, SIGTERM and SIGHUP close the library cleanly; a second one exits at once (cli/process.ts).
  await untilStopped();
  await app.close();
  return 0;
}
