/**
 * The clip check on synthetic clips with known answers: a runner passes; a walker, a clip filed
 * under the wrong view, someone standing and an empty clip get their findings withheld, each with
 * its reason.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from './analyze';
import { bouncePattern } from './clip-check';
import { clean } from './clean';
import { orient } from './orient';
import { generateRunner } from './synthetic';

describe('clip check', () => {
  it('passes a runner, either frame rate, and says running', () => {
    for (const fps of [30, 60]) {
      const a = analyzeGait({
        series: generateRunner({ view: 'side', fps, noisePx: 2 }).series,
        view: 'side',
      });
      expect(a.quality).toMatchObject({ findingsWithheld: false, reasons: [], activity: 'running' });
      expect(a.quality.view).toMatchObject({ filed: 'side', detected: 'side' });
    }
  });

  it('tells walking from running by the bounce of the pelvis against the legs\u2019 spread', () => {
    const r = (gait: 'running' | 'walking', fps: number): number => {
      const s = generateRunner({ view: 'side', gait, fps, noisePx: 3, seed: 2 }).series;
      const o = orient(s, 'side');
      return bouncePattern(clean(o.body, o.timeline.t, o.timeline.fps).body, o.timeline.fps);
    };
    for (const fps of [30, 60]) {
      expect(r('running', fps)).toBeGreaterThan(0.4);
      expect(r('walking', fps)).toBeLessThan(-0.4);
    }
  });

  it('withholds the findings of a walking clip, saying so', () => {
    const a = analyzeGait({
      series: generateRunner({ view: 'side', gait: 'walking', fps: 30, noisePx: 2 }).series,
      view: 'side',
    });
    expect(a.quality.findingsWithheld).toBe(true);
    expect(a.quality.activity).toBe('walking');
    expect(a.quality.reasons[0]?.message).toMatch(/walking, not running/);
    expect(a.findings).toEqual([]);
    expect(a.flags.find((f) => f.code === 'not-running')?.severity).toBe('error');
  });

  it('withholds the findings of a rear clip filed as the side view', () => {
    const a = analyzeGait({ series: generateRunner({ view: 'rear', noisePx: 2 }).series, view: 'side' });
    expect(a.quality.findingsWithheld).toBe(true);
    expect(a.quality.view.detected).toBe('rear');
    expect(a.quality.reasons.map((r) => r.code)).toContain('wrong-view');
    expect(a.quality.reasons[0]?.message).toMatch(/filed as the side view but looks like a rear view/);
    expect(a.findings).toEqual([]);
  });

  it('withholds the findings of someone standing still', () => {
    const run = generateRunner({ view: 'side', durationS: 4, noisePx: 1 }).series;
    const still = run.frames[0]!;
    const series = { ...run, frames: run.frames.map((f) => ({ ...still, index: f.index, t: f.t })) };
    const a = analyzeGait({ series, view: 'side' });
    expect(a.quality.activity).toBe('standing');
    expect(a.quality.findingsWithheld).toBe(true);
    expect(a.quality.reasons[0]?.code).toBe('not-moving');
  });

  it('withholds the findings of a clip with nobody in most frames', () => {
    const a = analyzeGait({
      series: generateRunner({ view: 'side', durationS: 4, noPoseRate: 0.7, seed: 4 }).series,
      view: 'side',
    });
    expect(a.quality.findingsWithheld).toBe(true);
    expect(a.quality.reasons[0]?.code).toBe('no-person');
  });
});
