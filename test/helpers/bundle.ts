import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Bundle a TypeScript entry (a test's child program, or the CLI itself) into one ES module that a
 * plain `node` runs, so tests can start real processes of the code under test and kill them
 * (kill -9 cannot be tested in-process). Packages stay external and resolve from the repository's
 * node_modules (the bundle sits in node_modules/.cache), and the bundle does not depend on
 * `npm run build` having run. Takes a few hundred milliseconds, once per test file. Returns the
 * entry's path; remove its folder (dirname) when done.
 */
export async function bundleForNode(entry: string): Promise<string> {
  const abs = resolve(ROOT, entry);
  const dir = join(ROOT, 'node_modules', '.cache', 'stridelab-test-bundles');
  mkdirSync(dir, { recursive: true });
  const tag = createHash('sha1').update(`${abs}:${process.pid}:${Date.now()}`).digest('hex').slice(0, 10);
  const outdir = join(dir, tag);
  await build({
    entryPoints: { main: abs },
    outdir,
    // Dynamic imports stay lazy chunks (the CLI loads one command, not all of them, at start-up).
    splitting: true,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    // import.meta.url of the bundle stands in for each module's: fine for appRoot() (walks up to
    // package.json). `require` for the CommonJS interop esbuild emits.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return join(outdir, 'main.mjs');
}
