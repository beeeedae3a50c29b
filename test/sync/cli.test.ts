import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import { dropLeadingFrames } from '../../src-shared/sync/two-views';
import { captureStdio } from '../helpers/stdio';
import { tempDir } from '../helpers/tmp';
import { FIXTURES, fixture } from './helpers';

/** `stridelab sync`, in-process through the CLI dispatcher, on the real pose2sim landmark files. */
const A = join(FIXTURES, 'pose2sim_single_cam01.full.json');
const B = join(FIXTURES, 'pose2sim_single_cam03.full.json');
const io = captureStdio();
const dir = tempDir('stridelab-synccli-');

afterAll(() => dir.cleanup());

describe('stridelab sync', () => {
  it('prints the offset of B against A in frames of A and seconds, and the confidence', async () => {
    expect(await main(['sync', A, B])).toBe(0);
    const m =
      /Offset of B \(.*pose2sim_single_cam03\.full\.json\) against A \(.*\): ([+−])(\d+\.\d) frames of A \([+−]\d\.\d{3} s\)/.exec(
        io.out,
      );
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBeLessThan(1);
    expect(io.out).toMatch(/Confidence: \d\.\d\d \(high\)/);
  });

  it('recovers frames cut off B, and says so in JSON with --json', async () => {
    const cut = join(dir.path, 'cam03-cut12.json');
    writeFileSync(cut, JSON.stringify(dropLeadingFrames(fixture('pose2sim_single_cam03.full.json'), 12)));
    expect(await main(['sync', A, cut, '--json'])).toBe(0);
    const r = JSON.parse(io.out) as {
      offsetFramesA: number;
      offsetS: number;
      confidence: number;
      level: string;
    };
    expect(Math.abs(r.offsetFramesA - 12)).toBeLessThan(1);
    expect(r.offsetS).toBeCloseTo(r.offsetFramesA / 60, 9);
    expect(r.level).toBe('high');
    expect(r.confidence).toBeGreaterThan(0.5);
  });

  it('refuses wrong usage (exit 2) and bad files (exit 1) with a message', async () => {
    expect(await main(['sync', A])).toBe(2);
    expect(io.err).toMatch(/give exactly two inputs/);
    expect(await main(['sync', A, B, '--model', 'huge'])).toBe(2);
    expect(await main(['sync', A, B, '--search', '5:1'])).toBe(2);
    expect(io.err).toMatch(/--search must be <min>:<max>/);
    // Every mistake of one command line at once; both missing files said.
    expect(await main(['sync', A, '--model', 'huge', '--search', 'soon'])).toBe(2);
    expect(io.err).toContain(
      'stridelab sync: 3 problems:\n' +
        '  give exactly two inputs, not 1.\n' +
        '  --model must be lite, full or heavy, not "huge".\n' +
        '  --search must be <min>:<max> in seconds with min < max, e.g. -2:5; not "soon".\n',
    );
    expect(await main(['sync', join(dir.path, 'gone.json'), join(dir.path, 'missing.json')])).toBe(1);
    expect(io.err).toMatch(/There is no file ".*gone\.json"/);
    expect(io.err).toMatch(/There is no file ".*missing\.json"/);
    const bad = join(dir.path, 'bad.json');
    writeFileSync(bad, '{"schema": "stridelab.landmarks/1"');
    expect(await main(['sync', A, bad])).toBe(1);
    expect(io.err).toMatch(/bad\.json" are not valid JSON/);
    expect(io.out).toBe('');
  });
});
