import { join } from 'node:path';
import { openInBrowser, startBrowserMode } from '../../browser-mode';
import { resolveHome } from '../../home';
import { rendererDir } from '../../paths';

/**
 * `stridelab serve [--home DIR] [--port N] [--open]`: browser mode. Prints the app URL (with its
 * one-time token) and, with --open, opens the system Chromium. Runs until interrupted.
 */
export async function run(argv: string[]): Promise<number> {
  const home = resolveHome(argv);
  const portArg = argv.indexOf('--port');
  const port = portArg >= 0 ? Number(argv[portArg + 1]) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    process.stderr.write(`--port must be a whole number from 0 to 65535, not "${argv[portArg + 1]}".\n`);
    return 2;
  }
  const app = await startBrowserMode({ home, rendererDir: rendererDir(), port });
  process.stdout.write(`StrideLab (browser mode) on library ${home}\n`);
  const opened =
    argv.includes('--open') && openInBrowser(app.server.appUrl, join(home, '..', 'browser-profile'));
  process.stdout.write(
    opened ? `Opened ${app.server.url}\n` : `Open this address in Chromium or Chrome: ${app.server.appUrl}\n`,
  );
  // Machine-readable line for whoever started us (tests, the launcher).
  process.stdout.write(
    `STRIDELAB_READY ${JSON.stringify({ url: app.server.url, appUrl: app.server.appUrl, token: app.server.token })}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  return 0;
}
