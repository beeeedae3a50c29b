import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src-main/services';
import type { PatientProgress, SessionSymptoms } from '../../src-shared/progress';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { addRecording } from '../sync/helpers';
import { call, returningPatient } from './fixtures';

/** `symptoms:*` and `progress:patient` through the real dispatcher on a real library, on the run's backend. */
let t: TestServices;
let services: Services;
let patientId: string;
let sessionIds: string[];

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-progress-' });
  services = t.services;
  ({ patientId, sessionIds } = await returningPatient(services, t.sql));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('symptoms', () => {
  it('stores, reads back, updates and clears a session\u2019s own story, and tells the views', async () => {
    const events: unknown[] = [];
    const off = services.onEvent((e) => events.push(e));
    const id = sessionIds[0]!;
    expect(await call(services, 'symptoms:get', { sessionId: id })).toBeNull();
    const saved = await call<SessionSymptoms>(services, 'symptoms:set', {
      sessionId: id,
      fields: {
        painBefore: 2,
        painDuring: 5,
        painAfter: 4,
        pain24h: 3,
        weeklyKm: 12.5,
        rtrStage: ' Stage 3: run 2 min, walk 1 min ',
        notes: '',
      },
    });
    expect(saved).toMatchObject({
      painBefore: 2,
      painDuring: 5,
      pain24h: 3,
      weeklyKm: 12.5,
      rtrStage: 'Stage 3: run 2 min, walk 1 min',
      notes: null,
    });
    expect(await call(services, 'symptoms:get', { sessionId: id })).toEqual(saved);
    const updated = await call<SessionSymptoms>(services, 'symptoms:set', {
      sessionId: id,
      fields: { painDuring: 3 },
    });
    expect(updated).toMatchObject({ painBefore: null, painDuring: 3, weeklyKm: null });
    expect(await call(services, 'symptoms:set', { sessionId: id, fields: {} })).toBeNull();
    expect(await call(services, 'symptoms:get', { sessionId: id })).toBeNull();
    expect(events).toContainEqual({ event: 'library:changed', payload: { kind: 'session', id } });
    off();
  });

  it('refuses a pain outside 0–10 or not whole, in the clinic\u2019s words, and changes nothing', async () => {
    const before = await t.digest();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ painDuring: 11 }, /^Pain during running must be at most 10 \(worst pain imaginable\)\.$/],
      [{ painBefore: -1 }, /^Pain before running must be at least 0 \(no pain\)\.$/],
      [{ pain24h: 2.5 }, /^Pain 24 hours later must be a whole number from 0 to 10\.$/],
      [{ painAfter: 'a lot' }, /^Pain after running must be a number from 0 to 10\.$/],
      [{ weeklyKm: -3 }, /^Weekly running volume cannot be negative\.$/],
    ];
    for (const [fields, message] of cases) {
      const r = await services.dispatch('symptoms:set', { sessionId: sessionIds[1], fields });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid-input');
        // The wire prefixes the field id (the form strips it and puts the sentence beside the box).
        const field = `fields.${Object.keys(fields)[0]}`;
        expect(r.error.field).toBe(field);
        expect(r.error.message.slice(field.length + 2)).toMatch(message);
      }
    }
    const gone = await services.dispatch('symptoms:set', { sessionId: 'nope', fields: { painBefore: 1 } });
    expect(gone).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'sessionId: This session no longer exists.', field: 'sessionId' },
    });
    expect(await t.digest()).toBe(before);
  });
});

describe('progress:patient', () => {
  it('compares the three visits: the changes beyond noise flagged, one below the SDD not', async () => {
    await call(services, 'symptoms:set', {
      sessionId: sessionIds[0],
      fields: { painDuring: 6, weeklyKm: 5 },
    });
    await call(services, 'symptoms:set', {
      sessionId: sessionIds[2],
      fields: { painDuring: 2, weeklyKm: 20, rtrStage: 'Stage 5' },
    });
    const started = Date.now();
    const p = await call<PatientProgress>(services, 'progress:patient', { patientId });
    const ms = Date.now() - started;
    expect(p.patientName).toBe('Ana Lopez');
    expect(p.sessions.map((s) => s.date)).toEqual(['2026-01-10', '2026-02-01', '2026-03-01']);
    expect(p.sessions.flatMap((s) => s.notes)).toEqual([]);
    expect(p.conditions.map((c) => [c.key, c.visits.map((v) => [v.speedKmh, v.inclinePct])])).toEqual([
      [
        'flat',
        [
          [11, 0],
          [11, 0],
          [12, 0],
        ],
      ],
    ]);
    const rows = p.conditions[0]!.rows;
    const drop = rows.find((r) => r.variableId === 'pelvic-drop-ms' && r.side === 'left')!;
    // The rear clips were driven by their side clips' events (the alignment): same as the pure test.
    expect(drop.points.map((x) => x.vsPrevious?.verdict ?? null)).toEqual([null, 'within-noise', 'real']);
    expect(drop.points[2]!.vsFirst!.verdict).toBe('real');
    expect(drop.points[2]!.vsPrevious!.settingsDiffer).toBe('speed 11 km/h then, 12 km/h now');
    const cad = rows.find((r) => r.variableId === 'cadence')!;
    expect(cad.points.map((x) => Math.round(x.value.mean!))).toEqual([160, 165, 170]);
    expect(cad.points.slice(1).map((x) => x.vsPrevious!.verdict)).toEqual(['real', 'real']);
    const knee = rows.filter((r) => r.variableId === 'knee-flexion-ic');
    expect(
      knee.flatMap((r) => r.points.map((x) => x.vsPrevious?.verdict)).filter((v) => v === 'real'),
    ).toEqual([]);
    // Contact time in ms, SDD-less, read from the side clip (cm from the patient's height elsewhere).
    const contact = rows.find((r) => r.variableId === 'contact-time' && r.side === 'left')!;
    expect(contact.unit).toBe('ms');
    expect(contact.points[0]!.value.mean!).toBeGreaterThan(150);
    const pain = p.symptoms.find((r) => r.key === 'painDuring')!;
    expect(pain.points.map((x) => x.value)).toEqual([6, null, 2]);
    expect(pain.points[2]!.vsPrevious).toEqual({ difference: -4, important: true });
    expect(p.sessions[2]!.symptoms?.rtrStage).toBe('Stage 5');
    console.log(`progress:patient, 3 sessions × 2 clips: ${ms} ms`);
  }, 120_000);

  it('says which clip is left out and why, and refuses an unknown patient', async () => {
    await addRecording(t.sql, {
      id: 'bare',
      sessionId: sessionIds[1]!,
      view: 'side',
      condition: 'incline',
      name: 'hill.mp4',
      fps: 60,
      frames: 10,
    });
    const p = await call<PatientProgress>(services, 'progress:patient', { patientId });
    expect(p.sessions[1]!.notes).toEqual([
      'hill.mp4 (incline) is left out: it has no pose landmarks yet (analyse it first).',
    ]);
    const r = await services.dispatch('progress:patient', { patientId: 'nope' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'not-found',
        message: 'patientId: This patient is not in the library.',
        field: 'patientId',
      },
    });
  }, 120_000);
});
