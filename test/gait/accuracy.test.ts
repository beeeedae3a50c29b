/**
 * The gait engine against events labelled by hand on real clips (issue 20 targets): initial
 * contact and toe-off within ±1 frame for ≥ 90% of the sure labels, median error 0, none missed
 * or invented, cadence within 1 step/min of the labels' own. Also: the left/right continuity step
 * leaves the near leg's good points alone (tibia inclination at the labelled events close to the
 * model's raw points). Scores: src-shared/gait/testing/labels.ts.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src-shared/gait';
import { perStepTiming } from '../../src-shared/gait/timing-bias';
import { rawLooksRight, rawNearTibia, scoreClip } from '../../src-shared/gait/testing/labels';
import { loadLabelledClips } from './labelled-clips';

describe.each(loadLabelledClips().filter((c) => c.held))('labelled clip $name', (clip) => {
  const result = analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: clip.heightCm } });
  const score = scoreClip(result, clip.labels);

  it('has one series frame per decoded frame (labels index frames, angles index the series)', () => {
    expect(clip.series.frames.map((f) => f.index)).toEqual(clip.series.frames.map((_, i) => i));
  });

  it('finds initial contacts within ±1 frame (≥ 90%, median 0), none missed', () => {
    expect(score.ic.hitRate, JSON.stringify(score.ic)).toBeGreaterThanOrEqual(0.9);
    expect(Math.abs(score.ic.medianFrames)).toBeLessThanOrEqual(clip.medianFrames);
    // The last frame's contact (labelled unsure: it may fall after the clip) cannot be confirmed:
    // two frames on the belt after a contact are needed. That one is the allowance.
    expect(score.ic.missed).toBeLessThanOrEqual(1);
    expect(score.ic.far).toBe(0);
  });

  it('finds toe-offs within ±1 frame (≥ 90%, median 0), none missed, the clip\u2019s first included', () => {
    expect(score.to.hitRate, JSON.stringify(score.to)).toBeGreaterThanOrEqual(0.9);
    expect(Math.abs(score.to.medianFrames)).toBeLessThanOrEqual(clip.medianFrames);
    expect(score.to.missed).toBe(0);
    expect(score.to.far).toBe(0);
  });

  it('times contacts and toe-offs no worse than the per-step uncertainty assumes', () => {
    // uncertainty.ts takes each event's frame as known to perStepTiming frame intervals (SD):
    // the labelled set must bear that out, or every interval built on it is too narrow.
    const frameMs = 1000 / clip.labels.fps;
    expect(score.ic.sdMs / frameMs).toBeLessThanOrEqual(perStepTiming('initial-contact'));
    expect(score.to.sdMs / frameMs).toBeLessThanOrEqual(perStepTiming('toe-off'));
  });

  it('invents no contacts and gives the labels\u2019 cadence within 1 step/min', () => {
    expect(score.invented).toBe(0);
    expect(Math.abs(score.cadence.error)).toBeLessThan(1);
  });

  it('reads the near leg\u2019s at-contact angles at the right frames: within the labels\u2019 spread', () => {
    const near = result.orientation.nearSide;
    for (const a of score.anglesAtIc.filter((x) => x.side === near)) {
      // Step-to-step SD within 1.5× of what the labelled frames give (issue 20 "done when").
      expect(a.sdAtDetected, a.variable).toBeLessThan(1.5 * a.sdAtLabels + 1);
    }
  });

  it('keeps the near leg on its own raw points at the labelled events where those are right (tibia within 2° for ≥ 85%, all within 6°)', () => {
    const raw = rawNearTibia(clip.series, result);
    const near = result.orientation.nearSide;
    const tibia = result.angles.find((a) => a.id === 'tibia-inclination' && a.side === near)?.values ?? [];
    const diffs = clip.labels.events
      .filter((e) => e.side === near && rawLooksRight(raw, e.frame))
      .map((e) => Math.abs((tibia[e.frame] ?? NaN) - (raw[e.frame] as number)))
      .filter(Number.isFinite);
    expect(diffs.length).toBeGreaterThan(20);
    // The analysed series is low-pass filtered (8 Hz at 30 fps), which alone moves a tibia turning
    // ~10° a frame by 2–4° at a few contacts (measured: 30 of 34 within 2°, all within 4°); a leg
    // swap moves it by tens of degrees (issue 20: 43–49° where the raw points gave 12°).
    expect(diffs.filter((d) => d <= 2).length / diffs.length).toBeGreaterThanOrEqual(0.85);
    expect(Math.max(...diffs)).toBeLessThan(6);
  });
});

/**
 * The clips not held to the targets (held out, another landmark draw, other models, walking): held
 * to what they achieve today (their documented floor in labelled-clips.ts), never left out. The
 * issue's targets are asserted with it.fails: it turns red the day a clip meets them, to be
 * promoted to the held set.
 */
describe.each(loadLabelledClips().filter((c) => !c.held))(
  'labelled clip $name (not held to the targets)',
  (clip) => {
    const result = analyzeGait({
      series: clip.series,
      view: 'side',
      calibration: { heightCm: clip.heightCm },
    });
    const score = scoreClip(result, clip.labels);
    const floor = clip.floor;

    it('has a documented floor (a clip not held to the targets is held to what it achieves)', () => {
      expect(floor).toBeDefined();
    });

    it('holds its floor: hit rates, missed and invented events, cadence', () => {
      if (!floor) return;
      const detail = JSON.stringify({
        ic: score.ic,
        to: score.to,
        invented: score.invented,
        cadence: score.cadence,
      });
      expect(score.ic.hitRate, detail).toBeGreaterThanOrEqual(floor.icHit);
      expect(score.to.hitRate, detail).toBeGreaterThanOrEqual(floor.toHit);
      expect(score.ic.missed + score.to.missed, detail).toBeLessThanOrEqual(floor.missed);
      expect(score.invented, detail).toBeLessThanOrEqual(floor.invented);
      expect(Math.abs(score.cadence.error), detail).toBeLessThanOrEqual(floor.cadence);
    });

    it.fails(
      'meets the issue-20 targets (≥ 90% within ±1 frame, median 0, none missed, invented or > 3 frames off, cadence ±1)',
      () => {
        expect(score.ic.hitRate).toBeGreaterThanOrEqual(0.9);
        expect(score.to.hitRate).toBeGreaterThanOrEqual(0.9);
        expect(score.ic.medianFrames).toBe(0);
        expect(score.to.medianFrames).toBe(0);
        expect(score.ic.missed + score.to.missed + score.invented + score.ic.far + score.to.far).toBe(0);
        expect(Math.abs(score.cadence.error)).toBeLessThan(1);
      },
    );
  },
);
