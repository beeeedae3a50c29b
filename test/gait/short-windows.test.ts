/**
 * The same running, cut shorter, gives the same numbers. 8 s windows (240 frames) slid over the
 * sample clip's own landmarks (MediaPipe full, the app's path) are what a PT gets from a shorter
 * take of the same runner; with fewer strides the contact template is noisier, and a one-frame
 * rebound of the heel point at impact (3.7–4.7 px) that cleared the template's noise guard (3.7–4.0
 * px) by under a pixel was read as the descent: every contact of the clip 1–2 frames late, near
 * contact time ~175 ms instead of ~220, tibia at contact −19° instead of −2°, with a small SD that
 * said nothing of it (windows from frames 0, 10, 30 and 40; docs/gait-methods.md, "Re-encoding
 * sensitivity"). Scored against the hand labels of the frames each window holds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src-shared/gait';
import { LabelFileSchema, scoreClip } from '../../src-shared/gait/testing/labels';
import { LandmarkSeriesSchema, type LandmarkSeries } from '../../src-shared/pose/landmarks';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const full = LandmarkSeriesSchema.parse(
  JSON.parse(readFileSync(join(FIXTURES, 'landmarks/treadmill_side_male.full.json'), 'utf8')),
);
const labels = LabelFileSchema.parse(
  JSON.parse(readFileSync(join(FIXTURES, 'labels/treadmill_side_zzzhushi_male_side.events.json'), 'utf8')),
);
const LENGTH = 240;

/** Frames [from, from + LENGTH) of the clip as a clip of their own, its labels with them. */
function windowOf(from: number): { series: LandmarkSeries; labels: typeof labels } {
  const t0 = full.frames[from]!.t;
  const frames = full.frames.slice(from, from + LENGTH).map((f, i) => ({ ...f, index: i, t: f.t - t0 }));
  const events = labels.events
    .map((e) => ({ ...e, frame: e.frame - from }))
    .filter((e) => e.frame >= 0 && e.frame < LENGTH);
  return {
    series: { ...full, frames, source: { ...full.source, frameCount: LENGTH } },
    labels: { ...labels, frames: LENGTH, events, scored_frames: { first: 0, last: LENGTH - 1 } },
  };
}

const whole = analyzeGait({ series: full, view: 'side' });
const near = whole.orientation.nearSide!;
const contactMs = (a: ReturnType<typeof analyzeGait>): number =>
  1000 * a.variables.find((v) => v.id === 'contact-time')![near].mean!;

describe('8 s cuts of the sample clip', () => {
  it.each([0, 10, 20, 30, 40, 50])(
    'from frame %i: contacts within a frame, the near contact time as the whole clip’s',
    (from) => {
      const w = windowOf(from);
      const a = analyzeGait({ series: w.series, view: 'side' });
      const s = scoreClip(a, w.labels);
      expect(s.ic.hitRate, JSON.stringify(s.ic)).toBeGreaterThanOrEqual(0.9);
      expect(Math.abs(s.ic.medianFrames)).toBe(0);
      expect(Math.abs(contactMs(a) - contactMs(whole))).toBeLessThan(20);
    },
  );
});
