/**
 * A non-periodic movement filmed by two cameras, with known answers, for the synchronisation's tests
 * and benchmarks (the synthetic runner in src-shared/gait/synthetic covers running). Each body point
 * moves smoothly and irregularly (a sum of random sinusoids between 0.3 and 2.5 Hz, like a person
 * balancing, lunging and waving) and each camera sees it from its own direction (yaw about the
 * vertical, pitch down from above), at its own frame rate, starting at its own moment, with pixel
 * noise and dropouts. Pure and seeded.
 */
import { LANDMARK_COUNT, type LandmarkFrame, type LandmarkSeries } from '../pose/landmarks';
import { createPrng, type Prng } from '../gait/synthetic/prng';

export interface TwoViewCamera {
  readonly fps: number;
  /** Time into the movement of this clip's first frame, seconds. */
  readonly startS: number;
  readonly durationS: number;
  /** Direction of view about the vertical axis, degrees (0 and 180 face each other). */
  readonly yawDeg: number;
  /** Looking down at this angle, degrees (0 = level). */
  readonly pitchDeg?: number;
  readonly noisePx?: number;
  /** Probability per frame that the pose is missing. */
  readonly noPoseRate?: number;
  /** Timestamp jitter as a fraction of the frame period (variable frame rate). */
  readonly timeJitter?: number;
  readonly seed?: number;
}

interface Point3 {
  x: number;
  y: number;
  z: number;
}

type Motion = (t: number) => Point3[];

/** The movement: every landmark's 3D position (cm, y up) as a function of time. */
export function randomMovement(seed: number): Motion {
  const rng = createPrng(seed);
  const comps = Array.from({ length: LANDMARK_COUNT }, (_, k) => {
    const base = {
      x: (rng.next() - 0.5) * 40,
      y: 170 - (k / LANDMARK_COUNT) * 160,
      z: (rng.next() - 0.5) * 40,
    };
    const waves = Array.from({ length: 4 }, () => ({
      f: 0.3 + 2.2 * rng.next(),
      amp: { x: 4 + 8 * rng.next(), y: 4 + 8 * rng.next(), z: 4 + 8 * rng.next() },
      phase: { x: 2 * Math.PI * rng.next(), y: 2 * Math.PI * rng.next(), z: 2 * Math.PI * rng.next() },
    }));
    return { base, waves };
  });
  return (t) =>
    comps.map(({ base, waves }) => {
      const p = { ...base };
      for (const w of waves)
        for (const axis of ['x', 'y', 'z'] as const)
          p[axis] += w.amp[axis] * Math.sin(2 * Math.PI * w.f * t + w.phase[axis]);
      return p;
    });
}

function project(p: Point3, cam: TwoViewCamera, pxPerCm: number, rng: Prng): [number, number] {
  const yaw = (cam.yawDeg * Math.PI) / 180;
  const pitch = ((cam.pitchDeg ?? 0) * Math.PI) / 180;
  const x = p.x * Math.cos(yaw) + p.z * Math.sin(yaw);
  const depth = -p.x * Math.sin(yaw) + p.z * Math.cos(yaw);
  // Looking down: image "up" mixes height with depth (nearer points sit lower in the image).
  const up = p.y * Math.cos(pitch) - depth * Math.sin(pitch);
  const noise = cam.noisePx ?? 0;
  return [640 + pxPerCm * x + noise * rng.gaussian(), 1000 - pxPerCm * up + noise * rng.gaussian()];
}

/** Film `motion` with one camera: a `stridelab.landmarks/1` series as the pose engine writes it. */
export function filmMovement(motion: Motion, cam: TwoViewCamera, name = 'two-views.json'): LandmarkSeries {
  const rng = createPrng(cam.seed ?? 1);
  const count = Math.round(cam.durationS * cam.fps);
  const pxPerCm = 5;
  const frames: LandmarkFrame[] = [];
  for (let i = 0; i < count; i++) {
    const jitter = (cam.timeJitter ?? 0) * (rng.next() - 0.5);
    const t = i === 0 ? 0 : (i + jitter) / cam.fps;
    if ((cam.noPoseRate ?? 0) > 0 && rng.next() < (cam.noPoseRate ?? 0)) {
      frames.push({ index: i, t, status: 'no-pose' });
      continue;
    }
    const image = motion(cam.startS + t).map((p) => {
      const [x, y] = project(p, cam, pxPerCm, rng);
      return [x, y, 0, 0.95, 0.99] as [number, number, number, number, number];
    });
    frames.push({ index: i, t, status: 'pose', image });
  }
  return {
    schema: 'stridelab.landmarks/1',
    source: {
      file: name,
      width: 1280,
      height: 1280,
      fps: cam.fps,
      frameCount: count,
      durationS: count / cam.fps,
      variableFrameRate: (cam.timeJitter ?? 0) > 0,
    },
    model: { name: 'external', version: 'two-views' },
    frames,
  };
}

/**
 * Drop the first k frames of a series and restart its clock at the new first frame, as if the
 * camera had been started k frames later (what `ffmpeg -ss` on the clip would give).
 */
export function dropLeadingFrames(series: LandmarkSeries, k: number): LandmarkSeries {
  const t0 = series.frames[k]?.t ?? 0;
  const frames = series.frames.slice(k).map((f, i) => ({ ...f, index: i, t: Math.max(0, f.t - t0) }));
  return {
    ...series,
    source: {
      ...series.source,
      frameCount: frames.length,
      durationS: Math.max(0, series.source.durationS - t0),
    },
    frames,
  };
}
