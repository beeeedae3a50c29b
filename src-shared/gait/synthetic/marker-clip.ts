/**
 * Synthetic marker clips with known truth (issue 15; docs/markers.md "Test clips"): the synthetic
 * runner drawn as a simple body (capsules) with round bright or coloured markers, filmed at a frame
 * rate with a box shutter (motion blur), pixel noise, one marker hidden for a few frames and a
 * background with distracting bright spots. Frames are RGBA in memory, rendered on demand, so a
 * unit test can track them and an encoder script can write them to an mp4.
 *
 *   const clip = generateMarkerClip({ view: 'side', fps: 60 });
 *   for (const frame of clip.frames()) ...          // MarkerFrame: index, t, width, height, RGBA
 *   clip.truth.points.rightAsis[i]                    // { x, y, visible } at frame i
 *   clip.truth.tilt[i], clip.truth.eversion.left[i]  // designed angles per frame
 */
import type { MarkerEvent, MarkerFrame, MarkerName } from '../../markers/types';
import { bodyFromStature } from './body';
import { GaitDesign, type Side } from './design';
import { designFromOptions, type SyntheticOptions } from './index';
import { Canvas, type Rgb } from './marker-raster';
import {
  DEFAULT_MARKER_DESIGN,
  designedEversion,
  designedTilt,
  markerPositions,
  type ImageXY,
  type MarkerDesign,
} from './markers';
import { poseAt } from './model';
import { createPrng } from './prng';
import { project, type CameraOptions } from './render';
import { truthEvents } from './truth';

export interface MarkerClipOptions extends Omit<
  SyntheticOptions,
  'noisePx' | 'dropoutRate' | 'noPoseRate' | 'labels'
> {
  /** Which markers are taped. Default: the view's protocol on both legs (side: both legs' markers). */
  readonly markers?: readonly MarkerName[];
  /** Marker diameter, cm. Default 1.6 (a common reflective marker / sticker). */
  readonly markerDiameterCm?: number;
  /** 'bright' (white, LEDs or retro-reflective under a ring light) or a sticker colour. Default 'bright'. */
  readonly markerColour?: 'bright' | Rgb;
  /**
   * Shutter time, seconds (0 = no blur). Default 1/250 s: running is filmed with a short shutter;
   * the foot in swing still smears over about twice its marker's diameter.
   */
  readonly shutterS?: number;
  /** SD of the Gaussian pixel noise, grey levels. Default 3. */
  readonly noiseSd?: number;
  /** One marker hidden for some frames. Default: a knee (side) or a shank marker (rear), 5 frames from frame 40. */
  readonly hidden?: { readonly name: MarkerName; readonly from: number; readonly frames: number } | null;
  /** Background bright spots (lamps, reflections, a round screw head). Default true. */
  readonly distractors?: boolean;
  readonly markerDesign?: MarkerDesign;
}

export interface MarkerTruthPoint {
  readonly x: number;
  readonly y: number;
  /** False while the marker is hidden (the hidden-marker option, or behind a near-leg marker). */
  readonly visible: boolean;
}

export interface MarkerClipTruth {
  readonly points: Partial<Record<MarkerName, readonly MarkerTruthPoint[]>>;
  /** Designed sagittal pelvic tilt per frame, degrees, + = anterior (side view). */
  readonly tilt: Float64Array;
  /** Designed rearfoot eversion per frame and leg, degrees, + = eversion (rear view). */
  readonly eversion: Record<Side, Float64Array>;
  /** The design's events, on this clip's frames (frameF = t · fps). */
  readonly events: readonly MarkerEvent[];
  readonly design: GaitDesign;
  readonly markerDesign: MarkerDesign;
  /** Model time of frame 0, seconds (for designedTilt / designedEversion at event times). */
  readonly startS: number;
}

export interface MarkerClip {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frameCount: number;
  readonly markers: readonly MarkerName[];
  readonly camera: CameraOptions;
  readonly truth: MarkerClipTruth;
  /** Renders frame i (RGBA). */
  frame(i: number): MarkerFrame;
  frames(): Generator<MarkerFrame>;
}

/**
 * Side view: the near (right) leg's seven markers and the far leg's knee, ankle and foot markers (LEDs
 * that show between the legs), which cross the near leg's every step. The far pelvis markers would sit
 * exactly behind the near ones in this orthographic camera, so they are left off.
 */
const SIDE_DEFAULT: readonly MarkerName[] = [
  ...(
    [
      'Asis',
      'Psis',
      'GreaterTrochanter',
      'LateralKnee',
      'LateralMalleolus',
      'Heel',
      'FifthMetatarsal',
    ] as const
  ).map((site): MarkerName => `right${site}`),
  ...(['LateralKnee', 'LateralMalleolus', 'Heel', 'FifthMetatarsal'] as const).map(
    (site): MarkerName => `left${site}`,
  ),
];
const REAR_DEFAULT: readonly MarkerName[] = [
  'leftPsis',
  'rightPsis',
  ...(['left', 'right'] as const).flatMap((s) =>
    (['HeelCounterUpper', 'HeelCounterLower', 'ShankUpper', 'ShankLower'] as const).map(
      (site): MarkerName => `${s}${site}`,
    ),
  ),
];

const BACKGROUND: Rgb = [96, 96, 100];
const SKIN: Rgb = [60, 52, 48];
const CLOTH: Rgb = [40, 44, 60];
const LAMP: Rgb = [250, 250, 250];

export function generateMarkerClip(o: MarkerClipOptions): MarkerClip {
  const fps = o.fps ?? 60;
  const durationS = o.durationS ?? 3;
  const startS = o.startS ?? 0.113;
  const statureCm = o.statureCm ?? 175;
  const width = o.width ?? (o.view === 'rear' ? 540 : 960);
  const height = o.height ?? (o.view === 'rear' ? 960 : 540);
  const pxPerCm = o.pxPerCm ?? (o.view === 'rear' ? 4.2 : 3.4);
  const design = new GaitDesign(designFromOptions(o), bodyFromStature(statureCm));
  const md = o.markerDesign ?? DEFAULT_MARKER_DESIGN;
  const cam: CameraOptions = {
    view: o.view,
    facing: o.facing ?? 'image-right',
    width,
    height,
    pxPerCm,
    yawDeg: o.cameraYawDeg ?? 0,
    labels: 'anatomical',
  };
  // Rear view: frame the legs (the camera sits low, as for rearfoot work): shift the image up.
  const shiftY = o.view === 'rear' ? height * 0.1 + 0 : 0;
  const markers = o.markers ?? (o.view === 'side' ? SIDE_DEFAULT : REAR_DEFAULT);
  const radius = ((o.markerDiameterCm ?? 1.6) / 2) * pxPerCm;
  const colour: Rgb =
    o.markerColour === undefined || o.markerColour === 'bright' ? [250, 250, 250] : o.markerColour;
  const shutterS = o.shutterS ?? 1 / 250;
  const noiseSd = o.noiseSd ?? 3;
  const hidden =
    o.hidden === undefined
      ? {
          name: (o.view === 'side' ? 'rightLateralKnee' : 'leftShankUpper') as MarkerName,
          from: 40,
          frames: 5,
        }
      : o.hidden;
  const frameCount = Math.round(durationS * fps);

  const at = (tModel: number): Partial<Record<MarkerName, ImageXY>> => {
    const pos = markerPositions(design, md, cam, tModel);
    for (const k of Object.keys(pos) as MarkerName[]) pos[k] = { ...pos[k]!, y: pos[k]!.y - shiftY };
    return pos;
  };

  // Truth per frame.
  const points: Partial<Record<MarkerName, MarkerTruthPoint[]>> = {};
  for (const name of markers) points[name] = [];
  const tilt = new Float64Array(frameCount);
  const eversion = { left: new Float64Array(frameCount), right: new Float64Array(frameCount) };
  for (let i = 0; i < frameCount; i++) {
    const tm = startS + i / fps;
    const pos = at(tm);
    for (const name of markers) {
      const p = pos[name]!;
      const isHidden =
        hidden !== null && name === hidden.name && i >= hidden.from && i < hidden.from + hidden.frames;
      // Covered: another marker nearer the camera overlaps it (the far leg's behind the near leg's;
      // in the rear view, a swing foot's markers behind the stance leg's).
      const covered = markers.some(
        (other) =>
          other !== name &&
          pos[other]!.depth < p.depth &&
          Math.hypot(pos[other]!.x - p.x, pos[other]!.y - p.y) < 3 * radius,
      );
      points[name]!.push({ x: p.x, y: p.y, visible: !isHidden && !covered });
    }
    tilt[i] = designedTilt(design, md, tm);
    eversion.left[i] = designedEversion(design, md, 'left', tm);
    eversion.right[i] = designedEversion(design, md, 'right', tm);
  }
  const events: MarkerEvent[] = truthEvents(design, startS, frameCount / fps).map((e) => ({
    kind: e.kind,
    side: e.side,
    frameF: e.t * fps,
  }));

  const background = new Canvas(width, height);
  background.fill(BACKGROUND);
  if (o.distractors ?? true) drawDistractors(background, radius, colour);
  const prng = createPrng(o.seed ?? 7);
  const noise = new Float32Array(1 << 16);
  for (let i = 0; i < noise.length; i++) noise[i] = prng.gaussian();

  const frame = (i: number): MarkerFrame => {
    const c = new Canvas(width, height);
    c.copyFrom(background);
    const tm = startS + i / fps;
    drawBody(c, design, cam, tm, shiftY);
    const half = shutterS / 2;
    const a = at(tm - half);
    const b = at(tm + half);
    // Farthest first, so nearer markers cover them where they overlap.
    const order = [...markers].sort((m, n) => b[n]!.depth - b[m]!.depth);
    for (const name of order) {
      if (hidden !== null && name === hidden.name && i >= hidden.from && i < hidden.from + hidden.frames)
        continue;
      c.blurredDisc(a[name]!.x, a[name]!.y, b[name]!.x, b[name]!.y, radius, colour);
    }
    if (noiseSd > 0) c.addNoise(noise, (i * 104729) >>> 0, noiseSd);
    return { index: i, t: i / fps, width, height, data: c.data, format: 'rgba' };
  };

  return {
    width,
    height,
    fps,
    frameCount,
    markers,
    camera: cam,
    truth: { points, tilt, eversion, events, design, markerDesign: md, startS },
    frame,
    *frames() {
      for (let i = 0; i < frameCount; i++) yield frame(i);
    },
  };
}

/** The runner as capsules: trunk, thighs, shanks, feet, upper arms and forearms; far side darker. */
function drawBody(c: Canvas, design: GaitDesign, cam: CameraOptions, t: number, shiftY: number): void {
  const p = poseAt(design, t).points;
  const r = cam.pxPerCm;
  const img = (name: keyof typeof p): [number, number] => {
    const [x, y] = project(p[name], cam);
    return [x, y - shiftY];
  };
  const seg = (a: keyof typeof p, b: keyof typeof p, radiusCm: number, col: Rgb): void => {
    const [ax, ay] = img(a);
    const [bx, by] = img(b);
    c.capsule(ax, ay, bx, by, radiusCm * r, col);
  };
  const far: Rgb = [CLOTH[0] - 10, CLOTH[1] - 10, CLOTH[2] - 10];
  const near = cam.facing === 'image-right' ? 'right' : 'left';
  const order =
    cam.view === 'side'
      ? ([near === 'right' ? 'left' : 'right', near] as const)
      : (['left', 'right'] as const);
  const [shx, shy] = img('leftShoulder');
  const [srx, sry] = img('rightShoulder');
  const [hlx, hly] = img('leftHip');
  const [hrx, hry] = img('rightHip');
  c.capsule((shx + srx) / 2, (shy + sry) / 2, (hlx + hrx) / 2, (hly + hry) / 2, 9 * r, CLOTH);
  for (const s of order) {
    const col = cam.view === 'side' && s !== near ? far : CLOTH;
    seg(`${s}Hip`, `${s}Knee`, 7, col);
    seg(`${s}Knee`, `${s}Ankle`, 5, SKIN);
    seg(`${s}Heel`, `${s}FootIndex`, 4, col);
    seg(`${s}Shoulder`, `${s}Elbow`, 4, SKIN);
    seg(`${s}Elbow`, `${s}Wrist`, 3.5, SKIN);
  }
}

/**
 * What a clinic's background throws at a bright-spot detector: a ceiling lamp (long bar), a window
 * (too big), specks (too small) and one round spot of a marker's size (a screw head: only the
 * tracker's gating can reject it).
 */
function drawDistractors(c: Canvas, radius: number, colour: Rgb): void {
  const w = c.width;
  const h = c.height;
  c.rect(w * 0.05, h * 0.04, w * 0.45, h * 0.04 + 5, LAMP);
  c.rect(w * 0.72, h * 0.06, w * 0.95, h * 0.22, [235, 235, 235]);
  for (let k = 0; k < 12; k++) {
    const x = Math.floor(w * (0.08 + 0.07 * k));
    const y = Math.floor(h * (0.3 + 0.04 * (k % 4)));
    c.rect(x, y, x + 1, y + 1, LAMP);
  }
  c.blurredDisc(w * 0.12, h * 0.62, w * 0.12, h * 0.62, radius, colour);
  // A streak of the marker colour (a reflective stripe on equipment).
  c.rect(w * 0.85, h * 0.5, w * 0.86, h * 0.75, colour);
}
