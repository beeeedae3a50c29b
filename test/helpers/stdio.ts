import { afterEach, beforeEach, vi } from 'vitest';

/**
 * What a CLI command run in-process (through `main`) writes to stdout and stderr, fresh for each
 * test: the writes are captured (not printed) and the real streams restored after the test.
 * Call at the top level of a test file.
 */
export function captureStdio(): { readonly out: string; readonly err: string } {
  const io = { out: '', err: '' };
  beforeEach(() => {
    io.out = '';
    io.err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((io.out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((io.err += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  return io;
}
