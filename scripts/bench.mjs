#!/usr/bin/env node
// `npm run bench`: build, then run every benchmark module in scripts/bench/ (TypeScript, through tsx).
import { spawnSync } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
for (const args of [
  ['node', ['scripts/build-models.mjs']],
  [npx, ['electron-vite', 'build']],
  [npx, ['tsx', 'scripts/bench/run.ts', ...process.argv.slice(2)]],
]) {
  const r = spawnSync(args[0], args[1], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
