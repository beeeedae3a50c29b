import { describe, expect, it } from 'vitest';
import type { GaitEventJson } from '../gait/schema';
import { biasNorm, meanBias } from '../gait/timing-bias';
import type { Timeline } from '../gait/types';
import { biasOf, timingOf } from '../gait/uncertainty-timing';
import { rate } from '../gait/uncertainty-points';
import type { MarkerTrack } from '../markers';
import { stepU } from './marker-uncertainty';
import {
  markerAngleSystematicDeg,
  markerEvents,
  markerVariables,
  MARKER_STEP_SD_DEG,
} from './marker-variables';
import { trackFrom } from './testing/marker-legs';

const ev = (kind: GaitEventJson['kind'], side: 'left' | 'right', frame: number): GaitEventJson => ({
  kind,
  side,
  frame,
  frameF: frame,
  t: frame / 30,
  confidence: 1,
  source: 'detected',
});

/** Strides of 24 frames: left contact at 0, right at 12; midstance +3, toe-off +7. */
function events(n: number): GaitEventJson[] {
  const out: GaitEventJson[] = [];
  for (let ic = 0; ic + 10 < n; ic += 12) {
    const side = (ic / 12) % 2 === 0 ? 'left' : 'right';
    out.push(ev('initial-contact', side, ic), ev('midstance', side, ic + 3), ev('toe-off', side, ic + 7));
  }
  return out;
}

describe('marker variables (hybrid analysis)', () => {
  const n = 120;
  // Tilt 10° at left contacts, 14° at right contacts: 10 + 4·(frame mod 24 ≥ 12) + 0.5·(frame mod 12).
  const tilt = (i: number) => 10 + (i % 24 >= 12 ? 4 : 0) + 0.5 * (i % 12);
  const half = 35;
  const pelvis =
    (sign: 1 | -1) =>
    (i: number): [number, number] => {
      const a = (tilt(i) * Math.PI) / 180;
      return [300 + 2 * i + sign * half * Math.cos(a), 400 + sign * half * Math.sin(a)];
    };

  it('gives pelvic tilt per step from the ASIS and PSIS, mean ± SD with an interval, source markers', () => {
    const rows = markerVariables(
      'side',
      [trackFrom('rightAsis', n, pelvis(1)), trackFrom('rightPsis', n, pelvis(-1))],
      events(n),
    );
    const ic = rows.find((r) => r.id === 'pelvic-tilt-ic')!;
    expect(ic.source).toBe('markers');
    expect(ic.sourceWords).toMatch(/ASIS and PSIS/);
    expect(ic.left!.mean).toBeCloseTo(10, 6);
    expect(ic.right!.mean).toBeCloseTo(14, 6);
    expect(ic.left!.n).toBe(5);
    expect(ic.left!.sd).toBeCloseTo(0, 6);
    // Zero spread: the interval is the systematic part alone, 1 px at each end of a 70 px line and
    // the left foot's contact timing bias: the tilt drops from 19.5° to 10.5° across each contact
    // but the first (frame 0, no frame before it: rate 0), −4.5° a frame × 0.5 frame, mean over
    // the 5 contacts 1.8°.
    const k = 1.96 * Math.hypot(markerAngleSystematicDeg(70), (4 * 4.5 * 0.5) / 5);
    expect(ic.left!.interval![0]).toBeCloseTo(10 - k, 3);
    const ms = rows.find((r) => r.id === 'pelvic-tilt-ms')!;
    expect(ms.left!.mean).toBeCloseTo(11.5, 6);
    const to = rows.find((r) => r.id === 'pelvic-tilt-to')!;
    expect(to.right!.mean).toBeCloseTo(14 + 3.5, 6);
    // Range over a stride: from 10 (contact) to 14 + 5.5 (the last frame before the next contact).
    const range = rows.find((r) => r.id === 'pelvic-tilt-range')!;
    expect(range.left!.mean).toBeCloseTo(9.5, 6);
  });

  it('says "not measurable" with the remedy where the spread over steps is beyond a runner and the measurement', () => {
    // Left contacts (0, 24, 48, 72, 96): the tilt jumps between 10° and 50° as a lost marker would
    // make it (SD ≈ 22°); right contacts keep 14° ± 1°. Tilt is flat around each contact (rate 0),
    // so the measurement explains √(3² + 1.2²) ≈ 3.2°.
    const jumpy = (i: number): number => {
      const step = Math.floor(i / 24);
      if (i % 24 < 12) return step % 2 ? 50 : 10;
      return 14 + (step % 2 ? 1 : -1);
    };
    const at =
      (sign: 1 | -1) =>
      (i: number): [number, number] => {
        const a = (jumpy(i) * Math.PI) / 180;
        return [300 + 2 * i + sign * half * Math.cos(a), 400 + sign * half * Math.sin(a)];
      };
    const rows = markerVariables(
      'side',
      [trackFrom('rightAsis', n, at(1)), trackFrom('rightPsis', n, at(-1))],
      events(n),
    );
    const ic = rows.find((r) => r.id === 'pelvic-tilt-ic')!;
    expect(ic.left!.sd!).toBeGreaterThan(20);
    expect(ic.left!.notMeasurable!.reason).toMatch(
      /^Not measurable from this view: the values of the left steps vary by ± 2\d\.\d°/,
    );
    expect(ic.left!.notMeasurable!.remedy).toMatch(/Review/);
    expect(ic.right!.notMeasurable).toBeNull();
    expect(ic.right!.mean).toBeCloseTo(14, 0);
    // The ordinary runner of the first test: nothing is flagged.
    const calm = markerVariables(
      'side',
      [trackFrom('rightAsis', n, pelvis(1)), trackFrom('rightPsis', n, pelvis(-1))],
      events(n),
    );
    expect(calm.every((r) => r.left!.notMeasurable === null && r.right!.notMeasurable === null)).toBe(true);
  });

  it('leaves out a step whose markers are off their segment, and says "not measurable" when over a quarter are', () => {
    // The PSIS taken for a patch of clothing 60 px further back on some left contacts (frames 24k).
    const withOff = (offAt: readonly number[]) =>
      markerVariables(
        'side',
        [
          trackFrom('rightAsis', n, pelvis(1)),
          trackFrom('rightPsis', n, (i) => {
            const p = pelvis(-1)(i);
            return offAt.includes(i) ? [p[0] - 60, p[1]] : p;
          }),
        ],
        events(n),
      ).find((r) => r.id === 'pelvic-tilt-ic')!;
    // One of five left steps: left out, the rest as designed.
    const one = withOff([24]);
    expect(one.left!.n).toBe(4);
    expect(one.left!.mean).toBeCloseTo(10, 6);
    expect(one.left!.notMeasurable).toBeNull();
    expect(one.right!.n).toBe(5);
    // Two of five: the side's tracking is not to be trusted.
    const two = withOff([24, 72]);
    expect(two.left!.notMeasurable!.reason).toMatch(
      /on 2 of the 5 left steps the markers were not where the body puts them/,
    );
    expect(two.right!.notMeasurable).toBeNull();
  });

  it('combines tracking and event timing per step, and a spread is judged against both', () => {
    // 2° a frame at a contact, √(0.65² + 0.5²) frame of timing per step, 0.5 of it the foot's; with
    // 1.2° of tracking: √((2 · 0.82)² + 1.2²), bias 1°.
    const series = Float64Array.from({ length: 10 }, (_, i) => 2 * i);
    const contact = { kind: 'initial-contact', frameF: 5 } as const;
    const u = stepU(series, contact, 1.2);
    expect(u.u).toBeCloseTo(Math.hypot(2 * Math.hypot(0.65, 0.5), 1.2), 9);
    expect(u.bias).toBeCloseTo(1, 9);
    // The clip's template spread of 1.5 frames is the foot's part: √(0.65² + 1.5²) per step, 3° bias;
    // one under the half frame changes nothing.
    const wide = stepU(series, { ...contact, templateSd: 1.5 }, 1.2);
    expect(wide.u).toBeCloseTo(Math.hypot(2 * Math.hypot(0.65, 1.5), 1.2), 9);
    expect(wide.bias).toBeCloseTo(3, 9);
    expect(stepU(series, { ...contact, templateSd: 0.3 }, 1.2)).toEqual(u);
    // Midstance: half a frame of rounding, nothing per foot.
    expect(stepU(series, { kind: 'midstance', frameF: 5 }, 1.2)).toEqual({ u: Math.hypot(1, 1.2), bias: 0 });
    // A peak or a range: tracking alone.
    expect(stepU(series, null, 1.2)).toEqual({ u: 1.2, bias: 0 });
    expect(MARKER_STEP_SD_DEG).toBe(3);
  });

  it("widens a value read at a contact or toe-off as the landmark variable's by the clip's template spread", () => {
    // Tilt rising 0.1° a frame (30 fps), left contacts 6, 30, …, 102 and toe-offs 7 frames after.
    const fps = 30;
    const slope = (i: number): [number, number] => {
      const a = ((10 + 0.1 * i) * Math.PI) / 180;
      return [300 + half * Math.cos(a), 400 + half * Math.sin(a)];
    };
    const back = (i: number): [number, number] => {
      const [x, y] = slope(i);
      return [600 - x, 800 - y];
    };
    const tracks = [trackFrom('rightAsis', n, slope), trackFrom('rightPsis', n, back)];
    const at = (templateSd?: number): GaitEventJson[] =>
      [6, 30, 54, 78, 102].flatMap((f) =>
        (['initial-contact', 'toe-off'] as const).map((kind) => ({
          ...ev(kind, 'left', kind === 'toe-off' ? f + 7 : f),
          ...(templateSd === undefined ? {} : { templateSd }),
        })),
      );
    const tl: Timeline = {
      t: Float64Array.from({ length: n }, (_, i) => i / fps),
      frame: Int32Array.from({ length: n }, (_, i) => i),
      fps,
    };
    const tilt = Float64Array.from({ length: n }, (_, i) => 10 + 0.1 * i);
    // The landmark variables' systematic timing part at these events (uncertainty.ts angleAt,
    // summary.ts): the mean of the steps' bias vectors, its norm.
    const landmark = (events: GaitEventJson[], kind: 'initial-contact' | 'toe-off'): number =>
      biasNorm(
        meanBias(
          events
            .filter((e) => e.kind === kind)
            .map((e) => biasOf(timingOf(tl, { ...e, at: e.frame, atF: e.frameF }), rate(tilt, tl, e.frame))),
        ),
      );
    const markerSide = (events: GaitEventJson[], id: string) =>
      markerVariables('side', tracks, events).find((r) => r.id === id)!.left!;
    const tracking = markerAngleSystematicDeg(70);
    for (const [id, kind] of [
      ['pelvic-tilt-ic', 'initial-contact'],
      ['pelvic-tilt-to', 'toe-off'],
    ] as const) {
      const plain = markerSide(at(), id);
      const wide = markerSide(at(1.5), id);
      const timingPart = (s: typeof plain): number =>
        Math.sqrt(s.uncertainty!.systematic ** 2 - tracking ** 2);
      // Known answers: 0.1° a frame × 0.5 frame, and × 1.5 frames; the landmark rule gives the same.
      expect(timingPart(plain)).toBeCloseTo(0.05, 4);
      expect(timingPart(wide)).toBeCloseTo(0.15, 4);
      expect(timingPart(plain)).toBeCloseTo(landmark(at(), kind), 9);
      expect(timingPart(wide)).toBeCloseTo(landmark(at(1.5), kind), 9);
      expect(wide.interval![1] - wide.interval![0]).toBeGreaterThan(plain.interval![1] - plain.interval![0]);
      // Each step carries the wider timing too: √(0.65² + 1.5²) frame × 0.1° a frame, with tracking.
      expect(wide.values[1]!.u).toBeCloseTo(Math.hypot(tracking, 0.1 * Math.hypot(0.65, 1.5)), 4);
      // Absent or under the half frame: nothing changes.
      expect(markerSide(at(0.3), id)).toEqual(plain);
    }
  });

  it('gives marker knee and ankle angles per leg at its own contacts, and the peak knee flexion in stance', () => {
    // Facing +x. Knee flexion 20° at the leg's contact, 45° at contact + 3, 20° again by toe-off
    // (+ 7), 60° in swing; the shoe line at 10° of dorsiflexion throughout. Thigh vertical.
    const kneeAt = (f: number): number =>
      f <= 3 ? 20 + (25 * f) / 3 : f <= 7 ? 45 - (25 * (f - 3)) / 4 : 60;
    const rad = (d: number): number => (d * Math.PI) / 180;
    const leg = (side: 'left' | 'right', offset: number, withTrochanter: boolean): MarkerTrack[] => {
      const at = (i: number) => {
        const kf = rad(kneeAt((((i - offset) % 24) + 24) % 24));
        const hip: [number, number] = [300 + 2 * i, 300];
        const knee: [number, number] = [hip[0], hip[1] + 100];
        const ankle: [number, number] = [knee[0] - 100 * Math.sin(kf), knee[1] + 100 * Math.cos(kf)];
        const ux = (knee[0] - ankle[0]) / 100;
        const uy = (knee[1] - ankle[1]) / 100;
        const p = rad(90 - 10);
        const heel: [number, number] = [ankle[0] - 15, ankle[1] + 10];
        const toe: [number, number] = [
          heel[0] + 60 * (ux * Math.cos(p) + uy * Math.sin(p)),
          heel[1] + 60 * (-ux * Math.sin(p) + uy * Math.cos(p)),
        ];
        return { hip, knee, ankle, heel, toe };
      };
      return [
        ...(withTrochanter ? [trackFrom(`${side}GreaterTrochanter`, n, (i) => at(i).hip)] : []),
        trackFrom(`${side}LateralKnee`, n, (i) => at(i).knee),
        trackFrom(`${side}LateralMalleolus`, n, (i) => at(i).ankle),
        trackFrom(`${side}Heel`, n, (i) => at(i).heel),
        trackFrom(`${side}FifthMetatarsal`, n, (i) => at(i).toe),
      ];
    };
    // Right contacts at 12, 36, …; left at 0, 24, …; the left leg has no trochanter marker.
    const rows = markerVariables('side', [...leg('right', 12, true), ...leg('left', 0, false)], events(n));
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row('pelvic-tilt-ic').source).toBe('none');
    expect(row('knee-flexion-ic').source).toBe('markers');
    expect(row('knee-flexion-ic').sourceWords).toMatch(/trochanter, knee and ankle markers/);
    expect(row('knee-flexion-ic').right!.mean).toBeCloseTo(20, 6);
    expect(row('knee-flexion-ic').right!.n).toBe(5);
    expect(row('knee-flexion-ic').left).toBeNull();
    expect(row('peak-knee-flexion-stance').right!.mean).toBeCloseTo(45, 6);
    expect(row('ankle-dorsiflexion-ic').right!.mean).toBeCloseTo(10, 6);
    expect(row('ankle-dorsiflexion-ic').left!.mean).toBeCloseTo(10, 6);
    expect(row('ankle-dorsiflexion-ic').left!.notMeasurable).toBeNull();
    // Without knee markers the rows are left out: the variables table has the landmark values.
    const pelvisOnly = markerVariables(
      'side',
      [trackFrom('rightAsis', n, pelvis(1)), trackFrom('rightPsis', n, pelvis(-1))],
      events(n),
    );
    expect(pelvisOnly.map((r) => r.id)).toEqual([
      'pelvic-tilt-ic',
      'pelvic-tilt-ms',
      'pelvic-tilt-to',
      'pelvic-tilt-range',
    ]);
  });

  it('says what to tape when the markers are missing', () => {
    const rows = markerVariables('side', [trackFrom('rightAsis', n, pelvis(1))], events(n));
    expect(rows.every((r) => r.source === 'none' && r.left === null)).toBe(true);
    expect(rows[0]!.sourceWords).toMatch(/tape the ASIS and PSIS/);
    const rear = markerVariables('rear', [], events(n));
    expect(rear.map((r) => r.id)).toEqual(['rearfoot-eversion-ic', 'rearfoot-eversion-peak']);
    expect(rear[0]!.sourceWords).toMatch(/heel counter/);
  });

  it('gives rearfoot eversion at contact and its peak in stance, for each leg with its four markers', () => {
    // Right leg, rear view: shank vertical; heel line turned toward +x (lateral for the right leg) by
    // 5° at contact rising to 12° at contact + 4, back to 5° by toe-off.
    const ev5 = (i: number) => {
      const phase = (i + 12) % 24; // right contacts at 12, 36, …
      if (phase > 7) return 0;
      return 5 + 7 * Math.max(0, 1 - Math.abs(phase - 4) / 4);
    };
    const shankU = trackFrom('rightShankUpper', n, () => [500, 800]);
    const shankL = trackFrom('rightShankLower', n, () => [500, 900]);
    const heelU = trackFrom('rightHeelCounterUpper', n, () => [500, 920]);
    const heelL = trackFrom('rightHeelCounterLower', n, (i) => {
      const a = (ev5(i) * Math.PI) / 180;
      return [500 + 40 * Math.sin(a), 920 + 40 * Math.cos(a)];
    });
    const rows = markerVariables('rear', [shankU, shankL, heelU, heelL], events(n));
    const ic = rows.find((r) => r.id === 'rearfoot-eversion-ic')!;
    const peak = rows.find((r) => r.id === 'rearfoot-eversion-peak')!;
    expect(ic.left).toBeNull();
    expect(ic.right!.mean).toBeCloseTo(5, 4);
    expect(peak.right!.mean).toBeCloseTo(12, 4);
    expect(peak.source).toBe('markers');
  });

  it('puts the engine events on clip frames: the trim start every event agrees with', () => {
    // A clip trimmed at frame 40: positions 14.34 (contact shown on the first frame in contact) and
    // 8.76 (toe-off shown on the last frame before), as the engine reports them.
    const trimmed = [
      { ...ev('initial-contact', 'left', 55), frameF: 14.34 },
      { ...ev('toe-off', 'left', 48), frameF: 8.76 },
      { ...ev('midstance', 'left', 60), frameF: 20.35 },
    ];
    expect(markerEvents(trimmed).map((e) => e.frameF)).toEqual([54.34, 48.76, 60.35]);
  });
});
