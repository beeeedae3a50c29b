import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LandmarkSeriesSchema } from '../../src-shared/pose/landmarks';
import { run } from '../../src-main/cli/commands/pose';
import { FIXTURES, media, requireEngineBuild } from './helpers';

/**
 * `stridelab pose` on real, empty and broken clips: what it writes, what it says on stderr and
 * which exit code it returns.
 */
const dir = mkdtempSync(join(tmpdir(), 'stridelab-pose-cli-'));
let stderr: string[] = [];
beforeAll(requireEngineBuild);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function pose(args: string[]): Promise<{ code: number; err: string }> {
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  const code = await run(args);
  vi.restoreAllMocks();
  return { code, err: stderr.join('') };
}

describe('stridelab pose', () => {
  it('writes the landmark series of a real clip, with progress and the frames without a person', async () => {
    const out = join(dir, 'demo3.json');
    const { code, err } = await pose([
      media('running_side_overground_sports2d_demo3.mp4'),
      '--model',
      'lite',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const series = LandmarkSeriesSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(series.frames).toHaveLength(47);
    expect(series.model.name).toBe('lite');
    expect(err).toMatch(/pose: \d+\/47 frames, [\d.]+ fps/);
    // Every run of no-pose frames is named on stderr with its range.
    const gaps = err.match(/no person found in frames? \d+(–\d+)?/g) ?? [];
    const missing = series.frames.filter((f) => f.status === 'no-pose').length;
    expect(missing === 0 ? gaps.length === 0 : gaps.length > 0).toBe(true);
  }, 240_000);

  it('says "no person found" with the frame range for a clip without anyone, and writes nothing', async () => {
    const out = join(dir, 'nobody.json');
    const { code, err } = await pose([
      join(FIXTURES, 'no_person_testsrc.mp4'),
      '--model',
      'lite',
      '--out',
      out,
    ]);
    expect(code).toBe(1);
    expect(err).toContain('no person found in frames 0–59');
    expect(existsSync(out)).toBe(false);
  }, 240_000);

  it.each([
    [
      'truncated_faststart.mp4',
      /truncated_faststart\.mp4 is truncated: the video stops before its last frame/,
    ],
    ['not_a_video.mp4', /not_a_video\.mp4 is not a video file StrideLab can read/],
  ])('refuses the broken clip %s with a clear message and writes nothing', async (name, message) => {
    const out = join(dir, `${name}.json`);
    const { code, err } = await pose([join(FIXTURES, name), '--out', out]);
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('explains wrong usage with exit code 2', async () => {
    expect((await pose([join(FIXTURES, 'no_person_testsrc.mp4')])).code).toBe(2);
    const bad = await pose([join(FIXTURES, 'no_person_testsrc.mp4'), '--model', 'huge', '--out', 'x.json']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--model must be lite, full or heavy; not "huge"');
  });
});
