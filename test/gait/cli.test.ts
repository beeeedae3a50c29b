import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import { GaitAnalysisSchema } from '../../src-shared/gait';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { captureStdio } from '../helpers/stdio';
import { tempDir } from '../helpers/tmp';

/** `stridelab gait`, in-process through the CLI dispatcher, on the real treadmill landmarks. */
const REAL = join(import.meta.dirname, '..', 'fixtures', 'landmarks', 'treadmill_side_male.full.json');
const io = captureStdio();
const dir = tempDir('stridelab-gaitcli-');

afterAll(() => dir.cleanup());

describe('stridelab gait', () => {
  it('prints a summary in clinic words and writes the stridelab.gait/1 JSON', async () => {
    const file = join(dir.path, 'gait.json');
    expect(await main(['gait', REAL, '--view', 'side', '--height-cm', '178', '--out', file])).toBe(0);
    expect(io.out).toMatch(/Cadence: 1[67]\d\.\d steps\/min/);
    expect(io.out).toMatch(/Knee flexion at initial contact:\n {2}left {2}\d+\.\d° ± \d+\.\d over \d+ steps/);
    expect(io.out).toMatch(/Calibration: \d\.\d\d px\/cm \(height\)/);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(GaitAnalysisSchema.safeParse(json).success).toBe(true);
    expect(json.events.some((e: { kind: string }) => e.kind === 'initial-contact')).toBe(true);
  });

  it('analyses a rear view and can stream the JSON to stdout', async () => {
    const file = join(dir.path, 'rear.json');
    writeFileSync(file, JSON.stringify(generateRunner({ view: 'rear', durationS: 6 }).series));
    expect(await main(['gait', file, '--view', 'rear', '--out', '-'])).toBe(0);
    const json = JSON.parse(io.out);
    expect(json.source.view).toBe('rear');
    expect(json.variables.map((x: { id: string }) => x.id)).toContain('pelvic-drop-ms');
    expect(io.err).toMatch(/Contralateral pelvic drop at midstance/);
  });

  it('says what is wrong with bad usage or a bad file, and writes nothing', async () => {
    expect(await main(['gait', REAL])).toBe(2);
    expect(io.err).toMatch(/--view must be side or rear/);
    expect(await main(['gait', REAL, '--view', 'side', '--height-cm', 'tall'])).toBe(2);
    expect(io.err).toMatch(/--height-cm must be a positive number; not "tall"/);
    // Every mistake of one command line at once.
    expect(
      await main(['gait', REAL, '--view', 'front', '--height-cm', '0', '--cutoff', 'low', '--model', 'huge']),
    ).toBe(2);
    expect(io.err).toContain(
      'stridelab gait: 4 problems:\n' +
        '  --view must be side or rear; not "front".\n' +
        '  --height-cm must be a positive number; not "0".\n' +
        '  --cutoff must be auto, none or a frequency in Hz; not "low".\n' +
        '  --model must be lite, full or heavy; not "huge".\n',
    );
    expect(await main(['gait', join(dir.path, 'missing.json'), '--view', 'side'])).toBe(1);
    expect(io.err).toMatch(/there is no file/);
    const bad = join(dir.path, 'bad.json');
    // A file with several faults: each said, where it is (it was told the first, "source").
    const real = JSON.parse(readFileSync(REAL, 'utf8'));
    real.source.fps = -30;
    real.frames[12].t = 'late';
    real.frames[40].image = real.frames[40].image.slice(0, 32);
    delete real.model;
    writeFileSync(bad, JSON.stringify(real));
    const outFile = join(dir.path, 'never.json');
    expect(await main(['gait', bad, '--view', 'side', '--out', outFile])).toBe(1);
    expect(io.err).toMatch(
      /bad\.json: The landmark file is not a valid stridelab\.landmarks\/1 series: source\.fps: .*; model: .*; frame 12, t: .*; frame 40, image: .*\n/,
    );
    expect(() => readFileSync(outFile)).toThrow();
  });

  it('sends a clip through the pose engine, and says plainly when the clip is not a video', async () => {
    const fake = join(dir.path, 'notes.mp4');
    writeFileSync(fake, 'this is not a video');
    expect(await main(['gait', fake, '--view', 'side'])).toBe(1);
    expect(io.err).toMatch(/Finding poses in .*notes\.mp4/);
    expect(io.err).toMatch(/stridelab gait: .*notes\.mp4/);
  });
});
