/**
 * `stridelab analyze --rear-markers` gives the rear clip's rearfoot eversion per step as the app does
 * (issue 15: "rearfoot eversion per step"; house style 14: one orchestration). A rendered rear marker
 * clip (the synthetic runner at 60 fps with the rear protocol's ten markers: blur, noise, bright
 * distractors, a shank marker hidden 5 frames), encoded to H.264 by the bundled ffmpeg, with the same
 * runner's rear landmarks, beside a side clip of the same runner (its landmarks; the picture is
 * ffmpeg's test pattern, the side view's markers are not the point here):
 * - the app's path: both clips recordings of a real library, their landmarks in the pose store, the
 *   two aligned by the sync service, the rear markers named once and tracked by the markers job,
 *   then `report:get` (the rear clip's events from the side clip, its marker rows);
 * - `stridelab markers <rear clip> --view rear` and `stridelab analyze --side … --rear …
 *   --rear-markers`, in this process, on the same files.
 * The CLI's report must hold the app's rearfoot eversion rows, step for step, and those within 1.5°
 * of the designed eversion (the target). A marker file for the other view, one without the
 * heel-counter and shank markers, and one that does not exist are refused in words, with nothing
 * written: no report folder, no library.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import type { Services } from '../../src-main/services';
import { analyzeRecordingWithSeries } from '../../src-main/services/gait/analyze-recording';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import type { SyncRecord } from '../../src-shared/contract/sync';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { generateMarkerClip } from '../../src-shared/gait/synthetic/marker-clip';
import type { MarkerTrack } from '../../src-shared/markers';
import type { AnalysisJson } from '../../src-shared/report/exports';
import type { ReportBundle } from '../../src-shared/report/model';
import type { MarkerVariableRow } from '../../src-shared/review/marker-variables';
import { captureStdio } from '../helpers/stdio';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { tempDir } from '../helpers/tmp';
import { nameAndTrack } from '../markers/name-and-track';
import { encodeMarkerClip, landmarksOf, truthSeeds } from '../markers/marker-mp4';
import { storeLandmarks } from '../review/fixtures/pose-store';
import { addPatientAndSession, addRecording } from '../review/fixtures/library-rows';

const OPTS = { fps: 60, durationS: 4, seed: 5 } as const;
const tmp = tempDir('stridelab-cli-rear-markers-');
const rear = join(tmp.path, 'rear');
const side = join(tmp.path, 'side');
const clip = generateMarkerClip({ view: 'rear', ...OPTS });
const SIDE_SIZE = { width: 960, height: 540 } as const;
const seeds = truthSeeds(clip, clip.markers, 0);
const times = Array.from({ length: clip.frameCount }, (_, i) => i / clip.fps);

const shots = process.env.STRIDELAB_SHOTS;
let t: TestServices;
let services: Services;
let appRows: readonly MarkerVariableRow[];

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await services.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.result as T;
}

const io = captureStdio();

/** Runs `stridelab …` in this process; what it printed on stdout and stderr (test/helpers/stdio.ts). */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const from = { out: io.out.length, err: io.err.length };
  const code = await main(argv);
  return { code, out: io.out.slice(from.out), err: io.err.slice(from.err) };
}

const rows = (c: { markerRows?: readonly MarkerVariableRow[] } | undefined) =>
  (c?.markerRows ?? []).filter((m) => m.id.startsWith('rearfoot-eversion'));
/** What is compared of a row: per side, each step's contact frame, and its value apart. */
const perStep = (r: MarkerVariableRow) => [
  r.id,
  ...(['left', 'right'] as const).map((s) => r[s]?.values.map((v) => v.frame)),
];
const values = (r: MarkerVariableRow) =>
  (['left', 'right'] as const).flatMap((s) => r[s]!.values.map((v) => v.value));

beforeAll(async () => {
  await encodeMarkerClip(clip, `${rear}.mp4`);
  // Named on frame 0, as the tracker's rear cases are: the legs are apart there (test/markers/cases.ts).
  writeFileSync(`${rear}.seeds.json`, JSON.stringify(seeds));
  // The side clip: the same runner's side landmarks over a picture of the same length and size.
  const sideSeries = generateRunner({ view: 'side', ...OPTS, ...SIDE_SIZE, noisePx: 1 }).series;
  execFileSync(ffmpegPath(), [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=960x540:rate=${OPTS.fps}`],
    ...['-frames:v', String(clip.frameCount), '-c:v', 'libx264', '-preset', 'ultrafast'],
    ...['-pix_fmt', 'yuv420p', `${side}.mp4`],
  ]);
  t = await openTestServices({ home: join(tmp.path, 'lib'), transport: 'cli' });
  services = t.services;
  await addPatientAndSession(t.sql, 'p1', 's1');
  const rec = (id: string, view: 'side' | 'rear', size: { width: number; height: number }, from: string) =>
    addRecording(t.sql, t.mediaDir, 's1', { id, view, condition: 'Flat', times, ...size, proxyFrom: from });
  await rec('side1', 'side', SIDE_SIZE, `${side}.mp4`);
  await rec('rear1', 'rear', { width: clip.width, height: clip.height }, `${rear}.mp4`);
  await storeLandmarks(t.services.library, 'side1', sideSeries);
  await storeLandmarks(t.services.library, 'rear1', landmarksOf(clip, { view: 'rear', ...OPTS }));
  // The two clips aligned as the app aligns them (the CLI aligns them itself, the same way).
  await call<SyncRecord>('sync:estimate', { sessionId: 's1' });
  // The PT names the rear markers once (the CLI's seeds: the same clicks) and the app tracks them.
  await nameAndTrack(services, 'rear1', seeds);
  // The landmarks as the app read them from its pose store (float32): the CLI is given the very same,
  // so the two clips are aligned alike (as markers-events.test.ts gives the side clip's).
  for (const [id, base] of [
    ['side1', side],
    ['rear1', rear],
  ] as const)
    writeFileSync(
      `${base}.landmarks.json`,
      JSON.stringify((await analyzeRecordingWithSeries(t.services.library, id, 'auto')).series),
    );
  appRows = rows((await call<ReportBundle>('report:get', { sessionId: 's1' })).model.conditions[0]);
}, 600_000);
afterAll(async () => {
  await t?.close();
  tmp.cleanup();
});

const markersFile = join(tmp.path, 'rear.markers.json');
const analyze = (out: string, rearMarkers: string, extra: string[] = []) => [
  'analyze',
  ...['--side', `${side}.mp4`, '--side-landmarks', `${side}.landmarks.json`],
  ...['--rear', `${rear}.mp4`, '--rear-landmarks', `${rear}.landmarks.json`],
  ...['--rear-markers', rearMarkers, '--out', out, ...extra],
];

describe('rear markers: the CLI as the app', () => {
  it('the app reads rearfoot eversion on both legs, at the side clip’s events (the comparison can tell)', () => {
    expect(appRows.map((r) => r.id)).toEqual(['rearfoot-eversion-ic', 'rearfoot-eversion-peak']);
    for (const r of appRows) for (const s of ['left', 'right'] as const) expect(r[s]!.n).toBeGreaterThan(3);
  });

  it('`stridelab analyze --rear-markers` gives the app’s rearfoot eversion, step for step', async () => {
    const tracked = await cli([
      ...['markers', `${rear}.mp4`, '--seeds', `${rear}.seeds.json`, '--view', 'rear'],
      ...['--out', markersFile],
    ]);
    expect(tracked.code, tracked.err).toBe(0);
    const out = join(tmp.path, 'report');
    const r = await cli(analyze(out, markersFile));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('report.pdf');
    const json = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as AnalysisJson;
    const cliRows = rows(json.report.conditions[0]);
    expect(cliRows.map(perStep)).toEqual(appRows.map(perStep));
    // Within float32's rounding of the app's stored tracks (the CLI's are float64): 1e-3°.
    cliRows.forEach((r, i) =>
      values(r).forEach((v, k) =>
        expect(Math.abs(v - values(appRows[i]!)[k]!), `${r.id} #${k}`).toBeLessThan(1e-3),
      ),
    );
    // Each step's eversion at contact against the design at that frame (issue 15: within 1.5°).
    const ic = cliRows.find((x) => x.id === 'rearfoot-eversion-ic')!;
    let worst = 0;
    for (const s of ['left', 'right'] as const) {
      const values = ic[s]!.values;
      expect(values.length).toBeGreaterThan(3);
      for (const v of values) worst = Math.max(worst, Math.abs(v.value - clip.truth.eversion[s][v.frame]!));
      for (const v of values)
        expect(Math.abs(v.value - clip.truth.eversion[s][v.frame]!), `${s} step at ${v.frame}`).toBeLessThan(
          1.5,
        );
    }
    console.log(
      `rearfoot eversion at contact (CLI): ${ic.left!.values.length} + ${ic.right!.values.length} steps, worst ${worst.toFixed(2)}° from the design`,
    );
    if (shots) copyFileSync(join(out, 'report.pdf'), join(shots, 'cli-rear-markers-report.pdf'));
    // Said in the report as the app says it: the markers, not "needs markers on the heel counter".
    expect(ic.source).toBe('markers');
  }, 600_000);

  it('refuses a wrong or missing marker file in words, and writes nothing', async () => {
    const tracks = (JSON.parse(readFileSync(markersFile, 'utf8')) as { tracks: MarkerTrack[] }).tracks;
    const asSide = join(tmp.path, 'as-side.json');
    writeFileSync(asSide, JSON.stringify({ schema: 'stridelab.markers/1', view: 'side', tracks }));
    const noHeels = join(tmp.path, 'no-heels.json');
    writeFileSync(
      noHeels,
      JSON.stringify({
        schema: 'stridelab.markers/1',
        view: 'rear',
        tracks: tracks.filter((x) => !x.name.includes('HeelCounter')),
      }),
    );
    const cases: [string, RegExp][] = [
      [asSide, /The rear markers "as-side\.json" were tracked on a side clip\. Give them as --side-markers/],
      [
        noHeels,
        /The rear markers "no-heels\.json" have no leg with both heel-counter and both lower-shank markers.*Missing: left heel counter, upper/,
      ],
      [join(tmp.path, 'nowhere.json'), /The rear markers file ".*nowhere\.json" does not exist\./],
    ];
    for (const [file, message] of cases) {
      const out = join(tmp.path, 'refused-report');
      const home = join(tmp.path, 'refused-library');
      const r = await cli(analyze(out, file, ['--home', home]));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err).toContain('No report was written.');
      expect(r.err).not.toMatch(/ENOENT|errno|rearMarkers|\/tmp\/.*\.ts/);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(home)).toBe(false);
    }
  }, 120_000);
});
