import { join } from 'node:path';
import { DEFAULT_EXERCISES, type GaitAnalysis } from '../../../src-shared/gait';
import type { LandmarkSeries } from '../../../src-shared/pose/landmarks';
import {
  buildReport,
  type ReportClipInput,
  type ReportConditionInput,
} from '../../../src-shared/report/build';
import type { FindingLink } from '../../../src-shared/report/edits';
import type { ReportBundle } from '../../../src-shared/report/model';
import { conditionSettings } from '../../../src-shared/library/conditions';
import { ServiceError } from '../errors';
import type { Library } from '../library/db';
import { getPatient } from '../library/patients';
import { getSession } from '../library/sessions';
import { analyzeRecordingWithSeries } from '../gait/analyze-recording';
import { getRecordingRow, listRecordings, mediaPath } from '../media/recordings-db';
import { listKeyFrames } from '../review/store';
import { APP_VERSION } from '../version';
import { makeBundle } from './bundle';
import { loadEdits } from './edits-store';
import { reportProgress } from '../progress/report-progress';
import { carriedPlan } from '../progress/report-plan';
import { withMarkers, type MarkerClip } from '../../../src-shared/review/marker-report';
import { markerTracksOf } from '../markers/tracks';
import { hybridOf } from '../../../src-shared/review/marker-hybrid';
import type { ProvisionalWindow } from '../../../src-shared/report/provisional';
import { provisionalClip } from './provisional';

/**
 * A session's report, from what the library holds: each clip's landmarks with the PT's corrections,
 * cut to its trim, and its gait analysis from the gait service (src-main/services/gait: the rear
 * clip takes its events from the aligned side clip), recomputed on each call (pure and fast, so a
 * correction shows at once); the PT's key frames and saved words. Clips are grouped into conditions
 * by their label; the newest clip of a view wins within a condition. A clip still being analysed
 * whose steady window is done is printed from that window, labelled provisional (./provisional.ts).
 */

export interface SessionReport {
  readonly bundle: ReportBundle;
  /** What the model was built from (for the data exports: analysis.json, CSVs). */
  readonly conditions: readonly ReportConditionInput[];
  /** Clips that could not be part of the report, in words. */
  readonly skipped: readonly string[];
  /** What each suggested finding flags and suggests (for the page's preview of unsaved words). */
  readonly links: readonly FindingLink[];
  /** Recordings printed from their steady window, provisional (./provisional.ts). */
  readonly provisionalClips: readonly string[];
}

export async function sessionReport(
  library: Library,
  sessionId: string,
  signal?: AbortSignal,
): Promise<SessionReport> {
  const session = await getSession(library.data, sessionId);
  const patient = await getPatient(library.data, session.patientId, { includeDeleted: true });
  const recordings = await listRecordings(library.data, sessionId);
  if (recordings.length === 0) {
    throw new ServiceError(
      'not-found',
      'This session has no clips yet: import or record the side and rear clips first.',
      'sessionId',
    );
  }
  const marks = await listKeyFrames(library.data, sessionId);
  const skipped: string[] = [];
  const jobs = await library.data.analysisJobs.listForSession(sessionId);
  const proxies = new Map<string, string>();
  const markerClips = new Map<string, MarkerClip>();
  const conditions: (ReportConditionInput & { clips: ReportClipInput[] })[] = [];
  /** Clips printed from their steady window, by the recording they come from. */
  const provisionalOf = new Map<ReportClipInput, string>();
  for (const r of recordings) {
    let series: LandmarkSeries;
    let analysis: GaitAnalysis;
    let provisional: ProvisionalWindow | undefined;
    try {
      // The same landmarks and analysis the review shows (one path: a rear clip driven by its aligned side clip).
      ({ series, analysis } = await analyzeRecordingWithSeries(library, r.id, 'auto'));
    } catch (e) {
      // Not analysed whole yet: its steady window, where that is done, labelled provisional.
      const early = await provisionalClip(library, r, jobs, patient.heightCm ?? undefined).catch(() => null);
      if (!early) {
        skipped.push(`${r.view} clip "${r.originalName}" (${r.condition.label}): ${(e as Error).message}`);
        continue;
      }
      ({ series, analysis, window: provisional } = early);
    }
    const model = series.model.name;
    const proxyPath = join(
      library.paths.mediaDir,
      mediaPath(await getRecordingRow(library.data, r.id), 'proxy'),
    );
    const id = `c${conditions.findIndex((c) => c.label === r.condition.label) + 1 || conditions.length + 1}`;
    let cond = conditions.find((c) => c.label === r.condition.label);
    if (!cond) {
      // The clip's condition rarely carries numbers: the speeds and inclines the PT typed on the
      // session form fill them in (they used to show as "—").
      cond = { id, label: r.condition.label, ...conditionSettings(r.condition, session), clips: [] };
      conditions.push(cond);
    }
    // Skin markers tracked on the clip (issue 15): where a marker variable measures what a landmark
    // variable does, its value takes that one's place, findings included (hybrid analysis).
    const tracks = await markerTracksOf(library, r.id);
    const hybrid = hybridOf(r.view, tracks, analysis);
    // One clip per view and condition in a report: the newest (recordings come oldest first).
    cond.clips = cond.clips.filter((c) => c.view !== r.view);
    const input: ReportClipInput = {
      view: r.view,
      file: r.originalName,
      model,
      analysis: hybrid?.analysis ?? analysis,
      series,
      marks: marks.filter((m) => m.recordingId === r.id),
      ...(hybrid ? { sources: hybrid.sources } : {}),
      ...(provisional ? { provisional } : {}),
    };
    cond.clips.push(input);
    if (provisional) provisionalOf.set(input, r.id);
    proxies.set(`${cond.id}|${r.view}`, proxyPath);
    // The markers' own rows (pelvis, rearfoot), and their points on the key frames.
    markerClips.set(`${cond.id}|${r.view}`, {
      conditionId: cond.id,
      view: r.view,
      tracks,
      events: analysis.events,
    });
  }
  const usable = conditions.filter((c) => c.clips.length > 0);
  if (usable.length === 0) {
    throw new ServiceError(
      'not-found',
      // Each reason says what to do (run pose detection; film a longer clip; …): no blanket advice,
      // which told a PT with a 1.6 s clip to run pose detection it had already run.
      `No clip of this session can go into a report: ${skipped.join('; ')}`,
      'sessionId',
    );
  }
  const edits = await loadEdits(library.data, sessionId);
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
    // A follow-up starts from the last visit's saved plan, marked kept / new (docs/progress.md §5).
    ...(await carriedPlan(library, session, built.model.plan, edits !== undefined)),
    // This visit against the earlier ones (issue 18, docs/progress.md §5); null on a first visit.
    progress: await reportProgress(
      library,
      session,
      usable.flatMap((c) => c.clips.map((k) => k.analysis)),
    ),
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
  const withMarkerRows = { ...model, conditions: withMarkers(model.conditions, [...markerClips.values()]) };
  const bundle = await makeBundle(
    withMarkerRows,
    built.images,
    (c, view) => proxies.get(`${c}|${view}`),
    signal,
  );
  const provisionalClips = usable.flatMap((c) => c.clips.flatMap((k) => provisionalOf.get(k) ?? []));
  return { bundle, conditions: usable, skipped, links: built.links, provisionalClips };
}
