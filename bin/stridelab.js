#!/usr/bin/env node
// The `stridelab` command: runs the built CLI (out/main/cli.js, made by `npm run build`, which
// `npm ci` runs through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('StrideLab is not built yet. Run: npm run build\n');
  process.exit(1);
}
// runCli sweeps what crashed runs left, runs the command and exits with its code (src-main/cli/index.ts).
const built = await import(pathToFileURL(cli).href);
// A build older than runCli (out/ not rebuilt yet) still runs, without the start-up sweep.
if (built.runCli) await built.runCli(process.argv.slice(2));
else process.exit(await built.main(process.argv.slice(2)));
