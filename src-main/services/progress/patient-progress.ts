import { conditionSettings } from '../../../src-shared/library/conditions';
import {
  buildProgress,
  type ConditionInput,
  type RecordingInput,
  type SessionInput,
} from '../../../src-shared/progress';
import type { PatientProgress } from '../../../src-shared/progress/types';
import { hybridOf } from '../../../src-shared/review/marker-hybrid';
import { markerTracksOf } from '../markers/tracks';
import { ServiceError } from '../errors';
import { analyzeRecordingWithSeries } from '../gait/analyze-recording';
import type { Library } from '../library/db';
import { getPatient } from '../library/patients';
import { listSessions } from '../library/sessions';
import { listRecordings } from '../media/recordings-db';
import { symptomsOf } from './symptoms-store';

/**
 * A patient's progress across visits (docs/progress.md): every clip of every session analysed through
 * the one path the review and the report take (analyzeRecordingWithSeries: landmarks, the PT's
 * corrections and event edits, trim, the side clip's events for an aligned rear clip), recomputed on
 * request because the engine is fast and nothing then goes stale; clips grouped by the condition they
 * were filed under, with the treadmill settings the one rule gives them (src-shared/library/conditions).
 * Where markers were tracked, each visit's values are those its report showed (docs/progress.md §1).
 */
async function analysed(
  library: Library,
  id: string,
  name: string,
  view: 'side' | 'rear',
): Promise<RecordingInput> {
  try {
    const { analysis } = await analyzeRecordingWithSeries(library, id, 'auto');
    // Skin markers tracked on the clip (issue 15): the values its report showed, from the same
    // hybrid analysis the report builds (services/report/session-report.ts), with their sources.
    const markers = hybridOf(view, await markerTracksOf(library, id), analysis);
    return { recordingId: id, name, analysis, markers };
  } catch (err) {
    const error =
      err instanceof ServiceError && err.code === 'not-found'
        ? 'it has no pose landmarks yet (analyse it first)'
        : err instanceof ServiceError
          ? err.message.replace(/\.$/, '')
          : 'its analysis failed';
    return { recordingId: id, name, analysis: null, error };
  }
}

/** `untilDate`: only the sessions up to that date (a report of an earlier visit reads as it did then). */
export async function patientProgress(
  library: Library,
  patientId: string,
  untilDate?: string,
): Promise<PatientProgress> {
  let patient;
  try {
    patient = await getPatient(library.data, patientId);
  } catch (err) {
    if (err instanceof ServiceError && err.code === 'not-found')
      throw new ServiceError('not-found', 'This patient is not in the library.', 'patientId');
    throw err;
  }
  const sessions = (await listSessions(library.data, patientId)).filter(
    (s) => untilDate === undefined || s.date <= untilDate,
  );
  const symptoms = await symptomsOf(
    library.data,
    sessions.map((s) => s.id),
  );
  const input: SessionInput[] = [];
  for (const s of sessions) {
    const byLabel = new Map<
      string,
      { conditionLabel: string; recs: Awaited<ReturnType<typeof listRecordings>> }
    >();
    for (const r of await listRecordings(library.data, s.id)) {
      const key = r.condition.label.trim().toLowerCase();
      const g = byLabel.get(key) ?? { conditionLabel: r.condition.label, recs: [] };
      g.recs.push(r);
      byLabel.set(key, g);
    }
    const conditions: ConditionInput[] = [];
    for (const { conditionLabel, recs } of byLabel.values()) {
      const settings = conditionSettings(recs[0]!.condition, s);
      const recordings: RecordingInput[] = [];
      for (const r of recs) {
        // About a second of engine time per clip: let the other calls of the UI (media, the
        // queue's progress) through between clips instead of holding the process for the whole patient.
        await new Promise((done) => setImmediate(done));
        recordings.push(await analysed(library, r.id, r.originalName, r.view));
      }
      conditions.push({
        label: conditionLabel,
        speedKmh: settings.speedKmh ?? null,
        inclinePct: settings.inclinePct ?? null,
        recordings,
      });
    }
    const sym = symptoms.get(s.id);
    input.push({
      sessionId: s.id,
      date: s.date,
      symptoms: sym
        ? {
            painBefore: sym.painBefore,
            painDuring: sym.painDuring,
            painAfter: sym.painAfter,
            pain24h: sym.pain24h,
            weeklyKm: sym.weeklyKm,
            rtrStage: sym.rtrStage,
            notes: sym.notes,
          }
        : null,
      conditions,
    });
  }
  return buildProgress({ id: patient.id, name: patient.name }, input);
}
