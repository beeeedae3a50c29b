import type Database from 'better-sqlite3';
import { analyzeGait, DEFAULT_EXERCISES } from '../../../src-shared/gait';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import {
  buildReport,
  type ReportClipInput,
  type ReportConditionInput,
} from '../../../src-shared/report/build';
import type { ReportBundle } from '../../../src-shared/report/model';
import { applyCorrections } from '../../../src-shared/review/corrections';
import { ServiceError } from '../errors';
import type { Library } from '../library/db';
import { getPatient } from '../library/patients';
import { getSession } from '../library/sessions';
import { listRecordings } from '../media/recordings-db';
import { poseRecording } from '../pose/recording';
import { toSeries } from '../pose/series';
import { readPoseStore } from '../pose/store';
import { listCorrections, listKeyFrames } from '../review/store';
import { APP_VERSION } from '../version';
import { makeBundle } from './bundle';
import { loadEdits } from './edits-store';

/**
 * A session's report, from what the library holds: each clip's stored pose results (the best model
 * run on it), with the PT's landmark corrections applied and cut to the clip's trim, analysed by the
 * gait engine (pure and fast, so it is recomputed rather than stored: a correction shows at once);
 * the PT's key frames and saved words. Clips are grouped into conditions by their label.
 */
const MODEL_PREFERENCE: readonly PoseModelName[] = ['heavy', 'full', 'lite'];

function trimmed(series: LandmarkSeries, start: number, end: number): LandmarkSeries {
  return { ...series, frames: series.frames.filter((f) => f.index >= start && f.index < end) };
}

export interface SessionReport {
  readonly bundle: ReportBundle;
  /** Clips that could not be part of the report, in words. */
  readonly skipped: readonly string[];
}

export async function sessionReport(
  library: Library,
  sessionId: string,
  signal?: AbortSignal,
): Promise<SessionReport> {
  const db: Database.Database = library.db;
  const session = getSession(db, sessionId);
  const patient = getPatient(db, session.patientId, { includeDeleted: true });
  const recordings = listRecordings(db, sessionId);
  if (recordings.length === 0) {
    throw new ServiceError(
      'not-found',
      'This session has no clips yet: import or record the side and rear clips first.',
      'sessionId',
    );
  }
  const marks = listKeyFrames(db, sessionId);
  const skipped: string[] = [];
  const proxies = new Map<string, string>();
  const conditions: (ReportConditionInput & { clips: ReportClipInput[] })[] = [];
  for (const r of recordings) {
    const rec = poseRecording(library, r.id);
    const model = MODEL_PREFERENCE.find((m) => readPoseStore(rec.dir, m));
    const stored = model ? readPoseStore(rec.dir, model) : null;
    if (!model || !stored) {
      skipped.push(`${r.view} clip "${r.originalName}" (${r.condition.label}): no pose results yet`);
      continue;
    }
    const series = trimmed(
      applyCorrections(toSeries(stored.candidates, stored.pick ?? undefined), listCorrections(db, r.id)),
      r.trim.startFrame,
      r.trim.endFrame,
    );
    let analysis;
    try {
      analysis = analyzeGait({
        series,
        view: r.view,
        ...(patient.heightCm ? { calibration: { heightCm: patient.heightCm } } : {}),
      });
    } catch (e) {
      skipped.push(`${r.view} clip "${r.originalName}": ${(e as Error).message}`);
      continue;
    }
    const id = `c${conditions.findIndex((c) => c.label === r.condition.label) + 1 || conditions.length + 1}`;
    let cond = conditions.find((c) => c.label === r.condition.label);
    if (!cond) {
      cond = {
        id,
        label: r.condition.label,
        ...(r.condition.inclinePct !== undefined ? { inclinePct: r.condition.inclinePct } : {}),
        ...(r.condition.speedKmh !== undefined ? { speedKmh: r.condition.speedKmh } : {}),
        clips: [],
      };
      conditions.push(cond);
    }
    // One clip per view and condition in a report: the newest (recordings come oldest first).
    cond.clips = cond.clips.filter((c) => c.view !== r.view);
    cond.clips.push({
      view: r.view,
      file: r.originalName,
      model,
      analysis,
      series,
      marks: marks.filter((m) => m.recordingId === r.id),
    });
    proxies.set(`${cond.id}|${r.view}`, rec.proxyPath);
  }
  const usable = conditions.filter((c) => c.clips.length > 0);
  if (usable.length === 0) {
    throw new ServiceError(
      'not-found',
      `No clip of this session has been analysed yet (${skipped.join('; ')}). Run pose detection on the clips first.`,
      'sessionId',
    );
  }
  const edits = loadEdits(db, sessionId);
  const built = buildReport({
    patient,
    session,
    conditions: usable,
    exercises: DEFAULT_EXERCISES,
    ...(edits ? { edits } : {}),
    appVersion: APP_VERSION,
    now: new Date().toISOString(),
  });
  // Clips left out are said in the report itself, not only on screen.
  const model = {
    ...built.model,
    conditions: built.model.conditions.map((c, i) =>
      i === 0
        ? {
            ...c,
            quality: [
              ...c.quality,
              ...skipped.map((text) => ({ level: 'warning' as const, text: `Not in this report: ${text}` })),
            ],
          }
        : c,
    ),
  };
  const bundle = await makeBundle(model, built.images, (c, view) => proxies.get(`${c}|${view}`), signal);
  return { bundle, skipped };
}
