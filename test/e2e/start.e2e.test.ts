import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

/**
 * `npm start` where Electron's binary is absent (as on these machines): one line saying so, then
 * browser mode; with no display it prints the address to open instead of opening a window.
 */
describe('npm start without Electron', () => {
  it('says so in one line and starts browser mode, printing the URL', async () => {
    const tmp = tempDir();
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('../../bin/start.js', import.meta.url)), '--home', tmp.path],
      {
        env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines: string[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (line.startsWith('STRIDELAB_READY')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${lines.join('\n')}`)));
      });
      expect(lines[0]).toBe('Electron is not installed on this machine: starting StrideLab in browser mode.');
      const open = lines.find((l) => l.startsWith('Open this address'));
      expect(open).toMatch(/http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{48}/);
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(open!)![0];
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      // The page declares its (empty) icon: no request for /favicon.ico, no 404 in the console.
      expect(await page.text()).toContain('<link rel="icon" href="data:," />');
    } finally {
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
      tmp.cleanup();
    }
  });
});
