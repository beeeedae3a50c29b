import { describe, expect, it } from 'vitest';
import {
  changeSettings,
  conditionSettings,
  formSettings,
  settingInput,
  settingsText,
  withPlanned,
} from './conditions';

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
  it('reads several speeds beside the inclines typed in the same order, one per condition', () => {
    // The session form's "10 12" beside "0 5": the PDF printed speed "—" for both conditions.
    const s = session([10, 12], [0, 5]);
    expect(conditionSettings({ label: 'flat' }, s)).toEqual({ speedKmh: 10, inclinePct: 0 });
    expect(conditionSettings({ label: 'incline' }, s)).toEqual({ speedKmh: 12, inclinePct: 5 });
    expect(conditionSettings({ label: 'hill', inclinePct: 5 }, s)).toEqual({ speedKmh: 12, inclinePct: 5 });
    expect(conditionSettings({ label: 'downhill' }, session([9, 11, 13], [0, 5, -3]))).toEqual({
      speedKmh: 13,
      inclinePct: -3,
    });
    // Not guessed: lists of different lengths, an incline typed twice, a condition of no incline.
    expect(conditionSettings({ label: 'flat' }, session([10, 12], [0]))).toEqual({ inclinePct: 0 });
    expect(conditionSettings({ label: 'flat' }, session([10, 12], [0, 0]))).toEqual({ inclinePct: 0 });
    expect(conditionSettings({ label: 'race shoes' }, s)).toEqual({});
    expect(conditionSettings({ label: 'incline' }, session([10, 12], []))).toEqual({});
  });
  it('says on the form where each typed speed goes, and which no condition takes', () => {
    const paired = formSettings([], session([10, 12], [0, 5]));
    expect(paired.conditions).toEqual([
      { label: 'flat', settings: { speedKmh: 10, inclinePct: 0 } },
      { label: 'incline', settings: { speedKmh: 12, inclinePct: 5 } },
    ]);
    expect(paired.unplaced).toEqual([]);
    expect(formSettings([], session([10, 12], [])).unplaced).toEqual([10, 12]);
    expect(formSettings([], session([11], [])).unplaced).toEqual([]);
    // A planned condition's own speed is its own; the typed 12 then goes to no one.
    const planned = formSettings([{ label: 'race shoes', speedKmh: 14 }], session([10, 12], [0]));
    expect(planned.conditions.map((c) => c.label)).toEqual(['flat', 'incline', 'race shoes']);
    expect(planned.conditions[2]!.settings).toEqual({ speedKmh: 14, inclinePct: 0 });
    expect(planned.unplaced).toEqual([10, 12]);
  });
  it('says the settings in the clinic’s words', () => {
    expect(settingsText({ speedKmh: 11, inclinePct: 5 })).toBe('11 km/h · 5 % incline');
    expect(settingsText({})).toBe('');
  });
});

describe('the incline the PT types for a condition', () => {
  const incline = (text: string) => settingInput('inclinePct', text);
  it('reads a percent grade, with a comma, a minus sign or a % sign', () => {
    expect(incline('5')).toEqual({ ok: true, value: 5 });
    expect(incline(' 2,5 % ')).toEqual({ ok: true, value: 2.5 });
    expect(incline('-3')).toEqual({ ok: true, value: -3 });
    expect(incline('−3')).toEqual({ ok: true, value: -3 });
    expect(incline('0')).toEqual({ ok: true, value: 0 });
    // Empty: left to the label and the session form.
    expect(incline('  ')).toEqual({ ok: true, value: undefined });
  });
  it('refuses what is not one, in words, at the limits every condition carries', () => {
    expect(incline('five')).toEqual({
      ok: false,
      error: 'The incline is a percent grade: a number such as 5, or 0 for flat (not "five").',
    });
    expect(incline('5 km/h')).toMatchObject({ ok: false });
    expect(incline('1e3')).toMatchObject({ ok: false });
    expect(incline('45')).toEqual({ ok: false, error: 'The incline must be at most 40 %.' });
    expect(incline('-12')).toEqual({ ok: false, error: 'The incline must be at least -10 %.' });
    expect(incline('40')).toEqual({ ok: true, value: 40 });
    expect(incline('-10')).toEqual({ ok: true, value: -10 });
  });
});

describe('the treadmill speed the PT types for a condition', () => {
  const speed = (text: string) => settingInput('speedKmh', text);
  it('reads km/h, with a comma or the unit typed after it', () => {
    expect(speed('10')).toEqual({ ok: true, value: 10 });
    expect(speed(' 10,5 km/h ')).toEqual({ ok: true, value: 10.5 });
    expect(speed('12 kmh')).toEqual({ ok: true, value: 12 });
    expect(speed('12KM/H')).toEqual({ ok: true, value: 12 });
    expect(speed('')).toEqual({ ok: true, value: undefined });
  });
  it('refuses what is not one, in words, at the limits every condition carries', () => {
    expect(speed('fast')).toEqual({
      ok: false,
      error: 'The speed is the belt speed in km/h: a number such as 10 (not "fast").',
    });
    expect(speed('10 %')).toMatchObject({ ok: false });
    expect(speed('6 mph')).toMatchObject({ ok: false });
    expect(speed('31')).toEqual({ ok: false, error: 'The speed must be at most 30 km/h.' });
    expect(speed('0')).toEqual({ ok: false, error: 'The speed must be at least 0.5 km/h.' });
    expect(speed('-3')).toEqual({ ok: false, error: 'The speed must be at least 0.5 km/h.' });
    expect(speed('0.5')).toEqual({ ok: true, value: 0.5 });
    expect(speed('30')).toEqual({ ok: true, value: 30 });
  });
  it('gives what the session page and the report then show', () => {
    const s = session([10], []);
    expect(settingsText(conditionSettings({ label: 'incline' }, s))).toBe('10 km/h');
    const pct = settingInput('inclinePct', '5');
    const kmh = settingInput('speedKmh', '12');
    expect(
      pct.ok &&
        kmh.ok &&
        settingsText(conditionSettings({ label: 'incline', inclinePct: pct.value, speedKmh: kmh.value }, s)),
    ).toBe('12 km/h · 5 % incline');
  });
});

describe('a planned condition and its clips', () => {
  it('sets a setting with a value, clears it with null, leaves it when absent', () => {
    const c = { label: 'incline', inclinePct: 5, speedKmh: 10, shoes: 'trail' };
    expect(changeSettings(c, { inclinePct: 6 })).toEqual({ ...c, inclinePct: 6 });
    expect(changeSettings(c, { inclinePct: null })).toEqual({
      label: 'incline',
      speedKmh: 10,
      shoes: 'trail',
    });
    expect(changeSettings(c, {})).toEqual(c);
    expect(changeSettings({ label: 'flat' }, { inclinePct: 0, speedKmh: null })).toEqual({
      label: 'flat',
      inclinePct: 0,
    });
  });
  it('gives a clip the planned settings it has none of, its own first, its label only', () => {
    const planned = { label: 'incline', inclinePct: 5, speedKmh: 10 };
    expect(withPlanned({ label: 'incline' }, planned)).toEqual(planned);
    expect(withPlanned({ label: 'incline', inclinePct: 0 }, planned)).toEqual({ ...planned, inclinePct: 0 });
    expect(withPlanned({ label: 'flat' }, planned)).toEqual({ label: 'flat' });
    expect(withPlanned({ label: 'incline', shoes: 'trail' }, undefined)).toEqual({
      label: 'incline',
      shoes: 'trail',
    });
  });
});
