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
    // Speeds typed beside the inclines, one per condition, in the same order.
    expect(conditionChoices({ treadmillInclinesPct: [0, 5], treadmillSpeedsKmh: [10, 12] })).toEqual([
      { label: 'flat', inclinePct: 0, speedKmh: 10 },
      { label: 'incline 5 %', inclinePct: 5, speedKmh: 12 },
    ]);
  });

  it('keeps a known choice, and lets the PT type a new label', () => {
    const choices = conditionChoices({ treadmillInclinesPct: [0], treadmillSpeedsKmh: [] });
    expect(conditionFor(' flat ', choices)).toEqual({ label: 'flat', inclinePct: 0 });
    expect(conditionFor('race shoes', choices, 14)).toEqual({ label: 'race shoes', speedKmh: 14 });
  });

  it('offers the conditions planned on the session page first, with their settings', () => {
    const form = { treadmillInclinesPct: [0], treadmillSpeedsKmh: [11], shoes: 'Pegasus' };
    const planned = [
      { label: 'incline', inclinePct: 5, speedKmh: 10 },
      { label: 'flat', speedKmh: 10 },
    ];
    expect(conditionChoices(form, planned)).toEqual([
      { label: 'incline', inclinePct: 5, speedKmh: 10 },
      { label: 'flat', inclinePct: 0, speedKmh: 10, shoes: 'Pegasus' },
    ]);
    expect(conditionFor('incline', conditionChoices(form, planned))).toEqual(planned[0]);
  });
});
