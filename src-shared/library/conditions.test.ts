import { describe, expect, it } from 'vitest';
import { conditionSettings, settingsText } from './conditions';

const session = (speeds: number[], inclines: number[]) => ({
  treadmillSpeedsKmh: speeds,
  treadmillInclinesPct: inclines,
});

describe('treadmill settings of a condition', () => {
  it('takes the session form’s values for the usual flat and incline labels', () => {
    const s = session([11], [0, 5]);
    expect(conditionSettings({ label: 'flat' }, s)).toEqual({ speedKmh: 11, inclinePct: 0 });
    expect(conditionSettings({ label: 'Incline' }, s)).toEqual({ speedKmh: 11, inclinePct: 5 });
    expect(conditionSettings({ label: 'downhill' }, session([11], [-3, 0]))).toEqual({
      speedKmh: 11,
      inclinePct: -3,
    });
  });
  it('prefers numbers on the clip, then in the label, over the session', () => {
    const s = session([10, 12], [0, 4, 8]);
    expect(conditionSettings({ label: 'flat', speedKmh: 9.5, inclinePct: 1 }, s)).toEqual({
      speedKmh: 9.5,
      inclinePct: 1,
    });
    expect(conditionSettings({ label: '12 km/h 4% incline' }, s)).toEqual({ speedKmh: 12, inclinePct: 4 });
    expect(conditionSettings({ label: 'race shoes 10,5 kmh' }, s)).toEqual({ speedKmh: 10.5 });
  });
  it('leaves a value unknown rather than guessing between several', () => {
    const s = session([10, 12], [0, 4, 8]);
    expect(conditionSettings({ label: 'incline' }, s)).toEqual({});
    expect(conditionSettings({ label: 'race shoes' }, s)).toEqual({});
    expect(conditionSettings({ label: 'race shoes' }, session([], [2]))).toEqual({ inclinePct: 2 });
    expect(conditionSettings({ label: 'flat' }, session([], []))).toEqual({ inclinePct: 0 });
  });
  it('says the settings in the clinic’s words', () => {
    expect(settingsText({ speedKmh: 11, inclinePct: 5 })).toBe('11 km/h · 5 % incline');
    expect(settingsText({})).toBe('');
  });
});
