/**
 * Which finding to work on first: synthetic runners with designed effects of known size, and the
 * weights on hand-made evidence with known answers.
 */
import { describe, expect, it } from 'vitest';
import { evidenceEffect, rankFindings, STAND_IN_SDD_DEG } from './findings-rank';
import type { GaitFinding } from './schema';
import type { SyntheticOptions } from './synthetic';
import { gaitFinding, type Evidence } from './testing/findings';
import { analysedRunner } from './testing/runner';
import { INJURY_SIDE_WEIGHT } from './tables/focus';

const sideRunner = (o: Partial<SyntheticOptions>, seed: number) =>
  analysedRunner({ view: 'side', fps: 60, durationS: 8, seed, noisePx: 2, ...o }).analysis;

describe('ranking on synthetic runners', () => {
  // Stiff knee 28° (12° below the 40° threshold, SDD 3.8°) against a trunk lean of 14° (4° past
  // 10°), and the same runner with the effects' sizes swapped (knee 35°, trunk 20°). The heel 25 cm
  // ahead of the pelvis gives a tibia a little past 8°, inside its SDD: never listed.
  const designs = [
    {
      o: { stanceKneePeakDeg: 28, trunkLeanDeg: 14 },
      first: 'stiff-knee-stance',
      second: 'forward-trunk-lean',
    },
    {
      o: { stanceKneePeakDeg: 35, trunkLeanDeg: 20 },
      first: 'forward-trunk-lean',
      second: 'stiff-knee-stance',
    },
  ] as const;
  for (const d of designs)
    it(`the largest designed effect ranks first (${d.first})`, () => {
      for (const seed of [1, 2]) {
        const a = sideRunner({ ...d.o, right: { heelAheadAtIcCm: 25 } }, seed);
        const ranked = rankFindings(a.findings);
        expect(ranked[0]?.finding.id, `seed ${seed}`).toBe(d.first);
        const second = ranked.find((r) => r.finding.id === d.second)!;
        expect(second.effect).toBeLessThan(ranked[0]!.effect);
        // Every fired finding lies beyond what the measurement resolves.
        for (const r of ranked) expect(r.effect).toBeGreaterThan(1);
        // The overstride inside its uncertainty is not listed at all.
        expect(ranked.some((r) => r.finding.id === 'overstride')).toBe(false);
        expect(ranked.map((r) => r.priority)).toEqual(
          [...ranked.map((r) => r.priority)].sort((x, y) => y - x),
        );
      }
    });
});

const ev = (over: Partial<Evidence>): Evidence => ({
  variableId: 'pelvic-drop-ms',
  label: 'Pelvic drop',
  side: 'right',
  value: 11,
  sd: 1,
  n: 10,
  unit: 'deg',
  op: '>',
  threshold: 5,
  interval: [10, 12],
  sdd: 2.8,
  ...over,
});
const finding = (id: string, e: Evidence): GaitFinding => gaitFinding(id, [e]);

describe('effect size and weights (known answers)', () => {
  it('measures the distance beyond the threshold in max(95% half-width, SDD)', () => {
    // 6° past 5°, half-width 1°, SDD 2.8°: 6 / 2.8.
    expect(evidenceEffect(ev({}))).toBeCloseTo(6 / 2.8, 12);
    // A wide interval (half-width 4°) is the unit instead.
    expect(evidenceEffect(ev({ interval: [7, 15] }))).toBeCloseTo(6 / 4, 12);
    // Below a '<' threshold: 40 − 28 = 12 over SDD 3.8.
    expect(
      evidenceEffect(ev({ op: '<', threshold: 40, value: 28, interval: [27, 29], sdd: 3.8 })),
    ).toBeCloseTo(12 / 3.8, 12);
    // No published SDD: the stand-in for angles (median of the published, 3.8°).
    expect(STAND_IN_SDD_DEG).toBe(3.8);
    expect(evidenceEffect(ev({ sdd: null, value: 12.6, threshold: 5 }))).toBeCloseTo(7.6 / 3.8, 12);
    // A left/right difference: from 0, in units of the larger of its half-width and its limit.
    expect(evidenceEffect(ev({ side: 'both', value: -7.5, threshold: 3, interval: [-9, -6] }))).toBeCloseTo(
      2.5,
      12,
    );
    // No interval: no effect.
    expect(evidenceEffect(ev({ interval: null }))).toBe(0);
  });

  it('weights by the complaint and the painful side', () => {
    const drop = finding('contralateral-pelvic-drop', ev({})); // effect 6/2.8 = 2.14
    const knee = finding(
      'stiff-knee-stance',
      ev({
        variableId: 'peak-knee-flexion-stance',
        side: 'left',
        op: '<',
        threshold: 40,
        value: 28,
        interval: [27, 29],
        sdd: 3.8,
      }),
    ); // effect 12/3.8 = 3.16
    expect(rankFindings([drop, knee]).map((r) => r.finding.id)).toEqual([
      'stiff-knee-stance',
      'contralateral-pelvic-drop',
    ]);
    const ranked = rankFindings([drop, knee], {
      complaint: 'Right proximal hamstring pain',
      injurySide: 'right',
    });
    expect(ranked.map((r) => r.finding.id)).toEqual(['contralateral-pelvic-drop', 'stiff-knee-stance']);
    expect(ranked[0]!.weight).toBeCloseTo(2 * INJURY_SIDE_WEIGHT, 12);
    expect(ranked[0]!.priority).toBeCloseTo((6 / 2.8) * 2 * INJURY_SIDE_WEIGHT, 12);
    expect(ranked[0]!.focus?.id).toBe('proximal-hamstring');
    expect(ranked[1]!.weight).toBe(1);
    // A complaint the table does not know weighs nothing: the effect alone ranks.
    expect(rankFindings([drop, knee], { complaint: 'tired legs' }).map((r) => r.weight)).toEqual([1, 1]);
  });

  it('ranks a tentative finding (fewer than 7 steps) after the whole ones, each tier by priority', () => {
    const drop = finding('contralateral-pelvic-drop', ev({})); // effect 2.14, 10 steps
    const lean = finding('forward-trunk-lean', ev({ variableId: 'trunk-lean', value: 9, threshold: 5 })); // 1.43
    const knee = {
      ...finding(
        'stiff-knee-stance',
        ev({ op: '<', threshold: 40, value: 28, interval: [26, 30], sdd: 3.8, n: 5 }),
      ),
      provisional: true,
    }; // effect 3.16 on 5 steps
    const small = { ...finding('overstride', ev({ value: 8, n: 4 })), provisional: true }; // 1.07
    const ranked = rankFindings([small, lean, knee, drop]);
    expect(ranked.map((r) => r.finding.id)).toEqual([
      'contralateral-pelvic-drop',
      'forward-trunk-lean',
      'stiff-knee-stance',
      'overstride',
    ]);
    expect(ranked[2]!.priority).toBeGreaterThan(ranked[0]!.priority);
    // Weights do not lift a tentative finding over a whole one either.
    const weighted = rankFindings([knee, lean], { complaint: 'knee pain', injurySide: 'right' });
    expect(weighted.map((r) => r.finding.id)).toEqual(['forward-trunk-lean', 'stiff-knee-stance']);
  });
});
