#!/usr/bin/env node
/**
 * `npm test`: build what the end-to-end tests serve (models + renderer + main), then run every
 * vitest tier once, and close with the plain summary line CI reads: "tests: N passed, N failed".
 * Extra arguments go to vitest (e.g. `npm test -- test/library`). vitest.config.ts's projects include
 * the PostgreSQL tier, which starts its own throwaway cluster (scripts/install.sh installs Debian's
 * postgresql; `npm test -- --project default` leaves it out).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

for (const [cmd, args] of [
  ['node', ['scripts/build-models.mjs']],
  [npx, ['electron-vite', 'build']],
]) {
  const r = run(cmd, args);
  if (r.status !== 0) {
    console.error(`tests: build step failed: ${cmd} ${args.join(' ')}`);
    process.exit(r.status ?? 1);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'stridelab-vitest-'));
const report = join(dir, 'report.json');
const result = run(npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + (json.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
rmSync(dir, { recursive: true, force: true });
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(result.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
