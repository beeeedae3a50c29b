import { describe, expect, it } from 'vitest';
import { conditionChoices, conditionFor } from './conditions';

describe('conditions offered on the capture page', () => {
  it("names the session's inclines: 0 % is flat, with the one speed and the shoes", () => {
    const choices = conditionChoices({
      treadmillInclinesPct: [0, 5],
      treadmillSpeedsKmh: [11],
      shoes: 'Pegasus',
    });
    expect(choices).toEqual([
      { label: 'flat', inclinePct: 0, speedKmh: 11, shoes: 'Pegasus' },
      { label: 'incline 5 %', inclinePct: 5, speedKmh: 11, shoes: 'Pegasus' },
    ]);
    expect(conditionChoices({ treadmillInclinesPct: [], treadmillSpeedsKmh: [10, 12] })).toEqual([
      { label: 'flat', inclinePct: 0 },
    ]);
  });

  it('keeps a known choice, and lets the PT type a new label', () => {
    const choices = conditionChoices({ treadmillInclinesPct: [0], treadmillSpeedsKmh: [] });
    expect(conditionFor(' flat ', choices)).toEqual({ label: 'flat', inclinePct: 0 });
    expect(conditionFor('race shoes', choices, 14)).toEqual({ label: 'race shoes', speedKmh: 14 });
  });
});
