/**
 * Left and right that stay right (issue 20 item 2), checked against joints placed by hand on real
 * frames: the near leg's hip, knee and ankle on the sample clip's labelled contacts, toe-offs and two
 * midstances (test/fixtures/hand-joints: who placed them, how, and how far two placements of the
 * same point differ), for tibia inclination and knee flexion, scored by ./hand-joints.ts as in the
 * accuracy benchmark. The analysed series (after orientation, the left/right continuity search of
 * orientSwaps.ts, cleaning and the low-pass filter) must follow the hand where the model's raw
 * points do, and never be further from the hand than the raw points by more than the filter
 * explains; at midstance, where the legs cross, the near ankle must stay on the near foot.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src-shared/gait';
import { orient } from '../../src-shared/gait/orient';
import { HAND, handRows, type HandAngle } from './hand-joints';
import { loadLabelledClips } from './labelled-clips';

type Pt = readonly [number, number];

const clip = loadLabelledClips().find((c) => c.id === 'treadmill_side_male.full');
if (!clip) throw new Error('the sample clip (MediaPipe full) is not among the labelled clips');
const result = analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: clip.heightCm } });
const dir = result.orientation.facing === 'image-left' ? -1 : 1;
const all = handRows(clip.series, result);
const of = (angle: HandAngle, event: string): typeof all =>
  all.filter((r) => r.angle === angle && r.event === event);
const rows = all.filter((r) => r.angle === 'tibia-inclination' && r.event !== 'midstance');

const mean = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
const rms = (x: readonly number[]): number => Math.sqrt(mean(x.map((v) => v * v)));

const byEvent = (e: string): typeof rows => of('tibia-inclination', e);

describe('near-leg tibia inclination against joints placed by hand (sample clip, 30 fps)', () => {
  it('reads every hand-placed event frame', () => {
    expect(byEvent('initial-contact')).toHaveLength(7);
    expect(byEvent('toe-off')).toHaveLength(7);
    for (const r of rows)
      expect(Number.isFinite(r.analysed) && Number.isFinite(r.raw), String(r.frame)).toBe(true);
  });

  it('never puts the analysed series further from the hand than the raw points, beyond what the filter explains', () => {
    // The zero-lag low-pass filter (8 Hz at 30 fps) alone moves a tibia turning ~10° a frame by
    // 2–4° at a few events (accuracy.test.ts); measured here: at most 2.5° further from the hand
    // than the raw points (toe-off 88). A leg swap moves it by tens of degrees (issue 20: 43–49°
    // where the raw points and the hand gave 12°).
    for (const r of rows) {
      const excess = Math.abs(r.analysed - r.hand) - Math.abs(r.raw - r.hand);
      expect(excess, `${r.event} ${r.frame}`).toBeLessThan(3.5);
      expect(Math.abs(r.analysed - r.raw), `${r.event} ${r.frame}`).toBeLessThan(3.5);
    }
    // On average the analysed series is as close to the hand as the raw points (measured: contacts
    // 3.2° vs 3.2°, toe-offs 7.5° vs 6.6°, mean absolute).
    for (const e of ['initial-contact', 'toe-off']) {
      const an = mean(byEvent(e).map((r) => Math.abs(r.analysed - r.hand)));
      const rw = mean(byEvent(e).map((r) => Math.abs(r.raw - r.hand)));
      expect(an, e).toBeLessThan(rw + 1.5);
    }
  });

  it('at contact: within 2° of the hand combined with the placement spread (mean absolute)', () => {
    // The hand points are the mean of two placements whose tibia angles differ by up to 7° on this
    // blurred clip (fixture "spread"); the target of 2° is combined in quadrature with twice the
    // RMS spread of the stored means (1.8° → 4.2° in all). Measured: 3.2°, the same as the raw
    // points: the model's own error at contact, not the continuity step's. At toe-off the hand
    // and the model differ by 7° on average, while the placements themselves disagree there by
    // up to 9° (the knee's front edge is hard to see behind the other leg): not held, reported.
    const ic = byEvent('initial-contact');
    const limit = Math.hypot(2, 2 * rms(ic.map((r) => r.spread)));
    expect(mean(ic.map((r) => Math.abs(r.analysed - r.hand)))).toBeLessThan(limit);
  });
});

describe('near-leg knee flexion against hips, knees and ankles placed by hand (sample clip, 30 fps)', () => {
  // The hip joint centre is constructed from the outline (fixture "how"): its two placements move
  // knee flexion by 1.5° at contact at most 2.4°; the knee's placements move it more (contacts 4.2°,
  // toe-offs 7.2° mean |difference|), so the stored means are good to about 2.5° at contact and 4° at
  // toe-off: the 4° target is read as a mean over events, combined with that spread.
  const events = ['initial-contact', 'midstance', 'toe-off'] as const;

  it('reads every hand-placed event frame', () => {
    expect(of('knee-flexion', 'initial-contact')).toHaveLength(7);
    expect(of('knee-flexion', 'midstance')).toHaveLength(2);
    expect(of('knee-flexion', 'toe-off')).toHaveLength(7);
    for (const e of events)
      for (const r of of('knee-flexion', e))
        expect(Number.isFinite(r.analysed) && Number.isFinite(r.raw), `${e} ${r.frame}`).toBe(true);
  });

  it('never puts the analysed series more than 2° further from the hand than the raw points where those agree with the hand', () => {
    // "Agree": within 4° plus the placements' own spread at that frame. Measured: at most 1.6°
    // further (contact 167), 0 at midstance 320; midstance 42 (the model's knee on the leg's front
    // edge, 9.9° off) and every toe-off (13.7° off on average, below) are where the raw points are
    // wrong.
    const agreeing = events.flatMap((e) =>
      of('knee-flexion', e).filter((r) => Math.abs(r.raw - r.hand) <= 4 + r.spread),
    );
    expect(agreeing.length).toBeGreaterThanOrEqual(7);
    for (const r of agreeing)
      expect(Math.abs(r.analysed - r.hand) - Math.abs(r.raw - r.hand), `${r.event} ${r.frame}`).toBeLessThan(
        2,
      );
    // Everywhere, the analysed series stays with the raw points up to the low-pass filter's
    // smoothing of a knee that turns 10–20° a frame around contact (measured: at most 4.0°, toe-off
    // 216, where the raw angle jitters 18–28° frame to frame; 3.5° at contact 210).
    for (const e of events)
      for (const r of of('knee-flexion', e))
        expect(Math.abs(r.analysed - r.raw), `${e} ${r.frame}`).toBeLessThan(5);
  });

  it('at contact: within 4° of the hand combined with the placement spread (mean absolute)', () => {
    // Measured: 2.9° (the raw points 2.8°); limit 4° in quadrature with twice the RMS spread.
    const ic = of('knee-flexion', 'initial-contact');
    const limit = Math.hypot(4, 2 * rms(ic.map((r) => r.spread)));
    expect(mean(ic.map((r) => Math.abs(r.analysed - r.hand)))).toBeLessThan(limit);
  });

  it('at toe-off the model itself reads the knee 10–20° more flexed than the hand: reported, not held', () => {
    // MediaPipe puts the toe-off knee on the leg's front edge (fixture "how": the first, discarded
    // placement made the same mistake), 30–40 px ahead of the leg's middle: raw − hand +13.7° on
    // average. That is the model's error, which no continuity step can undo; what is held is that the
    // analysed series adds none of its own (measured: 15.1° vs 13.7° mean absolute).
    const to = of('knee-flexion', 'toe-off');
    const rw = mean(to.map((r) => r.raw - r.hand));
    expect(rw).toBeGreaterThan(4);
    expect(mean(to.map((r) => Math.abs(r.analysed - r.hand)))).toBeLessThan(
      mean(to.map((r) => Math.abs(r.raw - r.hand))) + 2,
    );
  });
});

describe('left/right continuity at midstance, where the legs cross (sample clip)', () => {
  it('keeps the near ankle on the near foot at the hand-placed midstances', () => {
    const oriented = orient(clip.series, 'side');
    const side = oriented.orientation.nearSide ?? 'left';
    const ankle = oriented.body[side].ankle;
    const mids = Object.entries(HAND.frames).filter(([, h]) => h.event === 'midstance' && h.ankle);
    expect(mids.length).toBeGreaterThanOrEqual(2);
    for (const [f, h] of mids) {
      const i = Number(f);
      const [hx, hy] = h.ankle as Pt;
      // Oriented tracks are mirrored to face +x and y-up (orient.ts): back to image pixels.
      const x = dir * (ankle.x[i] as number);
      const y = -(ankle.y[i] as number);
      // Measured: 5 and 8 px. The model's other ankle is 47 px away at frame 42 and 27 px at
      // frame 320 (it put the far ankle on the near foot there), so exchanging the ankles at
      // either frame fails this; on the 60 fps clip of issue 20 the near ankle went 109 px off.
      expect(Math.hypot(x - hx, y - hy), `frame ${f}`).toBeLessThan(20);
    }
  });
});
