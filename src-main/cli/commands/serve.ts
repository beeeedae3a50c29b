import { join } from 'node:path';
import { openInBrowser, startBrowserMode } from '../../browser-mode';
import { resolveHome } from '../../home';
import { rendererDir } from '../../paths';
import { ServiceError } from '../../services/errors';
import { parseCommand, usageError as cmdUsageError } from '../args';
import { libraryConfigOf } from '../library-options';
import { untilStopped } from '../process';

/**
 * `stridelab serve [--home DIR] [--port N] [--open]`: browser mode. Prints the app URL (with its
 * one-time token) and, with --open, opens the system Chromium. Runs until interrupted.
 * `--help` prints the usage and exits (it used to start the server: every option was read by hand
 * and an unknown one was ignored). Exit codes: 0 stopped or help, 2 wrong usage.
 */
export const USAGE = `Usage: stridelab serve [--home DIR] [--port N] [--open] [--no-auto-analysis]
                       [--db postgres://… --media SHARED_DIR [--workstation NAME]]
  Starts StrideLab in browser mode on the library in DIR (default: $STRIDELAB_HOME, else your user
  data folder) and prints the address to open in Chromium or Chrome. Stop it with Ctrl+C.
  --db ADDRESS   a workstation of the clinic server at ADDRESS (else $STRIDELAB_DB): the library
                 is on the server, DIR keeps only this workstation's own files (docs/clinic-server.md)
  --media DIR    with --db: the clinic's shared media folder (else $STRIDELAB_MEDIA)
  --workstation NAME
                 with --db: this workstation's name as other rooms see it ("room 2"; else
                 $STRIDELAB_WORKSTATION, else the computer's name)
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
    db: { type: 'string' },
    media: { type: 'string' },
    workstation: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0)
    return cmdUsageError(CMD, `unexpected argument "${parsed.positionals[0]}".`);
  const home = resolveHome(argv);
  const rawPort = parsed.values.port;
  const port = rawPort !== undefined ? Number(rawPort) : undefined;
  if (port !== undefined && !(rawPort!.trim() !== '' && Number.isInteger(port) && port >= 0 && port < 65536))
    return cmdUsageError(CMD, `--port must be a whole number from 0 to 65535, not "${rawPort}".`);
  // One resolver for every door (services/library/target.ts): --media or --workstation without a
  // server, or a server without its shared folder, is refused rather than half-used.
  let config;
  try {
    config = libraryConfigOf(parsed.values);
  } catch (err) {
    return cmdUsageError(CMD, err instanceof Error ? err.message : String(err));
  }
  let app;
  try {
    app = await startBrowserMode({
      home,
      rendererDir: rendererDir(),
      port,
      analyseOnArrival: !parsed.values['no-auto-analysis'],
      ...(config.backend === 'postgres'
        ? {
            server: {
              target: config.target,
              mediaDir: config.mediaDir,
              workstation: config.workstation,
            },
          }
        : {}),
    });
  } catch (err) {
    // The server or the share out of reach, a wrong password: said in words, exit 1.
    if (!(err instanceof ServiceError)) throw err;
    process.stderr.write(`stridelab serve: ${err.message}\n`);
    return 1;
  }
  process.stdout.write(
    config.backend === 'postgres'
      ? `StrideLab (browser mode) on the clinic server ${config.target.display}, media in ${config.mediaDir}\n`
      : `StrideLab (browser mode) on library ${home}\n`,
  );
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
