/**
 * The words printed on the report's key frames (the angles of that frame: "knee 23°") must not cover
 * one another nor a skin marker drawn on the picture (issue 15 item 4: markers in the report's key
 * frames). Measured on the page the PDF is printed from (pdf-chromium.ts `withReportPage`: the built
 * report.html, the bundle drawn, print media), in the picture's own units (SVG getBBox, so the font
 * as Chromium lays it out), on a real report: the treadmill sample imported into a library with its
 * landmarks, and the side protocol's markers on both legs (trochanter, knee and malleolus from
 * kneeMarkers, ASIS and PSIS beside the hip, heel and fifth metatarsal on the foot's landmarks), as
 * `report:get` returns it. The PDF printed from that page goes to $STRIDELAB_SHOTS, to be looked at.
 * Then one marker moved under a printed angle: caught where the words stay, and free of them once
 * placed by the report's placer (src-shared/report/keyframe-labels.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../src-main/paths';
import type { Services } from '../../src-main/services';
import { saveTracks } from '../../src-main/services/markers/store';
import { printReportPage, withReportPage } from '../../src-main/services/report/pdf-chromium';
import type { MarkerName, MarkerTrack } from '../../src-shared/markers';
import { Landmark, type LandmarkSeries } from '../../src-shared/pose/landmarks';
import { placeKeyFrameLabels } from '../../src-shared/report/keyframe-labels';
import type { KeyFrame, ReportBundle } from '../../src-shared/report/model';
import { kneeMarkers, trackFrom } from '../../src-shared/review/testing/marker-legs';
import { openTestServices, type TestServices } from '../helpers/test-services';
import { pdfText } from './pdf-read';
import { sampleSeries, sessionWithSample } from './library-fixture';

let t: TestServices;
let services: Services;
let bundle: ReportBundle;
const shots = process.env.STRIDELAB_SHOTS;

/** A marker on a landmark of each frame, moved by (dx, dy) pixels. */
function onLandmark(series: LandmarkSeries, name: MarkerName, lm: keyof typeof Landmark, dx = 0, dy = 0) {
  return trackFrom(name, series.frames.length, (i) => {
    const p = series.frames[i]?.image?.[Landmark[lm]];
    return p ? [p[0] + dx, p[1] + dy] : null;
  });
}

/** The side protocol on both legs, where the body puts the markers. */
function sideProtocol(series: LandmarkSeries): MarkerTrack[] {
  return (['left', 'right'] as const).flatMap((s) => [
    ...kneeMarkers(series, s, 15),
    onLandmark(series, `${s}Asis`, `${s}Hip`, 45, -35),
    onLandmark(series, `${s}Psis`, `${s}Hip`, -40, -45),
    onLandmark(series, `${s}Heel`, `${s}Heel`),
    onLandmark(series, `${s}FifthMetatarsal`, `${s}FootIndex`, -15, 0),
  ]);
}

interface DOMRectLike {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface Box {
  readonly what: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Each key frame's printed words and marker dots as drawn, in the picture's pixels. */
async function drawnBoxes(page: Page): Promise<{ frame: string; labels: Box[]; markers: Box[] }[]> {
  return page.$$eval('figure[data-testid="keyframe"]', (figures) =>
    figures.map((f, i) => {
      const box = (what: string, b: DOMRectLike) => ({
        what,
        x: b.x,
        y: b.y,
        w: b.width,
        h: b.height,
      });
      const svg = f.querySelector('svg')!;
      return {
        frame: `${i} ${f.getAttribute('data-view')} ${f.getAttribute('data-side')} ${f.getAttribute('data-event')}`,
        labels: [...svg.querySelectorAll(':scope > text')].map((el) => {
          const b = (el as unknown as { getBBox(): DOMRectLike }).getBBox();
          // The text's box with its outline (painted under the glyphs, half outside them).
          const o = Number(el.getAttribute('stroke-width') ?? 0) / 2;
          return box(el.textContent ?? '', {
            x: b.x - o,
            y: b.y - o,
            width: b.width + 2 * o,
            height: b.height + 2 * o,
          });
        }),
        markers: [...svg.querySelectorAll('circle[data-marker]')].map((el) => {
          const at = (name: string): number => Number(el.getAttribute(name) ?? 0);
          // The dot with its outline (half the stroke outside the radius).
          const r = at('r') + at('stroke-width') / 2;
          const [x, y] = [at('cx'), at('cy')];
          return box(el.getAttribute('data-marker') ?? '', {
            x: x - r,
            y: y - r,
            width: 2 * r,
            height: 2 * r,
          });
        }),
      };
    }),
  );
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Every pair that touches: label on label, label on marker. */
function overlaps(frames: Awaited<ReturnType<typeof drawnBoxes>>): string[] {
  return frames.flatMap(({ frame, labels, markers }) => [
    ...labels.flatMap((a, i) =>
      labels.slice(i + 1).flatMap((b) => (overlap(a, b) ? [`${frame}: "${a.what}" on "${b.what}"`] : [])),
    ),
    ...labels.flatMap((a) =>
      markers.flatMap((m) => (overlap(a, m) ? [`${frame}: "${a.what}" on the ${m.what} marker`] : [])),
    ),
  ]);
}

beforeAll(async () => {
  t = await openTestServices({ prefix: 'stridelab-keyframe-labels-' });
  services = t.services;
  const { sessionId, recordingId } = await sessionWithSample(services);
  await saveTracks(services.library.data, recordingId, 'designed', sideProtocol(sampleSeries()));
  const r = await services.dispatch('report:get', { sessionId });
  if (!r.ok) throw new Error(r.error.message);
  bundle = r.result as ReportBundle;
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe('key-frame labels in the printed report', () => {
  it('no printed angle covers another or a marker, on a real report with markers', async () => {
    const frames = bundle.model.conditions.flatMap((c) => c.keyFrames);
    expect(frames.filter((k) => (k.markers?.length ?? 0) >= 8).length).toBeGreaterThanOrEqual(4);
    const { drawn, pdf } = await withReportPage({ rendererDir: rendererDir() }, bundle, async (page) => ({
      drawn: await drawnBoxes(page),
      pdf: await printReportPage(page, bundle),
    }));
    // What was measured is what the model holds: every key frame, its labels and markers.
    expect(drawn.length).toBe(frames.length);
    expect(drawn.flatMap((d) => d.labels.map((l) => l.what))).toEqual(
      frames.flatMap((k) => k.labels.map((l) => l.text)),
    );
    expect(drawn.reduce((n, d) => n + d.markers.length, 0)).toBe(
      frames.reduce((n, k: KeyFrame) => n + (k.markers?.length ?? 0), 0),
    );
    const file = join(shots ?? t.home, 'report-keyframe-markers.pdf');
    writeFileSync(file, pdf);
    expect(overlaps(drawn)).toEqual([]);
    expect(pdfText(file)).toMatch(/knee -?\d+°/);
  }, 180_000);

  it('a marker under a printed angle: caught as drawn, and the placer moves the words off it', async () => {
    // The first key frame with markers, one marker put where its first angle is printed (as a rear
    // clip framed on the legs puts the PSIS markers near the top corner).
    const c = bundle.model.conditions[0]!;
    const k = c.keyFrames.findIndex((f) => f.markers?.length && f.labels.length);
    const f = c.keyFrames[k]!;
    const label = f.labels[0]!;
    const markers = f.markers!.map((m, i) =>
      i === 0 ? { ...m, x: label.x + f.crop.w * 0.1, y: label.y - f.crop.h * 0.02 } : m,
    );
    const moved: KeyFrame = { ...f, markers };
    const placed: KeyFrame = {
      ...moved,
      labels: placeKeyFrameLabels(
        f.labels.map((l) => l.text),
        f.crop,
        markers,
      ),
    };
    const measure = (frame: KeyFrame, pdf?: string) => {
      const keyFrames = c.keyFrames.map((x, i) => (i === k ? frame : x));
      const one = { ...bundle, model: { ...bundle.model, conditions: [{ ...c, keyFrames }] } };
      return withReportPage({ rendererDir: rendererDir() }, one, async (page) => {
        if (pdf) writeFileSync(pdf, await printReportPage(page, one));
        return drawnBoxes(page);
      });
    };
    // Left where it was, the word is caught on the marker: the check can tell.
    expect(overlaps(await measure(moved))).toEqual([
      expect.stringMatching(new RegExp(`^${k} .*: "${label.text}" on the ${markers[0]!.name} marker$`)),
    ]);
    // Placed as the report places it (marker-report.ts): nothing touches, on the printed page.
    expect(placed.labels).not.toEqual(f.labels);
    const pdf = shots ? join(shots, 'report-keyframe-label-moved.pdf') : undefined;
    expect(overlaps(await measure(placed, pdf))).toEqual([]);
  }, 180_000);
});
