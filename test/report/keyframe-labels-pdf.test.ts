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
 * placed by the report's placer (src-shared/report/keyframe-labels.ts). The markers' names
 * (keyframe-marker-names.ts) are measured the same way, and the angles against the skeleton's
 * lines, on the sample and on a synthetic rear runner's key frames, where the pelvis line crossed
 * the corner's words.
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
import { analyzeGait } from '../../src-shared/gait';
import { generateRunner } from '../../src-shared/gait/synthetic';
import { placeKeyFrameLabels } from '../../src-shared/report/keyframe-labels';
import { keyFramesOf } from '../../src-shared/report/keyframe-model';
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

/** An SVG element as the page's script reads it (this file is type-checked without the DOM). */
interface Attributed {
  getAttribute(name: string): string | null;
}

interface Line {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly w: number;
}

interface Drawn {
  readonly frame: string;
  readonly labels: Box[];
  readonly markers: Box[];
  readonly names: Box[];
  /** The skeleton's lines (the markers' segments are inside their own group). */
  readonly lines: Line[];
}

/** Each key frame's printed words, marker dots, marker names and skeleton lines as drawn, in the
 *  picture's pixels. */
async function drawnBoxes(page: Page): Promise<Drawn[]> {
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
      const textBox = (el: Attributed) => {
        const b = (el as unknown as { getBBox(): DOMRectLike }).getBBox();
        // The text's box with its outline (painted under the glyphs, half outside them).
        const o = Number(el.getAttribute('stroke-width') ?? 0) / 2;
        return { x: b.x - o, y: b.y - o, width: b.width + 2 * o, height: b.height + 2 * o };
      };
      const num = (el: Attributed, name: string): number => Number(el.getAttribute(name) ?? 0);
      return {
        frame: `${i} ${f.getAttribute('data-view')} ${f.getAttribute('data-side')} ${f.getAttribute('data-event')}`,
        labels: [...svg.querySelectorAll(':scope > text')].map((el) =>
          box(el.textContent ?? '', textBox(el)),
        ),
        names: [...svg.querySelectorAll('text[data-marker-name]')].map((el) =>
          box(`${el.getAttribute('data-marker-name')} "${el.textContent}"`, textBox(el)),
        ),
        lines: [...svg.querySelectorAll(':scope > line')].map((el) => ({
          x1: num(el, 'x1'),
          y1: num(el, 'y1'),
          x2: num(el, 'x2'),
          y2: num(el, 'y2'),
          w: num(el, 'stroke-width'),
        })),
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

/** A drawn line (its round-capped stroke) through a box: points every pixel along it. */
function crosses(l: Line, b: Box): boolean {
  const r = l.w / 2;
  const n = Math.max(1, Math.ceil(Math.hypot(l.x2 - l.x1, l.y2 - l.y1)));
  for (let i = 0; i <= n; i++) {
    const x = l.x1 + ((l.x2 - l.x1) * i) / n;
    const y = l.y1 + ((l.y2 - l.y1) * i) / n;
    if (x > b.x - r && x < b.x + b.w + r && y > b.y - r && y < b.y + b.h + r) return true;
  }
  return false;
}

/** Every pair that touches: label on label, label on marker, marker name on label, marker or name. */
function overlaps(frames: readonly Drawn[]): string[] {
  return frames.flatMap(({ frame, labels, markers, names }) => [
    ...labels.flatMap((a, i) =>
      labels.slice(i + 1).flatMap((b) => (overlap(a, b) ? [`${frame}: "${a.what}" on "${b.what}"`] : [])),
    ),
    ...labels.flatMap((a) =>
      markers.flatMap((m) => (overlap(a, m) ? [`${frame}: "${a.what}" on the ${m.what} marker`] : [])),
    ),
    ...names.flatMap((a, i) => [
      ...names.slice(i + 1).flatMap((b) => (overlap(a, b) ? [`${frame}: name ${a.what} on ${b.what}`] : [])),
      ...labels.flatMap((b) => (overlap(a, b) ? [`${frame}: name ${a.what} on "${b.what}"`] : [])),
      ...markers.flatMap((m) => (overlap(a, m) ? [`${frame}: name ${a.what} on the ${m.what} marker`] : [])),
    ]),
  ]);
}

/** Printed angles across a skeleton line. */
function onLines(frames: readonly Drawn[]): string[] {
  return frames.flatMap(({ frame, labels, lines }) =>
    labels.flatMap((a) =>
      lines.some((l) => crosses(l, a)) ? [`${frame}: "${a.what}" on a skeleton line`] : [],
    ),
  );
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
  it('no printed angle or marker name covers another, a marker or a skeleton line, on a real report with markers', async () => {
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
    // The markers' names: what the model placed is drawn, most markers are named, both legs'.
    const names = frames.flatMap((k) => k.markerNames ?? []);
    expect(drawn.flatMap((d) => d.names.map((n) => n.what))).toEqual(
      names.map((n) => `${n.name} "${n.text}"`),
    );
    const markers = frames.reduce((n, k) => n + (k.markers?.length ?? 0), 0);
    expect(names.length / markers).toBeGreaterThan(0.5);
    const file = join(shots ?? t.home, 'report-keyframe-markers.pdf');
    writeFileSync(file, pdf);
    expect(overlaps(drawn)).toEqual([]);
    expect(onLines(drawn)).toEqual([]);
    const text = pdfText(file);
    expect(text).toMatch(/knee -?\d+°/);
    for (const short of ['ASIS', 'PSIS', 'GT', 'mall.', '5th MT']) expect(text).toContain(short);
  }, 180_000);

  it('rear key frames framed on the legs: the angles leave the pelvis line free, as printed', async () => {
    // A synthetic runner from behind, filmed at 6 px/cm in a 1280×720 picture: the hips near the
    // top, the trunk out of it (as rearfoot work frames it), key frames as the report builds them,
    // pictures left grey. The words are half the picture wide and the legs fill its middle, so not
    // every line can be free: the pelvis line must be, and fewer words lie on lines than before.
    const side = generateRunner({ view: 'side', fps: 60, durationS: 6, seed: 3 });
    const events = analyzeGait({ series: side.series, view: 'side', calibration: { heightCm: 175 } }).events;
    const rear = generateRunner({
      view: 'rear',
      fps: 60,
      durationS: 6,
      seed: 3,
      width: 1280,
      height: 720,
      pxPerCm: 6,
    });
    const analysis = analyzeGait({
      series: rear.series,
      view: 'rear',
      externalEvents: { events, offsetS: 0 },
    });
    const placed = keyFramesOf('flat', {
      view: 'rear',
      file: 'rear.mp4',
      model: 'full',
      analysis,
      series: rear.series,
    }).frames;
    expect(placed.length).toBe(6);
    // Before: stacked in the corner, whatever is drawn there.
    const corner = placed.map((k) => ({
      ...k,
      labels: placeKeyFrameLabels(
        k.labels.map((l) => l.text),
        k.crop,
      ),
    }));
    const c = bundle.model.conditions[0]!;
    const measure = (keyFrames: KeyFrame[], pdf?: string) => {
      const one = { ...bundle, model: { ...bundle.model, conditions: [{ ...c, keyFrames }] } };
      return withReportPage({ rendererDir: rendererDir() }, one, async (page) => {
        if (pdf) writeFileSync(pdf, await printReportPage(page, one));
        return drawnBoxes(page);
      });
    };
    const pelvis = (xs: string[]) => xs.filter((x) => /MS: "pelvis/.test(x));
    // The check can tell: in the corner, both midstance pelvis angles lie on lines.
    const before = onLines(await measure(corner));
    expect(pelvis(before)).toHaveLength(2);
    const pdf = shots ? join(shots, 'report-keyframe-rear-skeleton.pdf') : undefined;
    const drawn = await measure(placed, pdf);
    const after = onLines(drawn);
    console.log(`rear framed on the legs: words on lines ${before.length} -> ${after.length} of 8`);
    expect(pelvis(after)).toEqual([]);
    expect(after.length).toBeLessThan(before.length);
    expect(overlaps(drawn)).toEqual([]);
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
