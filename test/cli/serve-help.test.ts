import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import { captureStdio } from '../helpers/stdio';

/**
 * `stridelab serve --help` prints the usage and returns at once (it used to start the server and
 * wait for Ctrl+C); a wrong option is refused above the usage instead of being ignored. Each case
 * returns: a run that started the server would never resolve and the test would time out.
 */
const io = captureStdio();

describe('stridelab serve: usage', () => {
  it.each([['--help'], ['-h']])('%s prints the usage and exits 0 without starting', async (flag) => {
    expect(await main(['serve', flag])).toBe(0);
    expect(io.out).toMatch(/^Usage: stridelab serve \[--home DIR\] \[--port N\] \[--open\]/);
    expect(io.out).not.toContain('STRIDELAB_READY');
  });

  it('refuses an unknown option, a stray argument and a bad port, naming them (exit 2)', async () => {
    expect(await main(['serve', '--bogus'])).toBe(2);
    expect(io.err).toContain('Unknown option "--bogus".');
    expect(io.err).toContain('Usage: stridelab serve');
    expect(await main(['serve', 'now'])).toBe(2);
    expect(io.err).toContain('unexpected argument "now"');
    expect(await main(['serve', '--port', 'abc'])).toBe(2);
    expect(io.err).toContain('--port must be a whole number from 0 to 65535, not "abc"');
    expect(io.out).not.toContain('STRIDELAB_READY');
  });
});
