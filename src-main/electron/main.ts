/**
 * The Electron shell: a thin window over the same services that browser mode and the CLI use. It
 * cannot start on the build machines (no Electron binary there), so it holds no logic of its own:
 * security settings, the custom `app://` scheme for the renderer, single-instance, and the IPC
 * transport. Everything it calls is tested through browser mode.
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell } from 'electron';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp';
import { createServices, type Services } from '../services';
import type { LibraryConfig } from '../services/library/target';
import { openConfiguredLibrary } from '../services/library/target';
import { isServerMode } from '../services/library/server-mode';
import { createServerServices } from '../services/server';
import { handleCaptureFetch } from '../services/capture/fetch-routes';
import { handleMediaFetch } from '../services/media/fetch-routes';
import { setFilePicker } from '../services/media/sources';
import { claimScratch, sweepLeftovers } from '../services/process/scratch';
import { registerIpc } from '../transport/ipc';
import { setExportRevealer, setReportPrinter } from '../services/report/handlers';
import { setEngineRunner } from '../services/pose/engine-runner';
import { ENGINE_ROUTE_PREFIX, EngineRoutes } from '../services/pose/engine-routes';
import { defaultModelDir } from '../services/pose/paths';
import { electronPrinter } from './report-pdf';
import { electronEngineRunner } from './pose-engine';
import { shellLibraryConfig, startupFailure } from './startup-config';
import {
  allowPermissionCheck,
  allowPermissionRequest,
  APP_ORIGIN,
  externalUrlToOpen,
  needsNoSandbox,
} from './policy';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererRoot = resolve(join(here, '../renderer'));
/** The main window's page: the only one that may call the services. */
const isAppPage = (url: string): boolean => url.startsWith(`${APP_ORIGIN}/index.html`);

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

// Every renderer sandboxed; Chromium's sandbox itself off only as root, where it cannot run (policy.ts).
app.enableSandbox();
if (needsNoSandbox(process.getuid?.())) app.commandLine.appendSwitch('no-sandbox');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let services: Services | undefined;
  let window: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app
    .whenReady()
    .then(async () => {
      // What crashed StrideLab processes left (children, temporary folders), then a registry of ours.
      try {
        sweepLeftovers();
        claimScratch({ redirectTmp: false });
      } catch {
        // A full or read-only temp folder must not keep the app from starting.
      }
      // The PC's own library or the clinic server's, as `stridelab serve` chooses (startup-config.ts);
      // a setting that cannot work, or a server or share out of reach, is said in a dialog, not a crash.
      let config: LibraryConfig | undefined;
      try {
        config = shellLibraryConfig({
          argv: process.argv,
          env: process.env,
          userData: app.getPath('userData'),
        });
        const library = await openConfiguredLibrary(config);
        const options = { home: config.home, transport: 'electron', analyseOnArrival: true } as const;
        services = isServerMode(library)
          ? await createServerServices({ ...options, library })
          : createServices({ ...options, library });
      } catch (err) {
        const { title, detail } = startupFailure(err, config);
        dialog.showErrorBox(title, detail);
        app.exit(1);
        return;
      }
      // Reports print with Chromium's own printToPDF here (headless Chromium elsewhere).
      setReportPrinter(electronPrinter(APP_ORIGIN));
      // "Show in folder" after an export: the handler passes a file it found in the exports folder.
      setExportRevealer((path) => shell.showItemInFolder(path));
      // Pose detection runs in a hidden window of the app (the Node host's headless Chromium elsewhere).
      const poseRoutes = new EngineRoutes();
      setEngineRunner(
        electronEngineRunner({
          appOrigin: APP_ORIGIN,
          routes: poseRoutes,
          preload: join(here, '../preload/pose-engine.cjs'),
          modelDir: app.isPackaged ? join(process.resourcesPath, 'models') : defaultModelDir(),
          electron: { BrowserWindow, ipcMain },
        }),
      );
      // Takes a crash interrupted: import what reached the disk (docs/capture.md).
      void services.dispatch('capture:recover', {});
      // recordings:pick: main shows the native dialog; the renderer only ever gets opaque handles.
      setFilePicker(async ({ multiple, accept }) => {
        const options: Electron.OpenDialogOptions = {
          title: 'Choose a clip',
          properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
          filters:
            accept === 'archive'
              ? [{ name: 'StrideLab session', extensions: ['stridelab-session'] }]
              : [{ name: 'Videos', extensions: ['mp4', 'mov', 'm4v', 'webm', 'mkv', 'avi', 'mts'] }],
        };
        const result = window
          ? await dialog.showOpenDialog(window, options)
          : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      });

      // Serve the built renderer from app://stridelab/ — never file:// (which would grant the page the disk).
      protocol.handle('app', async (request) => {
        const url = new URL(request.url);
        if (url.host !== 'stridelab') return new Response('Not found', { status: 404 });
        // The pose engine's clip and model, behind a per-run token (services/pose/engine-routes.ts).
        if (url.pathname.startsWith(ENGINE_ROUTE_PREFIX))
          return (await poseRoutes.handle(request)) ?? new Response('Not found', { status: 404 });
        // Media by recording id, uploads of dropped files, exports: the same routes as browser mode.
        if (url.pathname.startsWith('/api/') && services) {
          return (
            (await handleCaptureFetch(request)) ??
            (await handleMediaFetch(services.library, request)) ??
            new Response('Not found', { status: 404 })
          );
        }
        let file: string;
        try {
          file = resolve(
            join(rendererRoot, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)),
          );
        } catch {
          return new Response('Bad request', { status: 400 }); // a malformed %-escape
        }
        if (!(file === rendererRoot || file.startsWith(rendererRoot + sep))) {
          return new Response('Not found', { status: 404 });
        }
        // The CSP rides on every response of ours, not only the pages: a worker (the pose engine's)
        // takes its policy from its own script's response; set here, it does not depend on whether
        // the session's webRequest hooks below see responses of a custom scheme.
        const response = await net.fetch(pathToFileURL(file).toString());
        const headers = new Headers(response.headers);
        headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        return new Response(response.body, { status: response.status, headers });
      });

      session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
        callback({
          responseHeaders: {
            ...details.responseHeaders,
            'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
          },
        });
      });
      // No remote content: refuse every request that is not ours.
      session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
        const ok =
          details.url.startsWith(`${APP_ORIGIN}/`) ||
          details.url.startsWith('devtools://') ||
          details.url.startsWith('blob:') ||
          details.url.startsWith('data:');
        callback({ cancel: !ok });
      });
      // The camera for capture, asked by our own page, video only (no microphone); nothing else.
      session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
        callback(allowPermissionRequest(permission, details)),
      );
      session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
        allowPermissionCheck(permission, requestingOrigin, details),
      );

      registerIpc(
        ipcMain,
        services,
        // Events go to the main window only: the hidden engine and report windows have no use for them.
        () => (window && !window.isDestroyed() ? [window.webContents] : []),
        isAppPage,
      );

      window = new BrowserWindow({
        width: 1440,
        height: 900,
        title: 'StrideLab',
        webPreferences: {
          preload: join(here, '../preload/index.cjs'),
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
        },
      });
      window.webContents.setWindowOpenHandler(({ url }) => {
        const external = externalUrlToOpen(url);
        if (external) void shell.openExternal(external);
        return { action: 'deny' };
      });
      window.webContents.on('will-navigate', (event, url) => {
        if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
      });
      void window.loadURL(`${APP_ORIGIN}/index.html`);
    })
    .catch((err: unknown) => {
      console.error(err);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    services?.close();
    app.quit();
  });
}
