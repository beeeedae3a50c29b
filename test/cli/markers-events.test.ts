/**
 * The CLI and the app give one clip with taped markers the same gait events and numbers (issue 15
 * item 3: marker events; house style: one orchestration, src-shared/review/analyse.ts). A rendered
 * marker clip (the synthetic runner at 60 fps with the side protocol's eleven markers: blur, noise,
 * bright distractors, the near knee hidden 5 frames), encoded to H.264, with the same runner's
 * landmarks:
 * - the app's path: the clip a recording of a real library, its landmarks in the pose store, the
 *   markers named once and tracked by the markers service's job, then the gait service's analysis
 *   and the hybrid analysis the report shows;
 * - `stridelab markers <clip> --seeds --view side --landmarks` and `stridelab analyze --side <clip>
 *   --side-landmarks --side-markers`, in this process, on the same file and the same landmarks.
 * Both must give every event at the same frame with the same source (contacts and toe-offs from
 * the heel and 5th MT markers), the same variables, and the report the same marker rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import type { Services } from '../../src-main/services';
import { analyzeRecordingWithSeries } from '../../src-main/services/gait/analyze-recording';
import { markerTracksOf } from '../../src-main/services/markers/tracks';
import type { GaitAnalysis } from '../../src-shared/gait';
import { generateMarkerClip } from '../../src-shared/gait/synthetic/marker-clip';
import type { MarkerTrack } from '../../src-shared/markers';
import type { AnalysisJson } from '../../src-shared/report/exports';
import type { ReportBundle } from '../../src-shared/report/model';
import type { MarkerVariableRow } from '../../src-shared/review/marker-variables';
import { hybridOf } from '../../src-shared/review/marker-hybrid';
import { captureStdio } from '../helpers/stdio';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { tempDir } from '../helpers/tmp';
import { nameAndTrack } from '../markers/name-and-track';
import { landmarksOf, truthSeeds, writeMarkerClipFiles } from '../markers/marker-mp4';
import { storeLandmarks } from '../review/fixtures/pose-store';
import { addPatientAndSession, addRecording } from '../review/fixtures/library-rows';

const OPTS = { view: 'side', fps: 60, durationS: 4, seed: 3 } as const;
const tmp = tempDir('stridelab-cli-marker-events-');
const base = join(tmp.path, 'side');
const clip = generateMarkerClip(OPTS);
const NAMES = clip.markers;

let t: TestServices;
let services: Services;
let app: { analysis: GaitAnalysis; tracks: MarkerTrack[] };

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}

const io = captureStdio();

/** Runs `stridelab …` in this process; what it printed on stdout (test/helpers/stdio.ts). */
async function cli(argv: string[]): Promise<{ code: number; out: string }> {
  const from = io.out.length;
  const code = await main(argv);
  return { code, out: io.out.slice(from) };
}

/** What is compared of an event: where, what, from which source. */
const key = (e: { kind: string; side: string; frame: number; frameF: number; source: string }) =>
  `${e.side} ${e.kind} ${e.frame} ${e.frameF.toFixed(4)} ${e.source}`;

beforeAll(async () => {
  await writeMarkerClipFiles(clip, base, NAMES);
  t = await openTestServices({ home: join(tmp.path, 'lib'), transport: 'cli' });
  services = t.services;
  await addPatientAndSession(t.sql, 'p1', 's1');
  await addRecording(t.sql, t.mediaDir, 's1', {
    id: 'rec1',
    view: 'side',
    condition: 'Flat',
    times: Array.from({ length: clip.frameCount }, (_, i) => i / clip.fps),
    width: clip.width,
    height: clip.height,
    proxyFrom: `${base}.mp4`,
  });
  // The same runner's landmarks (marker-mp4.ts).
  const runner = landmarksOf(clip, OPTS);
  await storeLandmarks(t.services.library, 'rec1', runner);
  // The PT names the markers once (the CLI's seeds: the same clicks) and the app tracks them.
  const seeds = truthSeeds(clip, NAMES);
  await nameAndTrack(services, 'rec1', seeds);
  const library = t.services.library;
  const { analysis, series } = await analyzeRecordingWithSeries(library, 'rec1', 'auto');
  app = { analysis, tracks: await markerTracksOf(library, 'rec1') };
  // The landmarks as the app read them from its pose store: the CLI is given the very same.
  writeFileSync(`${base}.landmarks.json`, JSON.stringify(series));
}, 600_000);
afterAll(async () => {
  await t?.close();
  tmp.cleanup();
});

describe('marker events: the CLI as the app', () => {
  it('the app reads the contacts and toe-offs from the foot markers (the comparison can tell)', () => {
    const feet = app.analysis.events.filter((e) => e.kind === 'initial-contact' || e.kind === 'toe-off');
    expect(feet.filter((e) => e.source === 'markers').length).toBeGreaterThanOrEqual(0.8 * feet.length);
    expect(app.analysis.flags.some((f) => f.code === 'events-from-markers')).toBe(true);
  });

  it('`stridelab markers --landmarks` gives the app’s events, with their source', async () => {
    const out = join(tmp.path, 'markers.json');
    const r = await cli([
      'markers',
      `${base}.mp4`,
      '--seeds',
      `${base}.seeds.json`,
      '--view',
      'side',
      '--landmarks',
      `${base}.landmarks.json`,
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      tracks: MarkerTrack[];
      events: GaitAnalysis['events'];
      eventSource: string;
    };
    // Same decoder, same clicks: the same tracks as the app's job (which keeps them as float32).
    const f32 = (tracks: readonly MarkerTrack[]) =>
      [...tracks]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((tr) => ({
          name: tr.name,
          points: tr.points.map((q) => [
            Math.fround(q.x),
            Math.fround(q.y),
            Math.fround(q.confidence),
            q.state,
          ]),
        }));
    expect(f32(json.tracks)).toEqual(f32(app.tracks));
    expect(json.events.map(key)).toEqual(app.analysis.events.map(key));
    const flag = app.analysis.flags.find((f) => f.code === 'events-from-markers')!.message;
    expect(json.eventSource).toBe(flag);
    expect(r.out).toContain(flag);
  }, 300_000);

  it('`stridelab analyze --side-markers` gives the app’s events and the report’s numbers', async () => {
    const out = join(tmp.path, 'report');
    const r = await cli([
      'analyze',
      '--side',
      `${base}.mp4`,
      '--side-landmarks',
      `${base}.landmarks.json`,
      '--side-markers',
      join(tmp.path, 'markers.json'),
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as AnalysisJson;
    const side = json.conditions[0]!.clips.find((c) => c.view === 'side')!;
    expect(side.gait.events.map(key)).toEqual(app.analysis.events.map(key));
    // The report's variables: the hybrid analysis (marker variables in the landmarks' place), as
    // the app's report builds it from the same tracks.
    const hybrid = hybridOf('side', app.tracks, app.analysis)!;
    // Within float32's rounding of the app's stored tracks (about 1e-7 of a value).
    const means = (a: GaitAnalysis) =>
      a.variables.map((v) => [v.id, ...[v.left.mean, v.right.mean].map((m) => m?.toFixed(4))]);
    expect(means(side.gait)).toEqual(means(hybrid.analysis));
    expect(side.gait.variables.length).toBeGreaterThan(10);
    expect(side.sources).toEqual(hybrid.sources);
    // The markers' own rows (pelvic tilt at contact, midstance, toe-off, its range) as the app's
    // report service prints them for the same clip.
    const appReport = (await call<ReportBundle>('report:get', { sessionId: 's1' })).model;
    const rows = (c: { markerRows?: readonly MarkerVariableRow[] } | undefined) =>
      (c?.markerRows ?? []).map((m) => [m.id, m.left?.mean?.toFixed(4), m.right?.mean?.toFixed(4)]);
    expect(rows(json.report.conditions[0])).toEqual(rows(appReport.conditions[0]));
    expect(rows(json.report.conditions[0]).map((m) => m[0])).toContain('pelvic-tilt-ic');
  }, 600_000);
});
