import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { BrowserWindow, BrowserWindowConstructorOptions, IpcMain } from 'electron';

/**
 * Electron cannot start on the build machines. To run the Electron host's own code (not a copy of
 * it), this gives it stand-ins for the two Electron classes it uses, over headless Chromium:
 * - a BrowserWindow whose page is a playwright page, into which the *built* preload bundle
 *   (out/preload/*.cjs) is evaluated before any page script, with `require('electron')` answering
 *   only contextBridge.exposeInMainWorld and ipcRenderer.send, as a sandboxed preload sees it
 *   (any other require throws, as it would there);
 * - an ipcMain that receives what the preload sends, with the sender's webContents and frame URL.
 * webContents.executeJavaScript evaluates the runner's strings in the page. What is not reproduced:
 * context isolation (the preload shares the page's world here) and Electron's process model.
 */
export class StandInIpcMain extends EventEmitter {}

export interface StandIn {
  readonly electron: { BrowserWindow: typeof BrowserWindow; ipcMain: IpcMain };
  readonly ipcMain: StandInIpcMain;
  /** Every window opened, with the options it was given. */
  readonly windows: StandInWindow[];
}

export interface StandInWindow {
  readonly options: BrowserWindowConstructorOptions;
  readonly page: Promise<Page>;
  isDestroyed(): boolean;
}

const preloadShim = (source: string): string => `(() => {
  const electron = {
    contextBridge: { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: api }) },
    ipcRenderer: { send: (channel, msg) => window.__standInIpcSend(channel, msg) },
  };
  const require = (name) => {
    if (name !== 'electron') throw new Error('a sandboxed preload cannot require ' + name);
    return electron;
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${source}
  })(require, module, module.exports);
})();`;

export function standInElectron(browser: Browser): StandIn {
  const ipcMain = new StandInIpcMain();
  const windows: StandInWindow[] = [];

  class WebContents extends EventEmitter {
    constructor(private readonly page: Promise<Page>) {
      super();
    }
    async executeJavaScript(code: string): Promise<unknown> {
      return (await this.page).evaluate(code);
    }
    setWindowOpenHandler(): void {}
  }

  class Window implements StandInWindow {
    readonly page: Promise<Page>;
    readonly webContents: WebContents;
    #destroyed = false;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      this.page = this.#open();
      this.webContents = new WebContents(this.page);
      windows.push(this);
    }
    async #open(): Promise<Page> {
      const page = await browser.newPage();
      const preload = this.options.webPreferences?.preload;
      await page.exposeBinding('__standInIpcSend', ({ frame }, channel: string, msg: unknown) => {
        ipcMain.emit(channel, { sender: this.webContents, senderFrame: { url: frame.url() } }, msg);
      });
      if (preload) await page.addInitScript(preloadShim(readFileSync(preload, 'utf8')));
      page.on('crash', () => this.webContents.emit('render-process-gone', {}, { reason: 'crashed' }));
      page.on('console', (m) => this.webContents.emit('console-message', { message: m.text() }));
      return page;
    }
    async loadURL(url: string): Promise<void> {
      await (await this.page).goto(url);
    }
    isDestroyed(): boolean {
      return this.#destroyed;
    }
    destroy(): void {
      this.#destroyed = true;
      void this.page.then((p) => p.close()).catch(() => undefined);
    }
  }

  return {
    electron: {
      BrowserWindow: Window as unknown as typeof BrowserWindow,
      ipcMain: ipcMain as unknown as IpcMain,
    },
    ipcMain,
    windows,
  };
}
