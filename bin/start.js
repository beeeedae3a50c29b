#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed; otherwise (as on machines that
// cannot download it) one line saying so, then browser mode in the system Chromium, or the URL.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron'); // the package exports its binary's path
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined; // installed without its binary: require throws "Electron failed to install correctly"
  }
}

const electron = electronBinary();
if (electron) {
  const child = spawn(electron, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write('Electron is not installed on this machine: starting StrideLab in browser mode.\n');
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./stridelab.js', import.meta.url)), 'serve', '--open', ...args],
    {
      stdio: 'inherit',
    },
  );
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
