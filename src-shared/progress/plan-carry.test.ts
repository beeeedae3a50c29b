import { describe, expect, it } from 'vitest';
import type { PlanItem } from '../report/model';
import { carryPlan } from './plan-carry';

const suggested: PlanItem[] = [
  { id: 'nordic', title: 'Nordic hamstring curl', detail: '', dosage: '3 × 5', progression: 'slower' },
  { id: 'bridge', title: 'Single-leg bridge', detail: '', dosage: '3 × 10' },
];

describe('the previous plan carried over', () => {
  it('keeps last visit\u2019s exercises as given, leaves out the ones dropped then, adds today\u2019s new ones', () => {
    const plan = carryPlan(
      [
        { id: 'iso', title: 'Isometric bridge hold', detail: '5 × 45 s', dosage: '5 × 45 s daily' },
        { id: 'nordic', title: 'Nordics (own words)', detail: 'slow', since: 'progressed' },
        { id: 'walk', title: 'Walk–run', detail: '', since: 'dropped' },
      ],
      suggested,
    );
    expect(plan.map((p) => [p.id, p.title, p.since])).toEqual([
      ['iso', 'Isometric bridge hold', 'kept'],
      ['nordic', 'Nordics (own words)', 'kept'],
      ['bridge', 'Single-leg bridge', 'new'],
    ]);
    // The dosage the PT gave stands; where they gave none, the exercise library's.
    expect(plan[0]!.dosage).toBe('5 × 45 s daily');
    expect(plan[1]).toMatchObject({ dosage: '3 × 5', progression: 'slower' });
  });

  it('is today\u2019s suggestions, all new, when nothing was planned last time', () => {
    expect(carryPlan([], suggested).map((p) => p.since)).toEqual(['new', 'new']);
  });
});
