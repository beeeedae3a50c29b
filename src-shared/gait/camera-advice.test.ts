/**
 * Camera placement advice: every quality warning that a placement prevents points back to an
 * advice item, and the handrail check fires only when the clip shows the near hip or wrist hidden
 * with the leg below in view (synthetic clips with known hidden frames; the real sample clip:
 * test/gait/camera-advice.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { Landmark, type LandmarkSeries } from '../pose/landmarks';
import { analyzeGait } from './analyze';
import { adviceFor, adviceLine, CAMERA_ADVICE, RAIL_HIDDEN_SHARE, railCheck } from './camera-advice';
import { frameTimingFlag } from './quality';
import { generateRunner } from './synthetic';

/** Hides one landmark (visibility 0.1, as MediaPipe reports an occluded point) in a share of frames. */
function hide(series: LandmarkSeries, landmark: number, share: number): LandmarkSeries {
  return {
    ...series,
    frames: series.frames.map((f, i) =>
      (i % 100) / 100 < share && f.image
        ? {
            ...f,
            image: f.image.map((p, j) =>
              j === landmark ? [p[0], p[1], p[2], 0.1, 0.1] : p,
            ) as typeof f.image,
          }
        : f,
    ),
  };
}

describe('camera placement advice', () => {
  it('covers height, distance, handrails (10–15°) and frame rate, each with its reason', () => {
    const ids = CAMERA_ADVICE.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['height', 'distance', 'handrails', 'frame-rate']));
    expect(CAMERA_ADVICE.find((a) => a.id === 'handrails')!.text).toMatch(/10–15°/);
    for (const a of CAMERA_ADVICE) expect(a.why.length).toBeGreaterThan(20);
  });

  it('the warnings a placement prevents point back to it; information does not', () => {
    expect(adviceFor('frame-rate-too-low').map((a) => a.id)).toEqual(['frame-rate']);
    expect(adviceFor('variable-frame-rate').map((a) => a.id)).toEqual(['frame-rate', 'light']);
    expect(adviceFor('camera-not-perpendicular').map((a) => a.id)).toContain('square');
    expect(adviceFor('hidden-by-rails').map((a) => a.id)).toEqual(['handrails']);
    expect(adviceLine('uncalibrated')).toBe('');
    expect(adviceLine('frame-rate-too-low')).toMatch(/^Camera placement: Film at 120 frames a second/);
  });

  it('a 30 fps clip says what frame rate to film at, in the advice attached to its warning', () => {
    const c = generateRunner({ view: 'side', fps: 30, durationS: 6, seed: 3 });
    const a = analyzeGait({ series: c.series, view: 'side', calibration: { heightCm: 175 } });
    const slow = a.flags.find((f) => f.code === 'frame-rate-too-low');
    expect(slow).toBeDefined();
    expect(adviceLine(slow!.code)).toMatch(/120 frames a second/);
  });

  // The advice table owns the remedy: a warning with advice attached says what the clip shows and
  // what it costs, and Review and the report show the advice below it (once, not twice).
  it('a warning with advice attached does not repeat the remedy itself', () => {
    const oblique = generateRunner({ view: 'side', cameraYawDeg: 40, durationS: 5 });
    const slow = generateRunner({ view: 'side', fps: 30, durationS: 6, seed: 3 });
    const flags = [
      ...analyzeGait({ series: oblique.series, view: 'side' }).flags,
      ...analyzeGait({ series: slow.series, view: 'side' }).flags,
      // A runner standing still (one frame repeated): no steps.
      ...analyzeGait({
        series: {
          ...slow.series,
          frames: slow.series.frames.map((f) => ({ ...slow.series.frames[0]!, t: f.t })),
        },
        view: 'side',
      }).flags,
      frameTimingFlag(Array.from({ length: 300 }, (_, i) => (i < 150 ? i : i + 3) / 30))!,
    ];
    const withAdvice = flags.filter((f) => adviceFor(f.code).length > 0);
    for (const code of ['camera-not-perpendicular', 'frame-rate-too-low', 'variable-frame-rate', 'no-steps'])
      expect(withAdvice.map((f) => f.code)).toContain(code);
    const words = (t: string) => t.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    // Four words in a row in both: a shared phrase, not a shared noun ("the running direction").
    const phrases = (t: string) =>
      words(t)
        .slice(3)
        .map((w, i) =>
          words(t)
            .slice(i, i + 3)
            .concat(w)
            .join(' '),
        );
    for (const f of withAdvice) {
      const said = new Set(phrases(f.message));
      for (const a of adviceFor(f.code)) {
        // Neither the advice's words ("at right angles") nor its instructions ("Film…", "Lock…").
        expect(
          phrases(a.text).filter((t) => said.has(t)),
          `${f.code} / ${a.id}`,
        ).toEqual([]);
        for (const verb of a.text.split(/[.;]\s+/).map((c) => words(c)[0]!))
          expect(f.message, `${f.code} / ${a.id}`).not.toMatch(new RegExp(`(^|[.:;]\\s*)${verb}\\b`, 'i'));
      }
    }
  });
});

describe('handrail check', () => {
  const clip = generateRunner({ view: 'side', fps: 30, durationS: 6, seed: 3 });
  // Facing image-right: the camera sees the runner's right side.
  it('fires when the near wrist is hidden in over a third of the frames, naming it and the share', () => {
    const series = hide(clip.series, Landmark.rightWrist, 0.33);
    const f = railCheck(series, 'side', 'right');
    expect(f?.code).toBe('hidden-by-rails');
    // Frames 0–32 and 100–132 of 180: 66 frames, 37%.
    expect(f?.message).toMatch(/the right wrist in 37% of the frames/);
    expect(f?.values?.wristHidden).toBeCloseTo(66 / 180, 6);
    const a = analyzeGait({ series, view: 'side', calibration: { heightCm: 175 } });
    expect(a.flags.some((x) => x.code === 'hidden-by-rails')).toBe(true);
  });

  it('stays quiet below the share, for the far side, in a rear view, and with the leg hidden too', () => {
    expect(
      railCheck(hide(clip.series, Landmark.rightWrist, RAIL_HIDDEN_SHARE - 0.05), 'side', 'right'),
    ).toBeNull();
    expect(railCheck(hide(clip.series, Landmark.leftWrist, 0.5), 'side', 'right')).toBeNull();
    expect(railCheck(hide(clip.series, Landmark.rightHip, 0.5), 'rear', null)).toBeNull();
    const allHidden = hide(
      hide(hide(clip.series, Landmark.rightHip, 0.5), Landmark.rightKnee, 0.5),
      Landmark.rightAnkle,
      0.5,
    );
    expect(railCheck(allHidden, 'side', 'right')).toBeNull();
  });
});
