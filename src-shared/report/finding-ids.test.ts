/**
 * A finding merged across left and right (finding-ids.ts `mergeSides`) says which side is whole and
 * which tentative, and ranks on its whole side. On generated findings with known answers: a stiff
 * knee (peak flexion below 40°, SDD 3.8°) with each side's mean, steps and interval set by hand, so
 * each side's effect size is (40 − mean) / max(half-width, 3.8).
 */
import { describe, expect, it } from 'vitest';
import { rankFindings } from '../gait/findings-rank';
import type { GaitFinding } from '../gait/schema';
import { stiffKnee } from '../gait/testing/findings';
import { mergeSides, rankedOn, type FoundIn } from './finding-ids';
import { findingOf } from './findings';

const DOUBT =
  "the left (far) leg's peak knee flexion in stance was not measurable from the same camera in Flat";
const found = (f: GaitFinding, doubt?: string): FoundIn => ({
  f: doubt ? { ...f, provisional: true } : f,
  where: 'Incline',
  condition: 'incline',
  rows: [`incline|side|${f.side}`],
  ...(doubt ? { doubt } : {}),
});
const merge = (...x: FoundIn[]): FoundIn => {
  const m = mergeSides(x);
  expect(m).toHaveLength(1);
  return m[0]!;
};

describe('a finding on both sides, one of them tentative', () => {
  it('says per side which is whole and which tentative, the far leg by its reason', () => {
    const m = merge(found(stiffKnee('right', 20, 11)), found(stiffKnee('left', 30, 11), DOUBT));
    expect(m.f.side).toBe('both');
    expect(m.f.provisional).toBe(false);
    const f = findingOf(m, 'id');
    expect(f.text).toBe(
      `Incline: Stiff knee in stance on both sides. Left: tentative, ${DOUBT}; right: firm, over 11 clean steps.`,
    );
    // Left first in the evidence as in the words, the tentative side's row marked.
    expect(f.evidence[0]).toMatch(/^Peak knee flexion in stance, left: .* \(tentative\)$/);
    expect(f.evidence[1]).toMatch(/^Peak knee flexion in stance, right: .*3\.8°$/);
    expect(m.rows).toEqual(['incline|side|right', 'incline|side|left']);
  });

  it('says so for a side on too few steps', () => {
    const m = merge(found(stiffKnee('left', 25, 12)), found(stiffKnee('right', 30, 5)));
    expect(findingOf(m, 'id').text).toBe(
      'Incline: Stiff knee in stance on both sides. Left: firm, over 12 clean steps; right: tentative, fewer than 7 clean steps.',
    );
  });

  it('ranks on its whole side: the tentative side cannot lift it', () => {
    // Left (doubted) 40 − 2 = 38° below: effect 10; right (whole) 40 − 30.5: effect 2.5.
    const m = merge(found(stiffKnee('left', 2, 11), DOUBT), found(stiffKnee('right', 30.5, 11)));
    // Another whole finding with effect (40 − 26.7) / 3.8 = 3.5 lies between the two sides.
    const other: FoundIn = { ...found(stiffKnee('right', 26.7, 11, 'other-rule')), where: 'Flat' };
    const list = [m, other];
    const on = list.map(rankedOn);
    expect(on[0]!.evidence.map((e) => e.side)).toEqual(['right']);
    expect(on[1]).toBe(other.f);
    const ranked = rankFindings(on);
    expect(ranked.map((r) => r.finding.id)).toEqual(['other-rule', 'stiff-knee-stance']);
    expect(ranked[1]!.effect).toBeCloseTo(9.5 / 3.8, 6);
    // Whole, not after the tentative ones: a tentative finding of effect 1.2 ranks below it.
    const tentative = rankedOn(found(stiffKnee('left', 35.4, 5, 'late-rule')));
    expect(rankFindings([tentative, ...on]).map((r) => r.finding.id)).toEqual([
      'other-rule',
      'stiff-knee-stance',
      'late-rule',
    ]);
    const why = findingOf(m, 'id', ranked[1]).priority!.why;
    expect(why).toMatch(/; ranked on the firm side \(right\)$/);
    expect(why).not.toMatch(/tentative/);
  });
});

describe('a finding on both sides, tentative on both or neither', () => {
  it('both whole: no tentative words, ranked on both sides', () => {
    const m = merge(found(stiffKnee('left', 20, 11)), found(stiffKnee('right', 30, 11)));
    expect(findingOf(m, 'id').text).toBe('Incline: Stiff knee in stance on both sides.');
    expect(findingOf(m, 'id').evidence.some((e) => e.includes('(tentative)'))).toBe(false);
    expect(rankedOn(m)).toBe(m.f);
  });

  it('both tentative for the same reason: said once, ranked as tentative on both sides', () => {
    const m = merge(found(stiffKnee('left', 20, 5)), found(stiffKnee('right', 30, 6)));
    expect(m.f.provisional).toBe(true);
    expect(findingOf(m, 'id').text).toBe(
      'Incline: Stiff knee in stance on both sides. Tentative: fewer than 7 clean steps.',
    );
    expect(rankedOn(m)).toBe(m.f);
  });

  it('both tentative for different reasons: each side its own', () => {
    const m = merge(found(stiffKnee('left', 20, 11), DOUBT), found(stiffKnee('right', 30, 5)));
    expect(m.f.provisional).toBe(true);
    expect(findingOf(m, 'id').text).toBe(
      `Incline: Stiff knee in stance on both sides. Left: tentative, ${DOUBT}; right: tentative, fewer than 7 clean steps.`,
    );
  });

  it('does not merge across conditions', () => {
    const m = mergeSides([
      found(stiffKnee('left', 20, 11)),
      { ...found(stiffKnee('right', 30, 5)), where: 'Flat' },
    ]);
    expect(m.map((x) => x.f.side)).toEqual(['left', 'right']);
    expect(findingOf(m[1]!, 'id').text).toBe(
      'Flat: Stiff knee in stance on the right. Tentative: fewer than 7 clean steps.',
    );
  });
});
