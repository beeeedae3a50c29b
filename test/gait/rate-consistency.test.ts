/**
 * The event detector at two frame rates on the same footage: the sample clip at 30 fps and its
 * 60 fps copy by motion-compensated interpolation (even frames are the sample's own; both posed
 * with MediaPipe full; test/gait/labelled-clips.ts). Issue 20 round 7 (docs/gait-methods.md) found
 * that the 60 fps clip's near-foot contacts 3 frames early are the 30 fps clip's own timing, which
 * the ±1-frame score hides at 30 fps (33 ms) and not at 60 fps (17 ms): per stride, the 60 fps
 * contact lies within a few ms of the 30 fps one. This holds that finding, so a change that makes
 * the 60 fps path place events differently from the 30 fps path on the same runner shows here and
 * is not mistaken for a change of the footage. The near toe-offs are the one known difference (the
 * toe-off band is a quarter of a frame's rise, and the model's near toe starts rising slowly:
 * 60 fps toe-offs 11.3 ms earlier, median, by this pairing; round 4). It is held so that it can only
 * shrink; round 8 found no toe-off band that shrinks it without making a clean lift late.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src-shared/gait';
import { eventFrame } from '../../src-shared/gait/eventFrame';
import { scoreClip } from '../../src-shared/gait/testing/labels';
import type { EventKind, Side } from '../../src-shared/gait/types';
import { median } from '../../src-shared/stats';
import { loadLabelledClips } from './labelled-clips';

const clips = loadLabelledClips();
const clipOf = (id: string): (typeof clips)[number] => {
  const clip = clips.find((c) => c.id === id);
  if (!clip) throw new Error(`no labelled clip ${id}`);
  return clip;
};
const at = (id: string): ReturnType<typeof analyzeGait> => {
  const clip = clipOf(id);
  return analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: clip.heightCm } });
};

describe('the sample clip at 30 fps and at 60 fps: the same events, stride by stride', () => {
  const r30 = at('treadmill_side_male.full');
  const r60 = at('treadmill_side_male.60fps_mci.full');
  const near = r30.orientation.nearSide as Side;
  /** Per stride, the 60 fps event's time minus the 30 fps one's (ms), paired within 50 ms. */
  const diffs = (kind: EventKind, side: Side): number[] => {
    const of = (r: typeof r30): number[] =>
      r.events.filter((e) => e.kind === kind && e.side === side && e.source === 'detected').map((e) => e.t);
    const t60 = of(r60);
    return of(r30).flatMap((t) => {
      const u = t60.reduce((b, x) => (Math.abs(x - t) < Math.abs(b - t) ? x : b), Infinity);
      return Math.abs(u - t) < 0.05 ? [1000 * (u - t)] : [];
    });
  };

  it.each([
    ['initial-contact', 'near'],
    ['initial-contact', 'far'],
    ['toe-off', 'far'],
  ] as const)('%s, %s foot: median difference within 10 ms, every stride paired', (kind, which) => {
    const side: Side = which === 'near' ? near : near === 'left' ? 'right' : 'left';
    const d = diffs(kind, side);
    // 16-17 strides a foot; the clip's edge events may pair or not.
    expect(d.length, d.join(',')).toBeGreaterThanOrEqual(15);
    expect(Math.abs(median(d)), d.join(',')).toBeLessThanOrEqual(10);
  });

  it('near toe-offs: 60 fps no more than 20 ms earlier than 30 fps (median; 11.3 ms today)', () => {
    const d = diffs('toe-off', near);
    expect(d.length, d.join(',')).toBeGreaterThanOrEqual(15);
    expect(median(d), d.join(',')).toBeGreaterThanOrEqual(-20);
    expect(median(d), d.join(',')).toBeLessThanOrEqual(10);
  });

  it('scored against the 60 fps labels, hits as often as the 30 fps events put on the 60 fps frames', () => {
    // The 60 fps variant's labels are the 30 fps ones doubled, so ±1 frame there is a window of
    // (−17, +33] ms about the labelled interval's middle for a contact, [−33, +17) for a toe-off,
    // against ±50 ms at 30 fps: the detector's per-stride spread (SD 20-23 ms) misses it whatever
    // the rate. Issue 20 round 10: the 30 fps events (frame f is the 60 fps clip's 2f) score IC 70%,
    // TO 73.5% there, the 60 fps events 80% and 73.5%: what the 60 fps clip misses is not its
    // 60 fps paths. This holds it: a change that makes the 60 fps paths worse than the 30 fps ones
    // on the same strides fails here, whatever the floors say.
    const labels = clipOf('treadmill_side_male.60fps_mci.full').labels;
    const as60 = {
      ...r30,
      events: r30.events.map((e) => ({
        ...e,
        frameF: 2 * e.frameF,
        frame: eventFrame(e.kind, 2 * e.frameF),
      })),
    };
    const s30 = scoreClip(as60, labels);
    const s60 = scoreClip(r60, labels);
    expect(s30.ic.n).toBe(s60.ic.n);
    expect(s60.ic.hitRate, JSON.stringify([s30.ic, s60.ic])).toBeGreaterThanOrEqual(s30.ic.hitRate);
    expect(s60.to.hitRate, JSON.stringify([s30.to, s60.to])).toBeGreaterThanOrEqual(s30.to.hitRate);
  });
});
