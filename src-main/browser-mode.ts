import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createServices, type Services } from './services';
import type { ServerTarget } from './services/library/postgres/config';
import { openServerMode } from './services/library/server-mode';
import { createServerServices } from './services/server';
import { findChromium } from './services/chromium';
import { startCaptureInBrowserMode } from './services/capture/route';
import { registerMediaRoutes } from './services/media/http-routes';
import { startLocalServer, type LocalServer } from './transport/http-server';

/**
 * Browser mode: the services plus the local server, with the built renderer. This is how StrideLab
 * runs where Electron is absent, and what the end-to-end tests start.
 */
export interface BrowserMode {
  readonly services: Services;
  readonly server: LocalServer;
  close(): Promise<void>;
}

export async function startBrowserMode(options: {
  home: string;
  rendererDir: string;
  port?: number;
  /** Analyse clips as they arrive (default: yes, as in the desktop app). */
  analyseOnArrival?: boolean;
  /**
   * A workstation of a clinic server (docs/clinic-server.md): the library on the server, the clips
   * in the shared folder; `home` then holds only this workstation's own things.
   */
  server?: { target: ServerTarget; mediaDir: string; workstation?: string };
}): Promise<BrowserMode> {
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(
      `The renderer is not built (${options.rendererDir}/index.html is missing). Run: npm run build`,
    );
  }
  const common = {
    home: options.home,
    transport: 'browser',
    analyseOnArrival: options.analyseOnArrival ?? true,
  } as const;
  const services = options.server
    ? await createServerServices({
        ...common,
        library: await openServerMode({ ...options.server, home: options.home }),
      })
    : createServices(common);
  try {
    const server = await startLocalServer({ services, staticRoot: options.rendererDir, port: options.port });
    startCaptureInBrowserMode(server, services);
    registerMediaRoutes(server, services.library);
    return {
      services,
      server,
      async close() {
        await server.close();
        services.close();
        // A running analysis has gone back to the queue; wait until its Chromium has let go.
        await services.idle();
      },
    };
  } catch (err) {
    services.close();
    throw err;
  }
}

/** Open the app in the system Chromium/Chrome as an app window; false when none can be shown. */
export function openInBrowser(
  url: string,
  profileDir: string,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const exe = env.STRIDELAB_BROWSER ?? findChromium(env);
  const canShow = process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  if (!exe || !canShow) return false;
  const child = spawn(
    exe,
    [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--disable-background-networking'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  child.on('error', () => undefined);
  child.unref();
  return true;
}
