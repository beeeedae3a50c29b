import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { View } from '../../../src-shared/contract/recordings';
import { aboutTime } from '../../../src-shared/analysis/time-left';
import { DEFAULT_EXERCISES, type GaitAnalysis } from '../../../src-shared/gait';
import type { MarkerTrack } from '../../../src-shared/markers';
import { estimateSync } from '../../../src-shared/sync/estimate';
import { timeInB } from '../../../src-shared/sync/mapping';
import { analyseClip, eventsForRear, WHOLE_CLIP } from '../../../src-shared/review/analyse';
import { hybridOf } from '../../../src-shared/review/marker-hybrid';
import { withMarkers } from '../../../src-shared/review/marker-report';
import {
  landmarkProblems,
  LandmarkSeriesSchema,
  type LandmarkSeries,
} from '../../../src-shared/pose/landmarks';
import { buildReport, type ReportClipInput } from '../../../src-shared/report/build';
import { analysisJson, stepsCsv, summaryCsv } from '../../../src-shared/report/exports';
import { detectView } from '../../../src-shared/report/view-check';
import { rendererDir } from '../../paths';
import { plainFsError, ServiceError } from '../errors';
import { beginAllOrNothing } from '../library/all-or-nothing';
import { openLibrary } from '../library/db';
import { closeLibrary, openConfiguredLibrary, type LibraryConfig } from '../library/target';
import { createPatient } from '../library/patients';
import { createSession } from '../library/sessions';
import { importRecording } from '../media/import';
import { getRecordingRow, mediaPath } from '../media/recordings-db';
import { detectRecordingPoses } from '../pose/input';
import { poseRecording } from '../pose/recording';
import { describePoseError } from '../pose/run';
import { toSeries } from '../pose/series';
import { writePoseStore } from '../pose/store';
import { APP_VERSION } from '../version';
import { makeBundle } from './bundle';
import { loadMarkerTracks } from './marker-file';
import { openOutputSet } from './outputs';
import { chromiumPrinter } from './pdf-chromium';
import { exportAnnotatedVideo } from './video';

/**
 * The main job, headless: clips → import → pose → gait → report files. Used by `stridelab analyze`
 * (and the demo). Every output is staged and renamed into place only when all of them exist
 * (./outputs.ts), so a failure at any step leaves no file that looks like a finished report.
 *
 * Library: `home` keeps the patient, session, clips and pose results (open them later in the app);
 * without it a temporary library is used and removed, so a headless run never fills the clinic's
 * library with anonymous runners nor waits for its lock.
 */
export interface AnalyzeJob {
  readonly side?: string;
  readonly rear?: string;
  /** Landmarks (stridelab.landmarks/1) found earlier for a clip: skips the pose step for it. */
  readonly sideLandmarks?: string;
  readonly rearLandmarks?: string;
  /** The side clip's skin markers tracked earlier (`stridelab markers --out`, stridelab.markers/1). */
  readonly sideMarkers?: string;
  /** The rear clip's skin markers (heel counter, lower shank: rearfoot eversion), as the side's. */
  readonly rearMarkers?: string;
  readonly out: string;
  readonly model: 'lite' | 'full' | 'heavy';
  readonly home?: string;
  /** Keep the run in this library instead (a clinic server: docs/clinic-server.md); wins over home. */
  readonly library?: LibraryConfig;
  readonly patient: string;
  readonly condition: string;
  readonly speedKmh?: number;
  readonly inclinePct?: number;
  readonly heightCm?: number;
  readonly video: boolean;
}

export interface JobUi {
  update(phase: string, fraction: number, detail?: string): void;
  log(line: string): void;
}

/** Share of the whole run each phase takes (measured on the 12 s sample: pose dominates). */
const PHASES = { import: [0, 0.15], pose: [0.15, 0.8], gait: [0.8, 0.82], report: [0.82, 1] } as const;

/** A pose in fewer frames than this share means no runner was filmed (or not the whole runner). */
const MIN_POSED_SHARE = 0.5;

function checkFile(path: string | undefined, what: string): void {
  if (!path) return;
  if (!existsSync(path)) throw new ServiceError('not-found', `The ${what} "${path}" does not exist.`);
  if (!statSync(path).isFile())
    throw new ServiceError('invalid-input', `The ${what} "${path}" is not a file.`);
}

function loadLandmarks(path: string, view: View): LandmarkSeries {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ServiceError('invalid-input', `The ${view} landmarks "${basename(path)}" are not JSON.`);
  }
  const parsed = LandmarkSeriesSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ServiceError(
      'invalid-input',
      `The ${view} landmarks "${basename(path)}" are not a stridelab.landmarks/1 file (${landmarkProblems(parsed.error.issues)}).`,
    );
  }
  return parsed.data;
}

/** Refuse a clip with no runner in it, or filmed from the other direction. */
export function checkSeries(series: LandmarkSeries, view: View, name: string): void {
  const posed = series.frames.filter((f) => f.status === 'pose').length;
  const total = series.frames.length;
  if (total === 0 || posed < MIN_POSED_SHARE * total) {
    throw new ServiceError(
      'invalid-input',
      `No runner was found in the ${view} clip "${name}": a person in ${posed} of ${total} frames. Film the whole runner, in good light, with nobody else in view.`,
    );
  }
  const v = detectView(series);
  if (v.view !== 'unknown' && v.view !== view) {
    const other = view === 'side' ? 'rear' : 'side';
    throw new ServiceError(
      'invalid-input',
      `The clip given as --${view} ("${name}") looks like a ${other} view: hips ${v.hipWidth.toFixed(2)} leg lengths apart, ankles swinging ${v.ankleSwing.toFixed(2)} leg lengths. Pass it as --${other}, or give the ${view}-view clip.`,
    );
  }
}

export async function runAnalyzeJob(job: AnalyzeJob, ui: JobUi, signal?: AbortSignal): Promise<string[]> {
  checkFile(job.side, 'side clip');
  checkFile(job.rear, 'rear clip');
  checkFile(job.sideLandmarks, 'side landmarks file');
  checkFile(job.rearLandmarks, 'rear landmarks file');
  checkFile(job.sideMarkers, 'side markers file');
  checkFile(job.rearMarkers, 'rear markers file');
  // Read and checked before anything is imported: a wrong file costs a message, not a half-made run.
  const trackFile = { side: job.sideMarkers, rear: job.rearMarkers };
  const tracksOf: Record<View, MarkerTrack[]> = {
    side: trackFile.side ? loadMarkerTracks(trackFile.side, 'side') : [],
    rear: trackFile.rear ? loadMarkerTracks(trackFile.rear, 'rear') : [],
  };
  const sideTracks = tracksOf.side;
  const clips = (
    [
      ['side', job.side, job.sideLandmarks],
      ['rear', job.rear, job.rearLandmarks],
    ] as const
  ).filter((c): c is readonly [View, string, string | undefined] => Boolean(c[1]));
  if (!clips.some(([v]) => v === 'side'))
    throw new ServiceError('invalid-input', 'A side-view clip is needed (--side).');

  const out = await openOutputSet(job.out);
  let temp: string | undefined;
  let library;
  try {
    // Without --home: a library of the run's own in the temp folder (in a CLI process, inside its
    // scratch folder, which the next start removes if this run is killed: process/scratch.ts).
    const tempSubject = "the system's temporary folder";
    if (!job.home && !job.library) {
      try {
        temp = mkdtempSync(join(tmpdir(), 'stridelab-analyze-'));
      } catch (err) {
        throw plainFsError(err, tempSubject);
      }
    }
    library = job.library
      ? await openConfiguredLibrary(job.library)
      : job.home
        ? openLibrary(job.home)
        : openLibrary(temp!, { subject: tempSubject });
  } catch (err) {
    await out.abort();
    if (temp) rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  // --home: the patient, session, recordings and pose results land together with the report, or
  // not at all (library/all-or-nothing.ts); a temporary library goes as a whole anyway.
  const allOrNothing = job.home || job.library ? await beginAllOrNothing(library) : undefined;
  // The steps run on the job's library: with --home every row they write belongs to its transaction.
  const lib = allOrNothing?.library ?? library;
  const phase = (name: keyof typeof PHASES, within: number, detail?: string): void => {
    const [a, b] = PHASES[name];
    ui.update(name, a + (b - a) * Math.min(1, Math.max(0, within)), detail);
  };
  try {
    const today = new Date().toISOString().slice(0, 10);
    const patient = await createPatient(lib.data, {
      name: job.patient,
      sex: 'unspecified',
      ...(job.heightCm ? { heightCm: job.heightCm } : {}),
    });
    const session = await createSession(lib.data, {
      patientId: patient.id,
      date: today,
      injurySide: 'none',
      treadmillSpeedsKmh: job.speedKmh !== undefined ? [job.speedKmh] : [],
      treadmillInclinesPct: job.inclinePct !== undefined ? [job.inclinePct] : [],
    });
    const condition = {
      label: job.condition,
      ...(job.speedKmh !== undefined ? { speedKmh: job.speedKmh } : {}),
      ...(job.inclinePct !== undefined ? { inclinePct: job.inclinePct } : {}),
    };
    // 1. Import every clip (copy, checksum, constant-rate proxy) before the slow part.
    const imported: { id: string; view: View; name: string; proxy: string; landmarks?: string }[] = [];
    for (const [i, [view, path, landmarks]] of clips.entries()) {
      const rec = await importRecording(lib, {
        sessionId: session.id,
        sourcePath: path,
        view,
        condition,
        allowDuplicate: true,
        signal,
        onProgress: (p) => phase('import', (i + p.fraction) / clips.length, `${view} clip: ${p.phase}`),
      });
      const row = await getRecordingRow(lib.data, rec.id);
      imported.push({
        id: rec.id,
        view,
        name: rec.originalName,
        proxy: join(lib.paths.mediaDir, mediaPath(row, 'proxy')),
        landmarks,
      });
    }
    // 2. Pose as the app runs it (the original where it is frame for frame the proxy, else the
    // proxy: pose/input.ts), then the checks.
    const series = new Map<View, LandmarkSeries>();
    for (const [i, c] of imported.entries()) {
      let s: LandmarkSeries;
      if (c.landmarks) {
        s = loadLandmarks(c.landmarks, c.view);
      } else {
        try {
          const det = await detectRecordingPoses(await poseRecording(lib, c.id), {
            model: job.model,
            signal,
            onProgress: (p) =>
              phase(
                'pose',
                (i + p.framesDone / Math.max(1, p.totalFrames)) / imported.length,
                `${c.view} clip: ${p.stage ? `${p.stage}, ` : ''}frame ${p.framesDone} of ${p.totalFrames}, ${aboutTime(p.secondsLeft)}`,
              ),
          });
          writePoseStore(dirname(c.proxy), det.candidates);
          s = toSeries(det.candidates);
        } catch (e) {
          if (signal?.aborted) throw e;
          throw new ServiceError('io', describePoseError(e, c.name));
        }
      }
      checkSeries(s, c.view, c.name);
      series.set(c.view, { ...s, source: { ...s.source, file: c.name } });
    }
    // 3. Gait: the side view first; the rear view takes its events from the side view once the two
    // clips are aligned (a rear camera cannot see midstance by its clinical definition), as the
    // gait service does in the app (src-main/services/gait/analyze-recording.ts).
    phase('gait', 0);
    const analyses = new Map<View, GaitAnalysis>();
    const quality: string[] = [];
    // The one path from landmarks to an analysis (src-shared/review/analyse.ts), as in the app: no
    // corrections or trim here (the CLI has none), the whole clip; the side clip's markers, if given,
    // as the app gives a clip's stored tracks (its foot markers' events where they do better).
    const analyse = (view: View, external?: ReturnType<typeof eventsForRear>): GaitAnalysis => {
      const c = imported.find((x) => x.view === view)!;
      const s = series.get(view)!;
      const r = analyseClip(
        s,
        [],
        {
          view,
          trim: WHOLE_CLIP,
          ...(job.heightCm ? { heightCm: job.heightCm } : {}),
          ...(view === 'side' && sideTracks.length ? { markerTracks: sideTracks } : {}),
        },
        external,
      );
      if (!r.gait)
        throw new ServiceError('invalid-input', `${view} clip "${c.name}": ${r.error ?? 'no analysis'}`);
      return r.gait;
    };
    analyses.set('side', analyse('side'));
    if (series.has('rear')) {
      const sync = estimateSync(series.get('side')!, series.get('rear')!);
      if (sync.level === 'low') {
        quality.push(
          `The side and rear clips could not be aligned reliably (confidence ${sync.confidence.toFixed(2)}): the rear view found its own events.`,
        );
        analyses.set('rear', analyse('rear'));
      } else {
        analyses.set(
          'rear',
          analyse(
            'rear',
            eventsForRear(analyses.get('side')!, (t) => timeInB(sync, t)),
          ),
        );
      }
    }
    for (const c of imported) {
      const a = analyses.get(c.view)!;
      const ics = a.events.filter((e) => e.kind === 'initial-contact').length;
      if (ics < 2) {
        throw new ServiceError(
          'invalid-input',
          `No running steps were found in the ${c.view} clip "${c.name}" (${ics} initial contacts). Film at least 7 steps a side on the treadmill.`,
        );
      }
    }
    phase('gait', 1);
    // 4. Report: model, pictures, PDF, exports.
    const conditions = [
      {
        id: 'c1',
        label: job.condition,
        ...(job.inclinePct !== undefined ? { inclinePct: job.inclinePct } : {}),
        ...(job.speedKmh !== undefined ? { speedKmh: job.speedKmh } : {}),
        clips: imported.map((c): ReportClipInput => {
          // Where a marker variable measures what a landmark one does, it takes its place, as in the
          // app's report (services/report/session-report.ts).
          const analysis = analyses.get(c.view)!;
          const hybrid = hybridOf(c.view, tracksOf[c.view], analysis);
          return {
            view: c.view,
            file: c.name,
            model: c.landmarks ? series.get(c.view)!.model.name : job.model,
            analysis: hybrid?.analysis ?? analysis,
            series: series.get(c.view)!,
            ...(hybrid ? { sources: hybrid.sources } : {}),
          };
        }),
      },
    ];
    const built = buildReport({
      patient: { name: patient.name, ...(job.heightCm ? { heightCm: job.heightCm } : {}) },
      session: { id: session.id, date: session.date },
      conditions,
      exercises: DEFAULT_EXERCISES,
      appVersion: APP_VERSION,
      now: new Date().toISOString(),
    });
    // The markers' own rows (pelvic tilt, rearfoot eversion) and their points on the key frames, as
    // the app's report (services/report/session-report.ts): the rear clip's read at its events, which
    // came from the side clip through the alignment.
    const markerClips = imported.flatMap((c) =>
      tracksOf[c.view].length
        ? [
            {
              conditionId: 'c1',
              view: c.view,
              tracks: tracksOf[c.view],
              events: analyses.get(c.view)!.events,
            },
          ]
        : [],
    );
    const model = {
      ...built.model,
      conditions: withMarkers(built.model.conditions, markerClips).map((c) => ({
        ...c,
        quality: [...c.quality, ...quality.map((text) => ({ level: 'warning' as const, text }))],
      })),
    };
    phase('report', 0.05, 'key frames');
    const proxyOf = new Map(imported.map((c) => [c.view, c.proxy]));
    const bundle = await makeBundle(model, built.images, (_c, view) => proxyOf.get(view), signal);
    phase('report', 0.2, 'printing the PDF');
    const pdf = await chromiumPrinter({ rendererDir: rendererDir() }).print(bundle, signal);
    await out.write('report.pdf', pdf);
    await out.write('analysis.json', `${JSON.stringify(analysisJson(model, conditions), null, 1)}\n`);
    await out.write('steps.csv', stepsCsv(conditions));
    await out.write('summary.csv', summaryCsv(model));
    if (job.video) {
      for (const [i, c] of imported.entries()) {
        await exportAnnotatedVideo({
          clipPath: c.proxy,
          series: series.get(c.view)!,
          view: c.view,
          outFile: out.stagingPath(`annotated-${c.view}.mp4`),
          signal,
          onProgress: (f) =>
            phase('report', 0.4 + (0.6 * (i + f)) / imported.length, `annotated ${c.view} video`),
        });
      }
    }
    phase('report', 1);
    await allOrNothing?.commit();
    return await out.commit('report.pdf');
  } catch (err) {
    await allOrNothing?.rollback();
    await out.abort();
    throw err;
  } finally {
    await closeLibrary(library);
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
