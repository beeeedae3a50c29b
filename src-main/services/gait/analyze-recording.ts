import type Database from 'better-sqlite3';
import { analyzeGait, GaitInputError, type ExternalEvent, type GaitAnalysis } from '../../../src-shared/gait';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { applyCorrections } from '../../../src-shared/review/corrections';
import { sideEventsForRear, timeInA, timeInB } from '../../../src-shared/sync/mapping';
import { ServiceError } from '../errors';
import type { Library } from '../library/db';
import { getPatient } from '../library/patients';
import { getSession } from '../library/sessions';
import { listRecordings } from '../media/recordings-db';
import { listCorrections } from '../review/store';
import { landmarksFromLibrary, syncRecording } from '../sync/landmarks';
import { findPair } from '../sync/store';
import type { GaitAnalyzeResult } from '../../../src-shared/contract/gait';

/**
 * One recording's gait analysis from the library: its landmarks (the pose store, or landmarks
 * imported from another tool) with the PT's corrections, cut to the clip's trim; the patient's
 * height for centimetres. A rear clip takes its events from the side clip of the same condition
 * when the two are aligned (sync), since a rear camera cannot see midstance by its clinical
 * definition (ankle under the pelvis); otherwise it finds its own.
 */
type Cutoff = 'auto' | 'none' | number;

function trimmed(series: LandmarkSeries, start: number, end: number): LandmarkSeries {
  return { ...series, frames: series.frames.filter((f) => f.index >= start && f.index < end) };
}

function recordingSeries(
  library: Library,
  db: Database.Database,
  id: string,
): { series: LandmarkSeries; view: 'side' | 'rear' } {
  const rec = syncRecording(db, id, 'recordingId');
  const meta = listRecordings(db, rec.sessionId).find((r) => r.id === id);
  if (!meta) throw new ServiceError('not-found', `No recording with id ${id}.`, 'recordingId');
  const series = trimmed(
    applyCorrections(landmarksFromLibrary(library, rec), listCorrections(db, id)),
    meta.trim.startFrame,
    meta.trim.endFrame,
  );
  return { series, view: meta.view };
}

function run(
  series: LandmarkSeries,
  view: 'side' | 'rear',
  heightCm: number | undefined,
  cutoffHz: Cutoff,
  external?: { events: ExternalEvent[]; offsetS: number },
): GaitAnalysis {
  try {
    return analyzeGait({
      series,
      view,
      cutoffHz,
      ...(heightCm ? { calibration: { heightCm } } : {}),
      ...(external ? { externalEvents: external } : {}),
    });
  } catch (e) {
    if (e instanceof GaitInputError) throw new ServiceError('invalid-input', e.message, 'recordingId');
    throw e;
  }
}

export function analyzeRecording(library: Library, recordingId: string, cutoffHz: Cutoff): GaitAnalyzeResult {
  const db = library.db;
  const rec = syncRecording(db, recordingId, 'recordingId');
  const session = getSession(db, rec.sessionId);
  const patient = getPatient(db, session.patientId, { includeDeleted: true });
  const heightCm = patient.heightCm ?? undefined;
  const { series, view } = recordingSeries(library, db, recordingId);
  if (view === 'side') return { analysis: run(series, view, heightCm, cutoffHz), eventsFrom: null };

  // Rear clip: the aligned side clip of the same condition, if there is one with landmarks.
  const sides = listRecordings(db, rec.sessionId).filter(
    (r) => r.view === 'side' && r.condition.label === rec.conditionLabel,
  );
  for (const side of sides.reverse()) {
    const pair = findPair(db, side.id, recordingId);
    if (!pair) continue;
    let sideSeries;
    try {
      sideSeries = recordingSeries(library, db, side.id).series;
    } catch {
      continue;
    }
    const sideAnalysis = run(sideSeries, 'side', heightCm, cutoffHz);
    if (sideAnalysis.events.length === 0) continue;
    // The stored pair is (A, B) = (side, rear) unless flipped.
    const sideIs = pair.flipped ? 'B' : 'A';
    const external = sideEventsForRear(sideAnalysis.events, pair.record, sideIs);
    // Where the side clip's t = 0 falls in the rear clip (t_rear = t_side + offset at clock ratio 1).
    const offsetS = sideIs === 'A' ? timeInB(pair.record, 0) : timeInA(pair.record, 0);
    return {
      analysis: run(series, 'rear', heightCm, cutoffHz, external),
      eventsFrom: { recordingId: side.id, offsetS },
    };
  }
  return { analysis: run(series, 'rear', heightCm, cutoffHz), eventsFrom: null };
}
