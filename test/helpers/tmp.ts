import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp folder per test, removed afterwards (unless STRIDELAB_KEEP_TMP is set, for debugging). */
export function tempDir(prefix = 'stridelab-test-'): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    cleanup() {
      if (!process.env.STRIDELAB_KEEP_TMP) rmSync(path, { recursive: true, force: true });
    },
  };
}
