/**
 * Where the rear legs' 1 px misses are (docs/markers.md, "Where the rear legs' misses are"): every
 * visible leg marker-frame not detected within 1 px of the truth, by cause:
 *   npx tsx test/markers/bench-misses.ts [30|60] [noise seed]
 * - detected off: reported detected more than 1 px from the truth;
 * - unfinished fold: held back after the leg's last frame with all four detected (the clip's last
 *   fold, which no fold search reaches);
 * - held back, merged or apart (another member's truth within 2.5 radii or not), with or without an
 *   observation within 1 px of the truth (a blob's centroid or a split disc, as the fold search sees
 *   them: track-fold-obs.ts `foldObservations`, its column put on the truth), and whether the
 *   tracker's own held-back point lies within 1 px anyway.
 */
import type { MarkerName } from '../../src-shared/markers';
import { detectBlobs } from '../../src-shared/markers/detect';
import { foldObservations } from '../../src-shared/markers/track-fold-obs';
import { CASES, runCase } from './cases';

const fps = Number(process.argv[2] ?? 60) === 30 ? 30 : 60;
const seed = Number(process.argv[3] ?? 7);
const r = await runCase({ ...CASES.find((c) => c.id.startsWith(`rear ${fps}`))!, seed });
const { clip } = r;
const frames = [...clip.frames()];
const detection = { appearance: { kind: 'bright' as const } };
const truthOf = (name: MarkerName): NonNullable<(typeof clip.truth.points)[MarkerName]> =>
  clip.truth.points[name]!;

const causes = new Map<string, Map<string, number>>();
const count = (name: MarkerName, cause: string): void => {
  const m = causes.get(cause) ?? new Map<string, number>();
  m.set(name, (m.get(name) ?? 0) + 1);
  causes.set(cause, m);
};

for (const side of ['left', 'right'] as const) {
  const leg = ['ShankUpper', 'ShankLower', 'HeelCounterUpper', 'HeelCounterLower'].map(
    (s) => (side + s) as MarkerName,
  );
  const tracks = leg.map((n) => r.tracks.find((t) => t.name === n)!);
  // The markers' radius and contrast from their blobs on frame 0 (every member apart there).
  const seedBlobs = leg.map((n) => {
    const t = truthOf(n)[0]!;
    const near = detectBlobs(frames[0]!, {
      ...detection,
      region: { x: t.x - 10, y: t.y - 10, width: 20, height: 20 },
    });
    return near.sort((a, b) => Math.hypot(a.x - t.x, a.y - t.y) - Math.hypot(b.x - t.x, b.y - t.y))[0]!;
  });
  const radius = Math.sqrt(seedBlobs.reduce((a, b) => a + b.areaPx, 0) / seedBlobs.length / Math.PI);
  const contrast = seedBlobs.reduce((a, b) => a + b.contrast, 0) / seedBlobs.length;
  let span = 0;
  for (let i = 0; i < clip.frameCount; i++) {
    const ys = leg.map((n) => truthOf(n)[i]!.y);
    span = Math.max(span, Math.max(...ys) - Math.min(...ys));
  }
  let lastNamed = -1;
  for (let i = 0; i < clip.frameCount; i++)
    if (tracks.every((t) => t.points[i]!.state === 'detected')) lastNamed = i;
  leg.forEach((name, k) => {
    const truth = truthOf(name);
    for (let i = 0; i < clip.frameCount; i++) {
      const t = truth[i]!;
      if (!t.visible) continue;
      const p = tracks[k]!.points[i]!;
      const err = Math.hypot(p.x - t.x, p.y - t.y);
      if (p.state === 'detected' && err <= 1) continue;
      const merged = leg.some(
        (o, q) => q !== k && Math.hypot(truthOf(o)[i]!.x - t.x, truthOf(o)[i]!.y - t.y) < 2.5 * radius,
      );
      const where = merged ? 'merged' : 'apart';
      if (p.state === 'detected') {
        count(name, `detected off, ${where}`);
        continue;
      }
      if (i > lastNamed) {
        count(name, 'held back in the unfinished fold');
        continue;
      }
      const obs = foldObservations(frames[i]!, detection, {
        at: leg.map((o) => truthOf(o)[i]!),
        radius,
        contrast,
        span,
      });
      const seen = obs.some((o) => Math.hypot(o.x - t.x, o.y - t.y) <= 1);
      count(
        name,
        `held back, ${where}, ${seen ? 'an observation within 1 px' : 'no observation within 1 px'}` +
          (err <= 1 ? ', its own point within 1 px' : ''),
      );
    }
  });
}

console.log(
  `rear ${fps} fps, noise seed ${seed}: within 1 px ${r.within}/${r.visible} ` +
    `(${((100 * r.within) / r.visible).toFixed(1)}%), swaps ${r.swaps}`,
);
const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
for (const [cause, m] of [...causes].sort((a, b) => total(b[1]) - total(a[1])))
  console.log(
    `  ${String(total(m)).padStart(4)}  ${cause}: ${[...m].map(([n, c]) => `${n} ${c}`).join(', ')}`,
  );
