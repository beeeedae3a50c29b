import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Landmark, LandmarkSeriesSchema } from '../../src-shared/pose/landmarks';
import { analyseClip, analyseClips, frameEvents } from '../../src-shared/review/analyse';

/** Real MediaPipe landmarks of the sample treadmill run (360 frames, 30 fps). */
const series = LandmarkSeriesSchema.parse(
  JSON.parse(
    readFileSync(
      new URL('../../test/fixtures/landmarks/treadmill_side_male.full.json', import.meta.url),
      'utf8',
    ),
  ),
);
const full = { startFrame: 0, endFrame: 360 };

describe('review analysis', () => {
  const base = analyseClip(series, [], { view: 'side', trim: full });
  const knee = base.gait!.variables.find((v) => v.id === 'knee-flexion-ic')!;
  const step = knee.left.values.find((v) => v.clean)!;

  it('a hand correction changes that step’s value and leaves the model’s series alone', () => {
    const p = series.frames[step.frame]!.image![Landmark.leftKnee]!;
    const moved = analyseClip(
      series,
      [
        {
          recordingId: 'r',
          frame: step.frame,
          landmark: 'leftKnee',
          x: p[0] + 80,
          y: p[1] - 20,
          updatedAt: '',
        },
      ],
      { view: 'side', trim: full },
    );
    const after = moved
      .gait!.variables.find((v) => v.id === 'knee-flexion-ic')!
      .left.values.find((v) => v.step === step.step)!;
    expect(Math.abs(after.value - step.value)).toBeGreaterThan(1);
    expect(moved.series!.frames[step.frame]!.image![Landmark.leftKnee]![0]).toBe(p[0] + 80);
    expect(series.frames[step.frame]!.image![Landmark.leftKnee]![0]).toBe(p[0]);
  });

  it('analyses the trimmed frames only, keeping frame numbers of the clip', () => {
    const trimmed = analyseClip(series, [], { view: 'side', trim: { startFrame: 100, endFrame: 300 } });
    const frames = frameEvents(trimmed.gait).map((e) => e.frame);
    expect(frames.length).toBeGreaterThan(4);
    expect(Math.min(...frames)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...frames)).toBeLessThan(300);
  });

  it('drives a rear clip with the side clip’s events, shifted by their offsets', () => {
    const [side, rear] = analyseClips(
      [
        { recordingId: 'rear', view: 'rear', trim: full, offset: 0.1 },
        { recordingId: 'side', view: 'side', trim: full, offset: 0 },
      ],
      () => series,
      {},
    ).reverse();
    expect(rear!.gait!.events.every((e) => e.source === 'external')).toBe(true);
    const sideIc = side!.gait!.events.find((e) => e.kind === 'initial-contact')!;
    const rearIc = rear!.gait!.events.find((e) => e.kind === 'initial-contact' && e.side === sideIc.side)!;
    // The rear clip started 0.1 s later on the session clock: the same contact is 0.1 s earlier in it.
    expect(rearIc.t).toBeCloseTo(sideIc.t - 0.1, 6);
    expect(analyseClip(undefined, [], { view: 'side', trim: full })).toEqual({});
  });
  it('refuses a clip under 2 s, in words, rather than steps with no spread', () => {
    // 45 frames at 30 fps: 1.5 s, one step on a side. Filmed so, or trimmed so in Review.
    const cut = { ...series, frames: series.frames.slice(0, 45) };
    const filmed = analyseClip(cut, [], { view: 'side', trim: full });
    expect(filmed.gait).toBeUndefined();
    expect(filmed.error).toMatch(/^The clip lasts 1\.5 s: too short to measure steps .* Film 10 to 15 s/);
    const trimmed = analyseClip(series, [], { view: 'side', trim: { startFrame: 100, endFrame: 145 } });
    expect(trimmed.error).toMatch(/^The clip as trimmed lasts 1\.5 s: .* Trim less of it, or film/);
    expect(trimmed.series).toBeDefined();
    // 2 s (60 frames) is analysed.
    const enough = analyseClip(series, [], { view: 'side', trim: { startFrame: 100, endFrame: 160 } });
    expect(enough.error).toBeUndefined();
    expect(enough.gait!.events.length).toBeGreaterThan(0);
  });
  it('a clip with dropped frames (every 7th missing, true times kept) gives the same cadence', () => {
    // What a phone writes when it drops frames: fewer frames, renumbered, each at its capture time.
    const dropped = {
      ...series,
      frames: series.frames.filter((_, i) => i % 7 !== 3).map((f, index) => ({ ...f, index })),
    };
    const all = analyseClip(series, [], { view: 'side', trim: full }).gait!;
    const vfr = analyseClip(dropped, [], { view: 'side', trim: { startFrame: 0, endFrame: 360 } }).gait!;
    expect(dropped.frames).toHaveLength(309);
    // frameTiming's count (every 7th of 360: frames 3, 10, …, 353), told to the PT in the flag.
    const flag = vfr.flags.find((f) => f.code === 'variable-frame-rate');
    expect(flag?.values).toMatchObject({ droppedFrames: 51 });
    expect(flag?.message).toMatch(/the camera dropped 51 frames of this clip/);
    expect(Math.abs(vfr.cadence.value! - all.cadence.value!)).toBeLessThan(1);
  });
});
