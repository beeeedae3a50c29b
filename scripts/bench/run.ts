/**
 * Runs every benchmark module in this folder (each exports one or more `bench*` functions returning
 * BenchLine[]), prints a table, and writes each figure as one JSON line to bench-results.jsonl at the
 * repo root (rewritten each run). `npm run bench -- pose` runs only modules whose file name matches.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchLine } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'bench-results.jsonl');
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'types.ts'].includes(f) && !f.endsWith('.test.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const lines: BenchLine[] = [];
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    process.stdout.write(`# ${basename(file, '.ts')}.${name}\n`);
    const t0 = performance.now();
    try {
      const got = await (fn as Bench)();
      lines.push(...got);
      for (const l of got) {
        const load =
          l.loadBefore !== undefined && l.loadAfter !== undefined
            ? ` (load ${l.loadBefore.toFixed(1)} → ${l.loadAfter.toFixed(1)})`
            : '';
        process.stdout.write(
          `  ${l.name.padEnd(36)} ${String(Number(l.value.toFixed(3))).padStart(12)} ${l.unit}${load}\n`,
        );
      }
    } catch (err) {
      failed = true;
      process.stdout.write(`  FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    // Wall time of each bench, so a run's cost on this machine is known before starting it.
    process.stdout.write(`  (wall time ${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
}
writeFileSync(out, lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : ''));
process.stdout.write(`\n${lines.length} figures written to bench-results.jsonl\n`);
process.exit(failed ? 1 : 0);
