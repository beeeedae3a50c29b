import { describe, expect, it } from 'vitest';
import { pixels } from '../units';
import { assign } from './assign';
import { createPrng } from '../gait/synthetic/prng';
import type { MarkerEvent, MarkerName, MarkerPoint, MarkerTrack } from './types';
import {
  markerJointAngles,
  pelvicTilt,
  pelvicTiltSeries,
  rearfootEversionSeries,
  rearfootEversion,
} from './variables';

const track = (name: MarkerName, pts: readonly [number, number][]): MarkerTrack => ({
  name,
  points: pts.map(([x, y]): MarkerPoint => ({
    x: pixels(x),
    y: pixels(y),
    confidence: 1,
    state: 'detected',
  })),
});
const rad = (d: number): number => (d * Math.PI) / 180;

describe('pelvic tilt', () => {
  it('is + anterior whichever way the runner faces', () => {
    for (const facing of [1, -1]) {
      const tilts = [-5, 0, 8, 15];
      // ASIS ahead (in the running direction) and, for anterior tilt, lower (image y down).
      const asis = tilts.map((t): [number, number] => [
        100 + facing * 40 * Math.cos(rad(t)),
        200 + 40 * Math.sin(rad(t)),
      ]);
      const psis = tilts.map((): [number, number] => [100, 200]);
      const s = pelvicTiltSeries(track('rightAsis', asis), track('rightPsis', psis));
      tilts.forEach((t, i) => expect(s[i]).toBeCloseTo(t, 9));
    }
  });

  it('samples contact, midstance and toe-off, and the range over the stride', () => {
    const n = 100;
    const tiltAt = (i: number): number => 12 + 3 * Math.sin((2 * Math.PI * i) / 25);
    const asis: [number, number][] = [];
    const psis: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      asis.push([300 + 50 * Math.cos(rad(tiltAt(i))), 100 + 50 * Math.sin(rad(tiltAt(i)))]);
      psis.push([300, 100]);
    }
    const ev = (kind: MarkerEvent['kind'], side: MarkerEvent['side'], frameF: number): MarkerEvent => ({
      kind,
      side,
      frameF,
    });
    const events = [
      ev('initial-contact', 'right', 10),
      ev('midstance', 'right', 14),
      ev('toe-off', 'right', 18),
      ev('initial-contact', 'left', 35),
      ev('initial-contact', 'right', 60),
    ];
    const steps = pelvicTilt(track('rightAsis', asis), track('rightPsis', psis), events);
    expect(steps).toHaveLength(3);
    const first = steps[0]!;
    expect(first.side).toBe('right');
    expect(first.atContact!).toBeCloseTo(tiltAt(10), 9);
    expect(first.atMidstance!).toBeCloseTo(tiltAt(14), 9);
    expect(first.atToeOff!).toBeCloseTo(tiltAt(18), 9);
    // The stride 10..60 holds two whole periods: range = 6° (sampled at whole frames, within 0.1°).
    expect(first.rangeOverStride!).toBeGreaterThan(5.9);
    expect(first.rangeOverStride!).toBeLessThanOrEqual(6 + 1e-9);
    expect(steps[1]!.rangeOverStride).toBeNull();
    expect(steps[1]!.atMidstance).toBeNull();
  });

  it('skips lost points', () => {
    const a = track('rightAsis', [
      [10, 10],
      [10, 10],
    ]);
    const lost: MarkerTrack = {
      ...a,
      points: [a.points[0]!, { ...a.points[1]!, state: 'lost', confidence: 0 }],
    };
    const s = pelvicTiltSeries(
      lost,
      track('rightPsis', [
        [0, 10],
        [0, 10],
      ]),
    );
    expect(s[0]).toBe(0);
    expect(Number.isNaN(s[1]!)).toBe(true);
  });
});

describe('rearfoot eversion', () => {
  /** Rear view: shank tilted by `shankDeg`, heel line turned `ev` degrees laterally from it. */
  function leg(side: 'left' | 'right', shankDeg: number, ev: number) {
    const lateral = side === 'right' ? 1 : -1;
    const s = rad(shankDeg);
    const h = rad(shankDeg + lateral * ev);
    const su: [number, number] = [200, 100];
    const sl: [number, number] = [200 + 60 * Math.sin(s), 100 + 60 * Math.cos(s)];
    const hu: [number, number] = [sl[0] + 10 * Math.sin(s), sl[1] + 10 * Math.cos(s)];
    const hl: [number, number] = [hu[0] + 20 * Math.sin(h), hu[1] + 20 * Math.cos(h)];
    return { su, sl, hu, hl };
  }
  it('is + when the heel line turns laterally from the shank line, for each leg', () => {
    for (const side of ['left', 'right'] as const) {
      for (const [shank, ev] of [
        [0, 8],
        [5, -4],
        [-7, 12],
      ] as const) {
        const g = leg(side, shank, ev);
        const s = rearfootEversionSeries(
          {
            heelUpper: track(`${side}HeelCounterUpper`, [g.hu]),
            heelLower: track(`${side}HeelCounterLower`, [g.hl]),
            shankUpper: track(`${side}ShankUpper`, [g.su]),
            shankLower: track(`${side}ShankLower`, [g.sl]),
          },
          side,
        );
        expect(s[0]).toBeCloseTo(ev, 9);
      }
    }
  });

  it('reports contact and the stance peak per step', () => {
    const evs = [0, 2, 5, 9, 7, 3, 1, 0, 0, 0, 0, 2, 6, 4, 1, 0];
    const g = evs.map((e) => leg('left', 3, e));
    const m = {
      heelUpper: track(
        'leftHeelCounterUpper',
        g.map((q) => q.hu),
      ),
      heelLower: track(
        'leftHeelCounterLower',
        g.map((q) => q.hl),
      ),
      shankUpper: track(
        'leftShankUpper',
        g.map((q) => q.su),
      ),
      shankLower: track(
        'leftShankLower',
        g.map((q) => q.sl),
      ),
    };
    const events: MarkerEvent[] = [
      { kind: 'initial-contact', side: 'left', frameF: 0 },
      { kind: 'toe-off', side: 'left', frameF: 6 },
      { kind: 'initial-contact', side: 'left', frameF: 10 },
      { kind: 'toe-off', side: 'left', frameF: 15 },
    ];
    const steps = rearfootEversion(m, 'left', events);
    expect(steps.map((s) => s.peakInStance)).toHaveLength(2);
    expect(steps[0]!.atContact!).toBeCloseTo(0, 9);
    expect(steps[0]!.peakInStance!).toBeCloseTo(9, 9);
    expect(steps[0]!.peakFrame).toBe(3);
    expect(steps[1]!.peakInStance!).toBeCloseTo(6, 9);
  });
});

describe('marker joint angles', () => {
  it('gives knee flexion and ankle dorsiflexion from the marker triangle and the foot line', () => {
    // Thigh vertical, shank 30° back: knee flexion 30°. The foot line turned 80° (not 90°) from the shank: 10° dorsiflexion.
    const k: [number, number] = [100, 200];
    const h: [number, number] = [100, 100];
    const a: [number, number] = [100 - 100 * Math.sin(rad(30)), 200 + 100 * Math.cos(rad(30))];
    const heel: [number, number] = [a[0] - 20, a[1] + 10];
    // Build the toe from the shank direction: the foot is perpendicular to the shank turned 10° toward it.
    const shank = [k[0] - a[0], k[1] - a[1]];
    const len = Math.hypot(shank[0]!, shank[1]!);
    const u = [shank[0]! / len, shank[1]! / len];
    const perp = rad(90 - 10);
    // rotate u by -perp (clockwise in image = toward +x for a runner facing +x)
    const fx = u[0]! * Math.cos(perp) + u[1]! * Math.sin(perp);
    const fy = -u[0]! * Math.sin(perp) + u[1]! * Math.cos(perp);
    const toe2: [number, number] = [heel[0] + 60 * fx, heel[1] + 60 * fy];
    const angles = markerJointAngles({
      greaterTrochanter: track('rightGreaterTrochanter', [h]),
      lateralKnee: track('rightLateralKnee', [k]),
      lateralMalleolus: track('rightLateralMalleolus', [a]),
      heel: track('rightHeel', [heel]),
      fifthMetatarsal: track('rightFifthMetatarsal', [toe2]),
    });
    expect(angles.kneeFlexion[0]).toBeCloseTo(30, 9);
    expect(angles.ankleDorsiflexion[0]).toBeCloseTo(10, 9);
  });
});

describe('assign', () => {
  it('finds the least-cost one-to-one assignment (checked against brute force)', () => {
    const rng = createPrng(11);
    const brute = (c: number[][], miss: number): number => {
      let best = Infinity;
      const rec = (i: number, used: Set<number>, acc: number): void => {
        if (i === c.length) {
          best = Math.min(best, acc);
          return;
        }
        rec(i + 1, used, acc + miss);
        c[i]!.forEach((v, j) => {
          if (used.has(j) || !Number.isFinite(v)) return;
          used.add(j);
          rec(i + 1, used, acc + v);
          used.delete(j);
        });
      };
      rec(0, new Set(), 0);
      return best;
    };
    for (let k = 0; k < 300; k++) {
      const n = 1 + Math.floor(rng.next() * 5);
      const m = 1 + Math.floor(rng.next() * 5);
      const c = Array.from({ length: n }, () =>
        Array.from({ length: m }, () => (rng.next() < 0.3 ? Infinity : 2 * rng.next())),
      );
      const a = assign(c, 1.5);
      const used = new Set<number>();
      let cost = 0;
      a.forEach((j, i) => {
        if (j < 0) cost += 1.5;
        else {
          expect(used.has(j)).toBe(false);
          used.add(j);
          cost += c[i]![j]!;
        }
      });
      expect(cost).toBeCloseTo(brute(c, 1.5), 9);
    }
  });
});
