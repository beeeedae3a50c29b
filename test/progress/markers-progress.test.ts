/**
 * Progress across visits where skin markers were tracked (issue 15 with issue 18, docs/progress.md
 * §1–§2), through `progress:patient` and the report service on a real library, on the run's backend.
 * Three visits of a synthetic runner whose landmarks are stored as the pose engine leaves them, and
 * marker tracks stored as the tracker stores them:
 *  - 2026-01-10: no markers; the runner lands with the knee at a designed 12°;
 *  - 2026-02-01: knee markers on both legs at a designed marker knee flexion of 10° (the landmarks,
 *    designed at 24°, read more), pelvis markers at a designed pelvic tilt of 10°;
 *  - 2026-03-01: knee markers at 30°, pelvis markers at 16°, rearfoot markers on the rear clip.
 * Knee flexion at contact is what each visit's report showed (landmarks, then markers), with its
 * source; landmarks → markers is judged net of the two sources' difference on the marker clip,
 * markers → markers as usual; pelvic tilt gets rows (two visits have it), rearfoot eversion none (one).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../src-main/paths';
import type { Services } from '../../src-main/services';
import { saveTracks } from '../../src-main/services/markers/store';
import { ffmpegPath } from '../../src-main/services/media/binaries';
import { chromiumPrinter } from '../../src-main/services/report/pdf-chromium';
import { sessionReport } from '../../src-main/services/report/session-report';
import { generateRunner } from '../../src-shared/gait/synthetic';
import type { MarkerTrack } from '../../src-shared/markers';
import { Landmark, type LandmarkSeries } from '../../src-shared/pose/landmarks';
import type { PatientProgress, ProgressRow } from '../../src-shared/progress';
import { progressForReport, sinceLastVisit } from '../../src-shared/progress';
import { kneeMarkers, trackFrom } from '../../src-shared/review/testing/marker-legs';
import { openTestServices, secondRun, type TestServices } from '../helpers/test-services';
import { tempDir } from '../helpers/tmp';
import { pdfText } from '../report/pdf-read';
import { addRecording, storePose } from '../sync/helpers';
import { call } from './fixtures';
import { createElement, renderToStaticMarkup } from '../helpers/react-render';

// React and the progress components are loaded by name: the node type-check has no JSX and no DOM
// (as test/markers-app/hybrid-tables.test.ts). vitest compiles them as the renderer's build does.
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { ProgressTable } = (await load('../../src-renderer/src/progress/ProgressTable.tsx')) as {
  ProgressTable: unknown;
};
const { ReportProgress } = (await load('../../src-renderer/src/progress/ReportProgress.tsx')) as {
  ReportProgress: unknown;
};
const { pointSources, sourceChanges } = (await load('../../src-renderer/src/progress/trend-marks.ts')) as {
  pointSources: (r: unknown) => (string | null)[];
  sourceChanges: (rows: readonly unknown[]) => { at: number; words: string }[];
};
const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&rsquo;/g, '\u2019')
    .replace(/\s+/g, ' ');

const VISITS = [
  { date: '2026-01-10', kneeAtIcDeg: 12, markerKneeDeg: null, tiltDeg: null, rearfoot: false },
  { date: '2026-02-01', kneeAtIcDeg: 24, markerKneeDeg: 10, tiltDeg: 10, rearfoot: false },
  { date: '2026-03-01', kneeAtIcDeg: 24, markerKneeDeg: 30, tiltDeg: 16, rearfoot: true },
] as const;

/** ASIS and PSIS 60 px apart about the near (right) hip, 25 px above it, at a constant tilt. */
function pelvisMarkers(series: LandmarkSeries, tiltDeg: number): MarkerTrack[] {
  const n = series.frames.length;
  const a = (tiltDeg * Math.PI) / 180;
  const at = (i: number, sign: 1 | -1): [number, number] | null => {
    const f = series.frames[i];
    const hip = f?.image?.[Landmark.rightHip];
    const heel = f?.image?.[Landmark.rightHeel];
    const toe = f?.image?.[Landmark.rightFootIndex];
    if (!hip || !heel || !toe) return null;
    const fwd = Math.sign(toe[0] - heel[0]) || 1;
    return [hip[0] + sign * fwd * 30 * Math.cos(a), hip[1] - 25 + sign * 30 * Math.sin(a)];
  };
  return [trackFrom('rightAsis', n, (i) => at(i, 1)), trackFrom('rightPsis', n, (i) => at(i, -1))];
}

/** Heel-counter and lower-shank markers on each leg of a rear clip, fixed lengths about the heel landmark. */
function rearfootMarkers(series: LandmarkSeries): MarkerTrack[] {
  const n = series.frames.length;
  return (['left', 'right'] as const).flatMap((side) => {
    const heel = side === 'left' ? Landmark.leftHeel : Landmark.rightHeel;
    const off = (dx: number, dy: number) => (i: number) => {
      const p = series.frames[i]?.image?.[heel];
      return p ? ([p[0] + dx, p[1] + dy] as const) : null;
    };
    return [
      trackFrom(`${side}HeelCounterUpper`, n, off(0, -30)),
      trackFrom(`${side}HeelCounterLower`, n, off(1, -5)),
      trackFrom(`${side}ShankUpper`, n, off(0, -110)),
      trackFrom(`${side}ShankLower`, n, off(0, -60)),
    ];
  });
}

const dir = tempDir('stridelab-progress-markers-');
let t: TestServices;
let services: Services;
let patientId: string;
const sessionIds: string[] = [];

beforeAll(async () => {
  t = await openTestServices({ home: join(dir.path, 'lib'), transport: 'cli' });
  services = t.services;
  const patient = await call<{ id: string }>(services, 'patients:create', {
    name: 'Mira Olsen',
    sex: 'female',
    heightCm: 175,
  });
  patientId = patient.id;
  // The report draws key frames from each clip's proxy: a test picture of the clips' size and rate.
  const proxies = { side: join(dir.path, 'side.mp4'), rear: join(dir.path, 'rear.mp4') };
  for (const [view, size] of [
    ['side', '1280x720'],
    ['rear', '720x1280'],
  ] as const)
    execFileSync(ffmpegPath(), [
      ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=60`, '-t', '8.2'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', proxies[view]],
    ]);
  for (const [i, v] of VISITS.entries()) {
    const session = await call<{ id: string }>(services, 'sessions:create', {
      patientId,
      date: v.date,
      injurySide: 'left',
      treadmillSpeedsKmh: [11],
    });
    sessionIds.push(session.id);
    const o = { durationS: 8, cadence: 165, kneeAtIcDeg: v.kneeAtIcDeg, noisePx: 1.5, seed: 7 };
    const clips = {
      side: generateRunner({ view: 'side', ...o }).series,
      rear: generateRunner({ view: 'rear', ...o }).series,
    };
    for (const view of ['side', 'rear'] as const) {
      const id = `${view}${i}`;
      await addRecording(t.sql, {
        id,
        sessionId: session.id,
        view,
        name: `${view}-${v.date}.mp4`,
        fps: 60,
        frames: clips[view].frames.length,
      });
      storePose(services.library.paths.mediaDir, session.id, id, clips[view]);
      const to = join(services.library.paths.mediaDir, session.id, id);
      mkdirSync(to, { recursive: true });
      copyFileSync(proxies[view], join(to, 'proxy.mp4'));
    }
    await call(services, 'sync:set', {
      sessionId: session.id,
      recordingAId: `side${i}`,
      recordingBId: `rear${i}`,
      offsetFrames: 0,
    });
    if (v.markerKneeDeg !== null && v.tiltDeg !== null)
      await saveTracks(services.library.data, `side${i}`, 'designed', [
        ...kneeMarkers(clips.side, 'left', v.markerKneeDeg),
        ...kneeMarkers(clips.side, 'right', v.markerKneeDeg),
        ...pelvisMarkers(clips.side, v.tiltDeg),
      ]);
    if (v.rearfoot)
      await saveTracks(services.library.data, `rear${i}`, 'designed', rearfootMarkers(clips.rear));
  }
}, 240_000);
afterAll(async () => {
  await t?.close();
  dir.cleanup();
});

const rowOf = (p: PatientProgress, id: string, side: ProgressRow['side']): ProgressRow => {
  const r = p.conditions[0]!.rows.find((x) => x.variableId === id && x.side === side);
  if (!r) throw new Error(`no row ${id} ${side}`);
  return r;
};

describe('progress where markers were tracked', () => {
  let p: PatientProgress;
  beforeAll(async () => {
    p = await call<PatientProgress>(services, 'progress:patient', { patientId });
  }, 120_000);

  it('compares what each visit’s report showed, with the source per visit', async () => {
    const report = await sessionReport(services.library, sessionIds[1]!);
    const shown = report.bundle.model.conditions[0]!.variables.find((v) => v.key === 'knee-flexion-ic')!;
    for (const side of ['left', 'right'] as const) {
      const knee = rowOf(p, 'knee-flexion-ic', side);
      expect(knee.markers).toBe(true);
      const [v1, v2, v3] = knee.points.map((x) => x.value);
      // The first visit: the landmarks, no source said (no markers on that clip).
      expect(v1!.source).toBeUndefined();
      expect(v1!.mean!).toBeGreaterThan(8);
      // The marker visits: the designed marker values, as that visit's report printed them.
      expect(v2!.source).toEqual({ from: 'markers', words: 'markers (trochanter, knee and ankle markers)' });
      expect(v2!.mean!).toBeCloseTo(10, 1);
      expect(v2!.mean!).toBeCloseTo(shown[side]!.mean, 6);
      expect(v3!.mean!).toBeCloseTo(30, 1);
      // How far the markers read from the landmarks on the same clip: the designs' 10 − 24, 30 − 24, about.
      expect(v2!.sourceGap!.difference).toBeLessThan(-8);
      expect(v3!.sourceGap!.difference).toBeGreaterThan(2);
      console.log(
        `knee flexion at contact, ${side}: ${knee.points.map((x) => `${x.value.mean!.toFixed(1)} ±${x.value.u95!.toFixed(1)} (${x.value.source?.from ?? 'landmarks'}${x.value.sourceGap ? `, gap ${x.value.sourceGap.difference.toFixed(1)} ±${x.value.sourceGap.u95.toFixed(1)}` : ''})`).join(' → ')}; ${knee.points
          .slice(1)
          .map((x) => `${x.vsPrevious!.verdict}${x.vsFirst ? ` / first ${x.vsFirst.verdict}` : ''}`)
          .join(', ')}`,
      );
    }
  });

  it('judges landmarks against markers net of the difference between the sources, and says so', () => {
    for (const side of ['left', 'right'] as const) {
      const knee = rowOf(p, 'knee-flexion-ic', side);
      const second = knee.points[1]!.vsPrevious!;
      // 12° (landmarks) → 10° (markers): the markers read ~14° under the landmarks on that clip,
      // so the change is not the runner's. Within noise, not like for like, said in words.
      expect(second.sourcesDiffer).toBe('pose landmarks then, markers now');
      expect(second.verdict).toBe('within-noise');
      expect(second.why).toMatch(
        /^Not like for like: pose landmarks on 2026-01-10, markers on 2026-02-01: on the 2026-02-01 clip the markers read \d+\.\d° less than the pose landmarks \(which read \d+\.\d° then and \d+\.\d° now\)/,
      );
      // Markers → markers, 10° → 30°: like for like, beyond the SDD (8°) and the uncertainty.
      const third = knee.points[2]!.vsPrevious!;
      expect(third.sourcesDiffer ?? null).toBeNull();
      expect(third.verdict).toBe('real');
      // Landmarks (~14°) → markers (30°) since the first visit: the markers read ~6° over the
      // landmarks on the third clip. The near (right) leg: 16° less 6° is beyond the SDD and the
      // uncertainty, real, and said not like for like. The far (left) leg's landmarks carry the
      // occlusion bias (±16°), and so does the gap: within noise, on the uncertainty.
      const first = knee.points[2]!.vsFirst!;
      expect(first.sourcesDiffer).toBe('pose landmarks then, markers now');
      if (side === 'right') {
        expect(first.verdict).toBe('real');
        expect(first.why).toMatch(
          /^Not like for like: .*, yet beyond noise: on the 2026-03-01 clip the markers read \d+\.\d° more/,
        );
      } else {
        expect(first.verdict).toBe('within-noise');
        expect(first.why).toMatch(/is not more than that difference plus the uncertainty ±\d+\.\d°\.$/);
      }
    }
    // The rows without markers say nothing of sources.
    expect(rowOf(p, 'hip-extension-to', 'left').markers).toBeUndefined();
  });

  it('shows each visit’s source on the patient page, and the change across sources in words', () => {
    const html = renderToStaticMarkup(createElement(ProgressTable, { c: p.conditions[0] }));
    const row = /<tr[^>]*data-variable="knee-flexion-ic" data-side="right">.*?<\/tr>/.exec(html)![0];
    expect([...row.matchAll(/data-testid="progress-source"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual([
      'pose landmarks',
      'markers',
      'markers',
    ]);
    expect(text(row)).toMatch(/[+−±]\d+\.\d ±\d+\.\d° within noise \(pose landmarks then, markers now\)/);
    expect(text(row)).toMatch(/\+\d+\.\d ±\d+\.\d° real \(pose landmarks then, markers now\)/);
    // A row without markers has no source line.
    const hip = /<tr[^>]*data-variable="hip-extension-to" data-side="left">.*?<\/tr>/.exec(html)![0];
    expect(hip).not.toContain('progress-source');
    expect(text(html)).toContain(
      'Markers on one visit, pose landmarks on the other: not like for like, and a change of source can itself move the value.',
    );
    // Each value carries the plots' shape for its source (■ markers, ● pose model) before its words.
    expect(text(row)).toMatch(/● pose landmarks .*■ markers .*■ markers/);
  });

  it('gives the trend plots each point’s source and the visits where the source changed', () => {
    const knee = ['left', 'right'].map((side) => rowOf(p, 'knee-flexion-ic', side as 'left'));
    for (const r of knee) expect(pointSources(r)).toEqual(['landmarks', 'markers', 'markers']);
    // Landmarks on the first visit, markers on the second: the plot marks a change between them only.
    expect(sourceChanges(knee)).toEqual([{ at: 1, words: 'pose landmarks then, markers now' }]);
    // Pelvic tilt has no number on the first visit: markers then markers, no change of source drawn.
    const tilt = p.conditions[0]!.rows.filter((r) => r.variableId === 'pelvic-tilt-ic');
    expect(tilt.length).toBeGreaterThan(0);
    expect(pointSources(tilt[0]!)).toEqual([null, 'markers', 'markers']);
    expect(sourceChanges(tilt)).toEqual([]);
  });

  it('follows pelvic tilt where two visits have it, and rearfoot eversion nowhere (one visit)', () => {
    const ids = [...new Set(p.conditions[0]!.rows.map((r) => r.variableId))];
    expect(ids).toContain('pelvic-tilt-ic');
    expect(ids.filter((x) => x.startsWith('rearfoot'))).toEqual([]);
    // After pelvic drop, before hip extension.
    expect(ids.indexOf('pelvic-tilt-ic')).toBeGreaterThan(ids.indexOf('pelvic-drop-ms'));
    expect(ids.indexOf('pelvic-tilt-range')).toBeLessThan(ids.indexOf('hip-extension-to'));
    // The right ASIS and PSIS: both feet's steps are read off the one pelvis.
    for (const side of ['left', 'right'] as const) {
      const tilt = rowOf(p, 'pelvic-tilt-ic', side);
      expect(tilt.sdd).toBeNull();
      expect(tilt.points[0]!.value.mean).toBeNull();
      expect(tilt.points[0]!.value.missing).toBe('no markers for it were tracked on this visit');
      expect(tilt.points[1]!.value.mean!).toBeCloseTo(10, 1);
      expect(tilt.points[2]!.value.mean!).toBeCloseTo(16, 1);
      expect(tilt.points[2]!.value.source).toEqual({
        from: 'markers',
        words: 'markers (right ASIS and PSIS markers)',
      });
      expect(tilt.points[1]!.vsPrevious!.verdict).toBe('not-comparable');
      const c = tilt.points[2]!.vsPrevious!;
      expect(c.verdict).toBe('real');
      expect(c.why).toMatch(/no smallest detectable difference is published/);
    }
  });

  it('lists it since the last visit with its source, and in the report section and its print', async () => {
    const h = sinceLastVisit(p)!;
    const flat = h.conditions[0]!;
    const knee = flat.realSincePrevious.find((x) => x.variableId === 'knee-flexion-ic')!;
    expect(knee.source).toBe('markers');
    expect(flat.realSincePrevious.find((x) => x.variableId === 'pelvic-tilt-ic')!.source).toBe('markers');
    // Knee flexion at contact, peak knee flexion in stance, ankle dorsiflexion? only the knee markers: two
    // rows (knee at contact, peak knee in stance) per side came from markers on both visits; none across.
    expect(flat.acrossSources).toBe(0);

    const { bundle } = await sessionReport(services.library, sessionIds[2]!);
    const section = bundle.model.progress!.conditions[0]!;
    const row = section.rows.find((r) => r.variableId === 'knee-flexion-ic' && r.side === 'right')!;
    expect(row.sources).toBe('pose landmarks → markers → markers');
    // Each printed value with its source, as the plots mark it; markers both visits: no change of source.
    expect(row.visits?.map((v) => v.source)).toEqual(['landmarks', 'markers', 'markers']);
    expect(row.visits?.map((v) => v.value).join(' → ')).toBe(row.trend);
    expect(row.sourceChangedSincePrevious).toBeUndefined();
    expect(row.sincePrevious).toMatch(/^\+\d+\.\d ±\d+\.\d° real$/);
    expect(row.sinceFirst).toMatch(/^\+\d+\.\d ±\d+\.\d° real \(pose landmarks then, markers now\)$/);
    expect(section.acrossSources).toBe(true);
    const tilt = section.rows.find((r) => r.variableId === 'pelvic-tilt-ic' && r.side === 'left')!;
    expect(tilt.sources).toBe('— → markers → markers');
    // The second visit's report: its changes are all across sources or marker-only rows new to it.
    const second = (await sessionReport(services.library, sessionIds[1]!)).bundle.model.progress!;
    const kneeThen = second.conditions[0]!.rows.find(
      (r) => r.variableId === 'knee-flexion-ic' && r.side === 'left',
    );
    // Within noise and behind no finding of that visit, or listed with its sources beside the change.
    if (kneeThen) {
      expect(kneeThen.sincePrevious).toMatch(/\(pose landmarks then, markers now\)$/);
      expect(kneeThen.sourceChangedSincePrevious).toBe('pose landmarks then, markers now');
    }
    const secondHtml = renderToStaticMarkup(createElement(ReportProgress, { progress: second }));
    if (kneeThen) expect(secondHtml).toContain('data-testid="report-progress-source-changed"');
    // The knee is behind no finding of that visit: with it as one, its row says the source changed.
    const forced = progressForReport(p, sessionIds[1]!, ['knee-flexion-ic'])!;
    const kneeRow = forced.conditions[0]!.rows.find(
      (r) => r.variableId === 'knee-flexion-ic' && r.side === 'right',
    )!;
    expect(kneeRow.visits?.map((v) => v.source)).toEqual(['landmarks', 'markers']);
    expect(kneeRow.sourceChangedSincePrevious).toBe('pose landmarks then, markers now');
    const forcedHtml = renderToStaticMarkup(createElement(ReportProgress, { progress: forced }));
    const kneeHtml = /<tr[^>]*data-variable="knee-flexion-ic" data-side="right">.*?<\/tr>/.exec(
      forcedHtml,
    )![0];
    expect(text(kneeHtml)).toMatch(
      /● → 10\.0° ■ .*Source changed: a change of source can itself move the value\./,
    );
    // Markers on both visits (the third report's knee): no such line.
    const third = renderToStaticMarkup(createElement(ReportProgress, { progress: bundle.model.progress }));
    const kneeThird = /<tr[^>]*data-variable="knee-flexion-ic" data-side="right">.*?<\/tr>/.exec(third)![0];
    expect(kneeThird).not.toContain('report-progress-source-changed');

    const section2 = text(
      renderToStaticMarkup(createElement(ReportProgress, { progress: bundle.model.progress })),
    );
    expect(section2).toContain('Source: pose landmarks → markers → markers');
    expect(section2).toContain('Each value’s source: ■ from taped markers, ● from the pose model.');

    if (secondRun) return; // the print, once is enough
    const pdf = await chromiumPrinter({ rendererDir: rendererDir() }).print(bundle);
    const file = join(dir.path, 'report.pdf');
    writeFileSync(file, pdf);
    if (process.env.STRIDELAB_SHOTS)
      writeFileSync(join(process.env.STRIDELAB_SHOTS, 'report-progress-markers.pdf'), pdf);
    const all = pdfText(file).replace(/\s+/g, ' ');
    const printed = all.slice(all.indexOf('Progress since 2026-01-10'));
    expect(printed.length).toBeLessThan(all.length);
    // The PDF wraps the narrow cells into each other: each piece, in order within the row.
    expect(printed).toMatch(
      new RegExp(
        `Knee flexion at initial contact R ${row.trend.split(' → ')[0]} ● .{0,60}${row.sinceFirst!.split(' (')[0]!.replace('+', '\\+')} \\(pose Source: pose landmarks → markers →`,
      ),
    );
    expect(printed).toContain('Source: — → markers → markers');
    // The print marks each value's source with the plots' shapes, and says what they mean.
    expect(printed).toContain('■ from taped markers, ● from the pose model');
    // The follow-up's sentence names the markers where both visits measured with them.
    expect(printed).toMatch(
      /Since the last visit \(2026-02-01\): beyond noise: Knee flexion at initial contact L \+\d+\.\d ±\d+\.\d° real \(markers\);/,
    );
    expect(printed).toContain('Markers on one visit and pose landmarks on the other are not like for like');
  }, 240_000);
});
