import { describe, expect, it } from 'vitest';
import { sinceLastVisit } from './headline';
import type {
  Change,
  PatientProgress,
  ProgressCondition,
  ProgressPoint,
  ProgressRow,
  SymptomRow,
  Verdict,
} from './types';

const DATES = ['2026-01-10', '2026-02-01', '2026-03-01'];
const ids = DATES.map((_, i) => `s${i}`);

const change = (
  difference: number | null,
  verdict: Verdict,
  settingsDiffer: string | null = null,
): Change => ({
  fromSessionId: 'x',
  fromDate: 'x',
  difference,
  u95: 0.5,
  verdict,
  why: '',
  settingsDiffer,
});

/** A row over the given sessions: means, and the verdicts since previous / since first per visit. */
function row(
  variableId: string,
  unit: ProgressRow['unit'],
  means: readonly (number | null)[],
  prev: readonly (Verdict | null)[],
  first: readonly (Verdict | null)[] = [],
  side: ProgressRow['side'] = 'left',
  settings: string | null = null,
): ProgressRow {
  const points: ProgressPoint[] = means.map((mean, i) => ({
    sessionId: ids[i]!,
    date: DATES[i]!,
    value: { mean, sd: null, n: 10, u95: 0.5, interval: null, missing: null },
    vsPrevious:
      i === 0
        ? null
        : change(mean === null || means[i - 1] === null ? null : mean - means[i - 1]!, prev[i]!, settings),
    vsFirst: first[i] ? change(mean! - means[0]!, first[i]!, settings) : null,
  }));
  return { variableId, label: variableId, unit, side, sdd: null, points };
}

function condition(label: string, sessions: readonly number[], rows: ProgressRow[]): ProgressCondition {
  return {
    key: label,
    label,
    visits: sessions.map((i) => ({
      sessionId: ids[i]!,
      date: DATES[i]!,
      label,
      speedKmh: null,
      inclinePct: null,
      recordingIds: [],
    })),
    rows,
  };
}

const pain = (key: SymptomRow['key'], values: readonly (number | null)[], prevDiff: (number | null)[]) => ({
  key,
  label: key,
  unit: '/10' as const,
  points: values.map((value, i) => ({
    sessionId: ids[i]!,
    date: DATES[i]!,
    value,
    vsPrevious:
      prevDiff[i] === null || prevDiff[i] === undefined
        ? null
        : { difference: prevDiff[i]!, important: Math.abs(prevDiff[i]!) >= 2 },
    vsFirst: null,
  })),
});

const progress = (conditions: ProgressCondition[], symptoms: SymptomRow[] = []): PatientProgress => ({
  patientId: 'p',
  patientName: 'Runner',
  sessions: ids.map((sessionId, i) => ({ sessionId, date: DATES[i]!, symptoms: null, notes: [] })),
  symptoms,
  conditions,
});

describe('what changed since the last visit', () => {
  const flat = condition(
    'Flat',
    [0, 1, 2],
    [
      row('pelvic-drop', 'deg', [6.9, 5.5, 1.9], [null, 'within-noise', 'real'], [null, null, 'real']),
      row('cadence', 'steps/min', [160, 165, 170], [null, 'real', 'real'], [null, null, 'real'], 'both'),
      row(
        'knee',
        'deg',
        [17.2, 19.1, 19.2],
        [null, 'within-noise', 'within-noise'],
        [null, null, 'within-noise'],
      ),
      // Crept up by steps within noise, beyond noise since the first.
      row('trunk', 'deg', [7.0, 8.2, 9.4], [null, 'within-noise', 'within-noise'], [null, null, 'real']),
      row('hip-ext', 'deg', [17.7, 15.6, null], [null, 'within-noise', 'not-comparable']),
    ],
  );

  it('lists the real changes of the newest visit, the ones real only since the first, and counts the rest', () => {
    const h = sinceLastVisit(progress([flat]))!;
    expect(h.date).toBe('2026-03-01');
    expect(h.previousDate).toBe('2026-02-01');
    const c = h.conditions[0]!;
    expect(c.previousDate).toBe('2026-02-01');
    expect(c.realSincePrevious.map((x) => [x.variableId, x.values, x.change])).toEqual([
      ['pelvic-drop', '5.5 → 1.9°', '−3.6 ±0.5°'],
      ['cadence', '165 → 170 steps/min', '+5 ±1 steps/min'],
    ]);
    // Real since the first only where it was not already real since the previous visit.
    expect(c.firstDate).toBe('2026-01-10');
    expect(c.realSinceFirstOnly.map((x) => [x.variableId, x.values, x.change])).toEqual([
      ['trunk', '7.0 → 9.4°', '+2.4 ±0.5°'],
    ]);
    expect(c.withinNoise).toBe(2); // knee, trunk
    expect(c.notCompared).toBe(1); // hip extension: no number today
  });

  it('on the second visit compares with the first only, and a condition filmed for the first time is named', () => {
    const twoVisits = progress([
      condition(
        'Flat',
        [0, 1],
        [row('cadence', 'steps/min', [160, 165], [null, 'real'], [], 'both', '11 km/h then, 12 km/h now')],
      ),
      condition('Incline', [2], [row('cadence', 'steps/min', [172], [null])]),
      condition('Race shoes', [0], [row('cadence', 'steps/min', [171], [null])]),
    ]);
    // The newest session (s2) filmed only the incline: flat is not on it, so not compared.
    const h = sinceLastVisit(twoVisits)!;
    expect(h.conditions).toEqual([]);
    expect(h.newConditions).toEqual(['Incline']);
    const onlyFlat = progress([
      condition(
        'Flat',
        [0, 2],
        [row('cadence', 'steps/min', [160, 170], [null, 'real'], [], 'both', '11 km/h then, 12 km/h now')],
      ),
    ]);
    const c = sinceLastVisit(onlyFlat)!.conditions[0]!;
    expect(c.previousDate).toBe('2026-01-10');
    expect(c.firstDate).toBeNull();
    expect(c.realSincePrevious[0]!.settingsDiffer).toBe('11 km/h then, 12 km/h now');
  });

  it('says the pain changes patients call important, against the previous reading', () => {
    const h = sinceLastVisit(
      progress(
        [flat],
        [
          pain('painDuring', [6, 4, 2], [null, -2, -2]),
          pain('painBefore', [2, 1, 0], [null, -1, -1]),
          // No reading on the middle visit: today's change is against the first.
          pain('painAfter', [5, null, 3], [null, null, -2]),
          pain('pain24h', [4, 3, null], [null, -1, null]),
        ],
      ),
    )!;
    expect(h.importantPain).toEqual(['painDuring 4 → 2/10 (−2)', 'painAfter 5 → 3/10 (−2)']);
  });

  it('has nothing to say on a first visit', () => {
    const one: PatientProgress = { ...progress([]), sessions: progress([]).sessions.slice(0, 1) };
    expect(sinceLastVisit(one)).toBeNull();
  });
});
