/**
 * Blob detection (docs/markers.md, "Detection"): a level image (brightness, or closeness to a picked
 * colour), a threshold, connected components, then per component an intensity-weighted sub-pixel
 * centroid, its area, a roundness from its second moments and its contrast against the ring of
 * pixels around it. Components outside the area limits or not round enough are dropped: background
 * lights and reflections are mostly too big, too small or elongated, markers are small discs.
 */
import { pixels } from '../units';
import type { Blob, DetectionOptions, MarkerImage } from './types';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Rec. 601 luma weights (ITU-R BT.601), in 1/256ths: the grey level of an RGB pixel. */
const lumaOf = (r: number, g: number, b: number): number => (77 * r + 150 * g + 29 * b) / 256;

/**
 * Hexcone chroma coordinates of a colour [Smith 1978, "Color gamut transform pairs"; the α, β
 * projection of HSV's hexcone]: the distance between two colours in (α, β, V) is an HSV distance
 * that wraps hue and ignores the hue of greys. Divided by 510 it lies in 0..1 (red against cyan).
 */
function hexcone(r: number, g: number, b: number): [number, number, number] {
  return [r - (g + b) / 2, (Math.sqrt(3) / 2) * (g - b), Math.max(r, g, b)];
}

/** HSV (hexcone) distance 0..1 between two sRGB colours. */
export function colourDistance(
  a: readonly [number, number, number],
  b: readonly [number, number, number],
): number {
  const p = hexcone(a[0], a[1], a[2]);
  const q = hexcone(b[0], b[1], b[2]);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]) / 510;
}

function formatOf(image: MarkerImage): 'rgba' | 'gray' {
  if (image.format) return image.format;
  const n = image.width * image.height;
  if (image.data.length === 4 * n) return 'rgba';
  if (image.data.length === n) return 'gray';
  throw new Error(`detectBlobs: ${image.data.length} bytes do not fit ${image.width}x${image.height}`);
}

function regionOf(image: MarkerImage, options: DetectionOptions): Rect {
  const r = options.region;
  if (!r) return { x: 0, y: 0, w: image.width, h: image.height };
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(image.width, Math.ceil(r.x + r.width));
  const y1 = Math.min(image.height, Math.ceil(r.y + r.height));
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/** The level image of the region: grey level 0..255, or 255·(1 − distance/tolerance) for a colour. */
export function levels(image: MarkerImage, rect: Rect, options: DetectionOptions): Float32Array {
  const out = new Float32Array(rect.w * rect.h);
  const rgba = formatOf(image) === 'rgba';
  const d = image.data;
  const a = options.appearance;
  const target = a.kind === 'colour' ? hexcone(a.rgb[0], a.rgb[1], a.rgb[2]) : null;
  const tol = a.kind === 'colour' ? (a.tolerance ?? 0.25) * 510 : 1;
  for (let y = 0; y < rect.h; y++) {
    let src = (rect.y + y) * image.width + rect.x;
    let dst = y * rect.w;
    for (let x = 0; x < rect.w; x++, src++, dst++) {
      if (!rgba) {
        out[dst] = d[src]!;
        continue;
      }
      const r = d[4 * src]!;
      const g = d[4 * src + 1]!;
      const b = d[4 * src + 2]!;
      if (target === null) out[dst] = lumaOf(r, g, b);
      else {
        const al = r - (g + b) / 2 - target[0];
        const be = (Math.sqrt(3) / 2) * (g - b) - target[1];
        const v = Math.max(r, g, b) - target[2];
        out[dst] = Math.max(0, 255 * (1 - Math.sqrt(al * al + be * be + v * v) / tol));
      }
    }
  }
  return out;
}

function histogram(level: Float32Array): Uint32Array {
  const hist = new Uint32Array(256);
  for (let i = 0; i < level.length; i++) hist[Math.min(255, Math.max(0, Math.round(level[i]!)))]! += 1;
  return hist;
}
function medianOf(hist: Uint32Array, n: number): number {
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= n / 2) return v;
  }
  return 255;
}
function medianLevel(level: Float32Array): number {
  return medianOf(histogram(level), level.length);
}

/**
 * Automatic threshold: halfway between the region's median level (the background) and the level
 * that at least 5 pixels reach (markers are the brightest thing; 5 pixels ignore single hot pixels).
 */
export function autoThreshold(level: Float32Array): number {
  const hist = histogram(level);
  const median = medianOf(hist, level.length);
  let acc = 0;
  let top = 255;
  for (let v = 255; v >= 0; v--) {
    acc += hist[v]!;
    if (acc >= 5) {
      top = v;
      break;
    }
  }
  return median + 0.5 * (top - median);
}

function thresholdOf(level: Float32Array, options: DetectionOptions): number {
  const a = options.appearance;
  if (a.kind === 'colour') return 0;
  if (a.threshold === undefined || a.threshold === 'auto') return autoThreshold(level);
  if (typeof a.threshold === 'number') return a.threshold;
  return medianLevel(level) + a.threshold.aboveBackground;
}

/**
 * Detects the candidate markers in one image. Coordinates are pixels of the image (pixel i spans
 * [i, i+1), so a disc centred on a pixel's centre has x = i + 0.5).
 */
export function detectBlobs(image: MarkerImage, options: DetectionOptions): Blob[] {
  return detectAtThresholds(image, options, (level) => [thresholdOf(level, options)])[0] ?? [];
}

/**
 * Detects at several thresholds over one level image: `thresholds` gets the region's level image and
 * its median and returns the grey levels to cut at (the tracker's local search, track-search.ts).
 * One list of blobs per threshold, in the order given.
 */
export function detectAtThresholds(
  image: MarkerImage,
  options: DetectionOptions,
  thresholds: (level: Float32Array, median: number) => readonly number[],
): Blob[][] {
  const rect = regionOf(image, options);
  if (rect.w === 0 || rect.h === 0) return [];
  const level = levels(image, rect, options);
  return thresholds(level, medianLevel(level)).map((t) => components(level, rect, t, options));
}

/** The components of the level image above `threshold` that pass the area and roundness limits. */
function components(level: Float32Array, rect: Rect, threshold: number, options: DetectionOptions): Blob[] {
  const minArea = options.minAreaPx ?? 4;
  const maxArea = options.maxAreaPx ?? 2000;
  const minRound = options.minRoundness ?? 0.5;
  const { w, h } = rect;
  // Component labels: 0 = background, -1 = above threshold not yet labelled, k > 0 = component k.
  const label = new Int32Array(w * h);
  for (let i = 0; i < level.length; i++) if (level[i]! > threshold) label[i] = -1;
  const blobs: Blob[] = [];
  const stack: number[] = [];
  const members: number[] = [];
  let next = 0;
  for (let start = 0; start < label.length; start++) {
    if (label[start] !== -1) continue;
    next++;
    label[start] = next;
    stack.push(start);
    members.length = 0;
    let tooBig = false;
    // 8-connected flood fill: a blurred marker's thin streak stays one component.
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (members.length <= maxArea) members.push(p);
      else tooBig = true;
      const px = p % w;
      const py = (p - px) / w;
      for (let dy = -1; dy <= 1; dy++) {
        const qy = py + dy;
        if (qy < 0 || qy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const qx = px + dx;
          if (qx < 0 || qx >= w) continue;
          const q = qy * w + qx;
          if (label[q] === -1) {
            label[q] = next;
            stack.push(q);
          }
        }
      }
    }
    if (tooBig || members.length < minArea || members.length > maxArea) continue;
    const blob = measure(members, next, label, level, w, h, rect);
    if (blob && blob.roundness >= minRound) blobs.push(blob);
  }
  return blobs;
}

/** Centroid, shape and contrast of one component (`id` in `label`). */
function measure(
  members: readonly number[],
  id: number,
  label: Int32Array,
  level: Float32Array,
  w: number,
  h: number,
  rect: Rect,
): Blob | null {
  let minX = w;
  let minY = h;
  let maxX = 0;
  let maxY = 0;
  let sx = 0;
  let sy = 0;
  let sum = 0;
  for (const p of members) {
    const x = p % w;
    const y = (p - x) / w;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    sx += x;
    sy += y;
    sum += level[p]!;
  }
  const n = members.length;
  const mx = sx / n;
  const my = sy / n;
  let cxx = 0;
  let cyy = 0;
  let cxy = 0;
  for (const p of members) {
    const x = (p % w) - mx;
    const y = Math.floor(p / w) - my;
    cxx += x * x;
    cyy += y * y;
    cxy += x * y;
  }
  // Each pixel is a unit square, not a point: add its own variance (1/12) on each axis.
  cxx = cxx / n + 1 / 12;
  cyy = cyy / n + 1 / 12;
  cxy /= n;
  const tr = (cxx + cyy) / 2;
  const disc = Math.sqrt(((cxx - cyy) / 2) ** 2 + cxy * cxy);
  const l1 = tr + disc;
  const l2 = Math.max(tr - disc, 1e-9);
  // Roundness: axis ratio of the ellipse with the same second moments, times how well the component
  // fills that ellipse (area π·a·b with semi-axes 2√λ): 1 for a disc, lower for streaks and rings.
  const fill = Math.min(1, n / (4 * Math.PI * Math.sqrt(l1 * l2)));
  const roundness = Math.sqrt(l2 / l1) * fill;

  // Background: median level of the ring 2..3 px outside the bounding box, not in any component.
  const ring: number[] = [];
  for (let y = minY - 3; y <= maxY + 3; y++) {
    if (y < 0 || y >= h) continue;
    for (let x = minX - 3; x <= maxX + 3; x++) {
      if (x < 0 || x >= w) continue;
      if (y >= minY - 1 && y <= maxY + 1 && x >= minX - 1 && x <= maxX + 1) continue;
      const q = y * w + x;
      if (label[q] === 0) ring.push(level[q]!);
    }
  }
  ring.sort((a, b) => a - b);
  const bg = ring.length > 0 ? ring[ring.length >> 1]! : 0;

  // Intensity-weighted centroid over the component and its 1-px border (the anti-aliased edge holds
  // sub-pixel information), weights = level above the background.
  let wx = 0;
  let wy = 0;
  let ws = 0;
  for (let y = Math.max(0, minY - 1); y <= Math.min(h - 1, maxY + 1); y++) {
    for (let x = Math.max(0, minX - 1); x <= Math.min(w - 1, maxX + 1); x++) {
      const q = y * w + x;
      if (label[q] !== id && !touches(label, id, x, y, w, h)) continue;
      const wt = level[q]! - bg;
      if (wt <= 0) continue;
      wx += wt * (x + 0.5);
      wy += wt * (y + 0.5);
      ws += wt;
    }
  }
  if (ws <= 0) return null;
  return {
    x: pixels(rect.x + wx / ws),
    y: pixels(rect.y + wy / ws),
    areaPx: n,
    roundness,
    contrast: sum / n - bg,
    level: sum / n,
    radiusPx: Math.sqrt(n / Math.PI),
  };
}

/** Whether pixel (x, y) has an 8-neighbour in component `id`. */
function touches(label: Int32Array, id: number, x: number, y: number, w: number, h: number): boolean {
  for (let dy = -1; dy <= 1; dy++) {
    const qy = y + dy;
    if (qy < 0 || qy >= h) continue;
    for (let dx = -1; dx <= 1; dx++) {
      const qx = x + dx;
      if (qx >= 0 && qx < w && label[qy * w + qx] === id) return true;
    }
  }
  return false;
}

/**
 * The whole image as a grey level image (1 byte a pixel): what the tracker keeps of the frames before
 * the seed frame, for its backward pass. Detect on it with `{ kind: 'bright' }`.
 */
export function levelImage(image: MarkerImage, options: DetectionOptions): MarkerImage {
  const level = levels(image, { x: 0, y: 0, w: image.width, h: image.height }, options);
  const data = new Uint8Array(level.length);
  for (let i = 0; i < level.length; i++) data[i] = Math.round(level[i]!);
  return { width: image.width, height: image.height, data, format: 'gray' };
}
