import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../gait';
import { generateRunner } from '../gait/synthetic';
import { eventsForRear } from '../review/analyse';
import { progressForReport } from './report';
import { formatProgress } from './text';
import { buildProgress, conditionKey, type SessionInput } from './timeline';
import type { PatientProgress, ProgressRow } from './types';

/**
 * Three visits of a synthetic runner with known changes (issue 18): left pelvic drop 8° → 6° → 2°,
 * cadence 160 → 165 → 170 steps/min, the rest unchanged. Side and rear clip of each visit, the rear
 * clip's events from the side clip (as the service does for an aligned pair).
 */
function visit(date: string, pelvicDropDeg: number, cadence: number, speedKmh = 11): SessionInput {
  const o = { durationS: 8, cadence, left: { pelvicDropDeg }, noisePx: 1.5, seed: 7 } as const;
  const side = analyzeGait({
    series: generateRunner({ view: 'side', ...o }).series,
    view: 'side',
    calibration: { heightCm: 175 },
  });
  const rear = analyzeGait({
    series: generateRunner({ view: 'rear', ...o }).series,
    view: 'rear',
    calibration: { heightCm: 175 },
    externalEvents: eventsForRear(side, (t) => t),
  });
  return {
    sessionId: `s-${date}`,
    date,
    symptoms: null,
    conditions: [
      {
        label: 'flat',
        speedKmh,
        inclinePct: 0,
        recordings: [
          { recordingId: `side-${date}`, name: 'side.mp4', analysis: side },
          { recordingId: `rear-${date}`, name: 'rear.mp4', analysis: rear },
        ],
      },
    ],
  };
}

const row = (p: PatientProgress, id: string, side: ProgressRow['side']): ProgressRow => {
  const r = p.conditions[0]!.rows.find((x) => x.variableId === id && x.side === side);
  if (!r) throw new Error(`no row ${id} ${side}`);
  return r;
};

describe('buildProgress on three synthetic visits with known changes', () => {
  // Given out of order: the timeline sorts by date.
  const sessions = [
    visit('2026-03-01', 2, 170, 12),
    visit('2026-01-10', 8, 160),
    visit('2026-02-01', 6, 165),
  ];
  const p = buildProgress({ id: 'p1', name: 'Ana' }, sessions);

  it('follows one condition over the three visits, oldest first', () => {
    expect(p.sessions.map((s) => s.date)).toEqual(['2026-01-10', '2026-02-01', '2026-03-01']);
    expect(p.conditions.map((c) => c.key)).toEqual(['flat']);
    expect(p.conditions[0]!.visits.map((v) => v.recordingIds.length)).toEqual([2, 2, 2]);
    const ids = new Set(p.conditions[0]!.rows.map((r) => r.variableId));
    for (const id of [
      'knee-flexion-ic',
      'pelvic-drop-ms',
      'hip-extension-to',
      'trunk-lean-ms',
      'cadence',
      'contact-time',
    ])
      expect(ids).toContain(id);
  });

  it('pelvic drop: 8° → 6° is below the SDD (within noise); 6° → 2° and 8° → 2° are real', () => {
    const drop = row(p, 'pelvic-drop-ms', 'left');
    expect(drop.sdd?.value).toBe(2.8);
    const [first, second, third] = drop.points;
    expect(first!.vsPrevious).toBeNull();
    expect(second!.vsPrevious!.verdict).toBe('within-noise');
    expect(Math.abs(second!.vsPrevious!.difference!)).toBeLessThan(2.8);
    expect(third!.vsPrevious!.verdict).toBe('real');
    expect(third!.vsPrevious!.difference!).toBeLessThan(-2.8);
    expect(third!.vsFirst!.verdict).toBe('real');
    // The engine reads the 8° drop about 1° low from these synthetic clips (not this module's doing).
    expect(Math.abs(third!.vsFirst!.difference! - (2 - 8))).toBeLessThan(1.5);
    // The right side did not change: nothing real there.
    const right = row(p, 'pelvic-drop-ms', 'right');
    expect(right.points.slice(1).map((x) => x.vsPrevious!.verdict)).not.toContain('real');
  });

  it('cadence 160 → 165 → 170 is read from the stride times and each step up is real', () => {
    const cad = row(p, 'cadence', 'both');
    expect(cad.unit).toBe('steps/min');
    expect(cad.sdd).toBeNull();
    const means = cad.points.map((x) => x.value.mean!);
    [160, 165, 170].forEach((c, i) => expect(Math.abs(means[i]! - c)).toBeLessThan(0.5));
    expect(cad.points.slice(1).map((x) => x.vsPrevious!.verdict)).toEqual(['real', 'real']);
    expect(cad.points[2]!.vsFirst!.difference!).toBeCloseTo(10, 0);
  });

  it('knee flexion at contact, unchanged by design, stays within noise', () => {
    for (const side of ['left', 'right'] as const) {
      const knee = row(p, 'knee-flexion-ic', side);
      for (const x of knee.points.slice(1)) expect(x.vsPrevious!.verdict).not.toBe('real');
    }
  });

  it('says the last visit ran at another speed, on every change it enters', () => {
    const drop = row(p, 'pelvic-drop-ms', 'left');
    expect(drop.points[1]!.vsPrevious!.settingsDiffer).toBeNull();
    expect(drop.points[2]!.vsPrevious!.settingsDiffer).toBe('speed 11 km/h then, 12 km/h now');
    expect(drop.points[2]!.vsFirst!.settingsDiffer).toBe('speed 11 km/h then, 12 km/h now');
  });

  it('prints the same comparison as text', () => {
    const text = formatProgress(p);
    expect(text).toMatch(/Contralateral pelvic drop at midstance, left \(SDD 2\.8°\)/);
    expect(text).toMatch(
      /2026-03-01 {2}\d\.\d ±\d\.\d° \(\d+ steps\) {3}since previous −\d\.\d ±\d+\.\d° real \*; since first −\d\.\d ±\d+\.\d° real \*/,
    );
    expect(text).toMatch(/not the same treadmill settings: speed 11 km\/h then, 12 km\/h now/);
    // First, what changed since the last visit: the drop and the cadence, the rest within noise.
    expect(text).toMatch(
      /\nSince the last visit \(2026-02-01 to 2026-03-01\):\n {2}Flat: 2 changes beyond noise; \d+ within noise/,
    );
    expect(text).toMatch(
      /\n {4}Contralateral pelvic drop at midstance \(left\): \d\.\d → \d\.\d°, −\d\.\d ±\d+\.\d° real \* \(speed 11 km\/h then, 12 km\/h now\)\n {4}Cadence \(both sides\): 165 → 170 steps\/min, \+5 ±[\d.]+ steps\/min real/,
    );
    expect(text.indexOf('Since the last visit')).toBeLessThan(text.indexOf('(SDD 2.8°)'));
  });
  it('gives the report of a visit its progress section: what the findings rest on and what changed beyond noise', () => {
    expect(progressForReport(p, 's-2026-01-10', ['pelvic-drop-ms'])).toBeNull(); // a first visit
    const r = progressForReport(p, 's-2026-03-01', ['knee-flexion-ic'])!;
    expect(r.dates).toEqual(['2026-01-10', '2026-02-01', '2026-03-01']);
    const flat = r.conditions[0]!;
    const drop = flat.rows.find((x) => x.variableId === 'pelvic-drop-ms' && x.side === 'left')!;
    expect(drop.trend).toMatch(/^\d\.\d → \d\.\d → \d\.\d°$/);
    expect(drop.sincePrevious).toMatch(/^−\d\.\d ±\d+\.\d° real \*$/);
    expect(drop.realSinceFirst).toBe(true);
    expect(drop.behindFinding).toBe(false);
    // Behind a finding: shown although within noise.
    const knee = flat.rows.filter((x) => x.variableId === 'knee-flexion-ic');
    expect(knee.map((x) => x.behindFinding)).toEqual([true, true]);
    expect(knee.every((x) => !x.realSincePrevious)).toBe(true);
    // Trunk lean neither changed nor stands behind a finding: counted, not listed.
    expect(flat.rows.some((x) => x.variableId === 'trunk-lean-ms')).toBe(false);
    expect(flat.unchanged).toBeGreaterThan(0);
    expect(flat.settings).toEqual(['speed 11 km/h then, 12 km/h now']);
    // The second visit's report stops at the second visit.
    const second = progressForReport(p, 's-2026-02-01', [])!;
    expect(second.conditions[0]!.dates).toEqual(['2026-01-10', '2026-02-01']);
    expect(second.conditions[0]!.rows.find((x) => x.variableId === 'cadence')!.trend).toBe(
      '160 → 165 steps/min',
    );
  });
});

describe('buildProgress: conditions, clips left out, the patient\u2019s story', () => {
  it('groups flat with flat and incline with incline by the treadmill settings, else by label', () => {
    expect(conditionKey({ label: 'Flat 11', inclinePct: 0 }).key).toBe('flat');
    expect(conditionKey({ label: 'hill', inclinePct: 5 }).key).toBe('incline');
    expect(conditionKey({ label: 'downhill', inclinePct: -3 }).key).toBe('decline');
    expect(conditionKey({ label: ' Race  Shoes ', inclinePct: null })).toEqual({
      key: 'label:race shoes',
      label: 'Race Shoes',
    });
  });

  it('leaves out a clip that is not analysed or is not a run, and says why', () => {
    const walker = analyzeGait({
      series: generateRunner({ view: 'side', gait: 'walking', durationS: 6 }).series,
      view: 'side',
    });
    const p = buildProgress({ id: 'p1', name: 'Ana' }, [
      {
        sessionId: 's1',
        date: '2026-01-01',
        symptoms: null,
        conditions: [
          {
            label: 'flat',
            speedKmh: null,
            inclinePct: 0,
            recordings: [
              { recordingId: 'r1', name: 'a.mp4', analysis: null, error: 'no landmarks yet' },
              { recordingId: 'r2', name: 'walk.mp4', analysis: walker },
            ],
          },
        ],
      },
    ]);
    expect(p.conditions).toEqual([]);
    expect(p.sessions[0]!.notes[0]).toBe('a.mp4 (flat) is left out: no landmarks yet.');
    expect(p.sessions[0]!.notes[1]).toMatch(/^walk\.mp4 \(flat\) is left out: This clip looks like walking/);
    expect(formatProgress(p)).toMatch(/No analysed clips yet/);
  });

  it('follows pain and weekly volume, marking a pain change of 2 points or more as important', () => {
    const story = (date: string, painDuring: number | null, weeklyKm: number | null): SessionInput => ({
      sessionId: date,
      date,
      conditions: [],
      symptoms: {
        painBefore: null,
        painDuring,
        painAfter: null,
        pain24h: null,
        weeklyKm,
        rtrStage: null,
        notes: null,
      },
    });
    const p = buildProgress({ id: 'p1', name: 'Ana' }, [
      story('2026-01-01', 6, 5),
      story('2026-01-15', 5, null),
      story('2026-02-01', null, 12),
      story('2026-02-15', 2, 20),
    ]);
    const during = p.symptoms.find((r) => r.key === 'painDuring')!;
    expect(during.points.map((x) => x.vsPrevious?.difference ?? null)).toEqual([null, -1, null, -3]);
    expect(during.points.map((x) => x.vsPrevious?.important ?? null)).toEqual([null, false, null, true]);
    expect(during.points[3]!.vsFirst).toEqual({ difference: -4, important: true });
    expect(during.points[1]!.vsFirst).toBeNull();
    const km = p.symptoms.find((r) => r.key === 'weeklyKm')!;
    expect(km.points.map((x) => x.vsPrevious?.difference ?? null)).toEqual([null, null, 7, 8]);
    expect(km.points.every((x) => !x.vsPrevious?.important)).toBe(true);
  });
});
