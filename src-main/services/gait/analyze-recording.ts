import type { EventEdit, GaitAnalysis } from '../../../src-shared/gait';
import type { MarkerTrack } from '../../../src-shared/markers';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import { analyseClip, eventsForRear, preparedSeries } from '../../../src-shared/review/analyse';
import { timeInA, timeInB } from '../../../src-shared/sync/mapping';
import { ServiceError } from '../errors';
import type { Library } from '../library/db';
import { getPatient } from '../library/patients';
import { getSession } from '../library/sessions';
import { listRecordings } from '../media/recordings-db';
import { markerTracksOf } from '../markers/tracks';
import { listEventEdits } from '../review/event-edits-store';
import { listCorrections } from '../review/store';
import { landmarksFromLibrary, recordingForSync } from '../sync/landmarks';
import { findPair } from '../sync/store';
import type { GaitAnalyzeResult } from '../../../src-shared/contract/gait';

/**
 * One recording's gait analysis from the library, through the one path the review's worker and the
 * CLI take too (src-shared/review/analyse.ts): its landmarks (the most accurate pose model that ran,
 * or landmarks imported from another tool) with the PT's corrections, cut to the clip's trim; the
 * patient's height for centimetres. A rear clip takes its events from the side clip of the same
 * condition when the two are aligned (sync), since a rear camera cannot see midstance by its clinical
 * definition; otherwise it finds its own.
 */
type Cutoff = 'auto' | 'none' | number;

interface Inputs {
  readonly series: LandmarkSeries;
  readonly corrections: Awaited<ReturnType<typeof listCorrections>>;
  readonly view: 'side' | 'rear';
  readonly trim: { readonly startFrame: number; readonly endFrame: number };
  readonly eventEdits: readonly EventEdit[];
  /** Side clip: its skin markers, whose foot markers may give its events (docs/markers.md "Marker events"). */
  readonly markerTracks: readonly MarkerTrack[];
}

async function recordingInputs(library: Library, id: string): Promise<Inputs> {
  const rec = await recordingForSync(library.data, id, 'recordingId');
  const meta = (await listRecordings(library.data, rec.sessionId)).find((r) => r.id === id);
  if (!meta) throw new ServiceError('not-found', `No recording with id ${id}.`, 'recordingId');
  return {
    series: landmarksFromLibrary(library, rec),
    corrections: await listCorrections(library.data, id),
    view: meta.view,
    trim: meta.trim,
    eventEdits: await listEventEdits(library.data, id),
    markerTracks: meta.view === 'side' ? await markerTracksOf(library, id) : [],
  };
}

/**
 * The gait engine refused the clip (too short as trimmed, landmarks it cannot read): the PT's words,
 * and which, for the queue's outcome (src-shared/analysis/outcome.ts).
 */
export class GaitRefusal extends ServiceError {
  constructor(
    message: string,
    readonly outcome: 'too-short' | 'refused',
  ) {
    super('invalid-input', message, 'recordingId');
  }
}

function analysed(
  inputs: Inputs,
  heightCm: number | undefined,
  cutoffHz: Cutoff,
  external?: ReturnType<typeof eventsForRear>,
): GaitAnalysis {
  const r = analyseClip(
    inputs.series,
    inputs.corrections,
    {
      view: inputs.view,
      trim: inputs.trim,
      cutoffHz,
      eventEdits: inputs.eventEdits,
      markerTracks: inputs.markerTracks,
      ...(heightCm ? { heightCm } : {}),
    },
    external,
  );
  if (r.error !== undefined || !r.gait)
    throw new GaitRefusal(r.error ?? 'No analysis.', r.tooShort ? 'too-short' : 'refused');
  return r.gait;
}

/** The analysis, where the rear clip's events came from, and the series as analysed (corrected, trimmed). */
export interface RecordingAnalysis extends GaitAnalyzeResult {
  readonly series: LandmarkSeries;
}

export async function analyzeRecordingWithSeries(
  library: Library,
  recordingId: string,
  cutoffHz: Cutoff,
): Promise<RecordingAnalysis> {
  const rec = await recordingForSync(library.data, recordingId, 'recordingId');
  const session = await getSession(library.data, rec.sessionId);
  const heightCm =
    (await getPatient(library.data, session.patientId, { includeDeleted: true })).heightCm ?? undefined;
  const inputs = await recordingInputs(library, recordingId);
  const series = preparedSeries(inputs.series, inputs.corrections, inputs.trim).inTrim;
  if (inputs.view === 'side')
    return { analysis: analysed(inputs, heightCm, cutoffHz), eventsFrom: null, series };

  // Rear clip: the aligned side clip of the same condition, if there is one with landmarks.
  const sides = (await listRecordings(library.data, rec.sessionId)).filter(
    (r) => r.view === 'side' && r.condition.label === rec.conditionLabel,
  );
  for (const side of sides.reverse()) {
    const pair = await findPair(library.data, side.id, recordingId);
    if (!pair) continue;
    let sideAnalysis: GaitAnalysis;
    try {
      sideAnalysis = analysed(await recordingInputs(library, side.id), heightCm, cutoffHz);
    } catch {
      continue;
    }
    if (sideAnalysis.events.length === 0) continue;
    // The stored pair is (A, B) = (side, rear) unless flipped.
    const sideIs = pair.flipped ? 'B' : 'A';
    const toRear = (t: number): number =>
      sideIs === 'A' ? timeInB(pair.record, t) : timeInA(pair.record, t);
    return {
      analysis: analysed(inputs, heightCm, cutoffHz, eventsForRear(sideAnalysis, toRear)),
      // Where the side clip's t = 0 falls in the rear clip (t_rear = t_side + offset at clock ratio 1).
      eventsFrom: { recordingId: side.id, offsetS: toRear(0) },
      series,
    };
  }
  return { analysis: analysed(inputs, heightCm, cutoffHz), eventsFrom: null, series };
}

export async function analyzeRecording(
  library: Library,
  recordingId: string,
  cutoffHz: Cutoff,
): Promise<GaitAnalyzeResult> {
  const { analysis, eventsFrom } = await analyzeRecordingWithSeries(library, recordingId, cutoffHz);
  return { analysis, eventsFrom };
}
