/**
 * Left and right that stay right (issue 20 item 2), checked against joints placed by hand on real
 * frames: the near leg's knee and ankle on the sample clip's labelled contacts, toe-offs and two
 * midstances (test/fixtures/hand-joints: who placed them, how, and how far two placements of the
 * same point differ). The analysed series (after orientation, the left/right continuity search of
 * orientSwaps.ts, cleaning and the low-pass filter) must follow the hand where the model's raw
 * points do, and never be further from the hand than the raw points by more than the filter
 * explains; at midstance, where the legs cross, the near ankle must stay on the near foot.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src-shared/gait';
import { orient } from '../../src-shared/gait/orient';
import { rawNearTibia } from '../../src-shared/gait/testing/labels';
import { loadLabelledClips } from './labelled-clips';

type Pt = readonly [number, number];
interface HandFrame {
  readonly event: 'initial-contact' | 'toe-off' | 'midstance';
  readonly knee?: Pt;
  readonly ankle?: Pt;
  readonly placements: { readonly knee?: readonly [Pt, Pt]; readonly ankle?: readonly [Pt, Pt] };
}
const HAND = JSON.parse(
  readFileSync(
    join(
      import.meta.dirname,
      '..',
      'fixtures',
      'hand-joints',
      'treadmill_side_zzzhushi_male_side.near-leg.json',
    ),
    'utf8',
  ),
) as { frames: Record<string, HandFrame> };

const clip = loadLabelledClips().find((c) => c.id === 'treadmill_side_male.full');
if (!clip) throw new Error('the sample clip (MediaPipe full) is not among the labelled clips');
const result = analyzeGait({ series: clip.series, view: 'side', calibration: { heightCm: clip.heightCm } });
const near = result.orientation.nearSide ?? 'left';
const dir = result.orientation.facing === 'image-left' ? -1 : 1;
const analysed = result.angles.find((a) => a.id === 'tibia-inclination' && a.side === near)?.values ?? [];
const raw = rawNearTibia(clip.series, result);

/** Tibia inclination as the engine defines it (tables/angles.ts): + = ankle ahead of the knee. */
const tibia = (k: Pt, a: Pt): number => (Math.atan2(dir * (a[0] - k[0]), a[1] - k[1]) * 180) / Math.PI;

const rows = Object.entries(HAND.frames)
  .filter(([, h]) => h.event !== 'midstance' && h.knee && h.ankle && h.placements.knee && h.placements.ankle)
  .map(([f, h]) => {
    const [kb, kc] = h.placements.knee as readonly [Pt, Pt];
    const [ab, ac] = h.placements.ankle as readonly [Pt, Pt];
    const frame = Number(f);
    return {
      frame,
      event: h.event,
      hand: tibia(h.knee as Pt, h.ankle as Pt),
      // Half the difference of the two placements: the SD of their mean, for two draws.
      spread: Math.abs(tibia(kb, ab) - tibia(kc, ac)) / 2,
      raw: raw[frame] as number,
      analysed: analysed[frame] ?? NaN,
    };
  });

const mean = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
const rms = (x: readonly number[]): number => Math.sqrt(mean(x.map((v) => v * v)));

const byEvent = (e: string): typeof rows => rows.filter((r) => r.event === e);

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
