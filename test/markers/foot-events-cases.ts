/**
 * Marker events against the truth (issue 15 item 3; docs/markers.md "Marker events"): the synthetic
 * runner rendered with its markers (generateMarkerClip: blur, noise, distractors), the markers
 * tracked as a PT would seed them (cases.ts), the feet's events read from the tracks; beside it the
 * same run as pose landmarks (generateRunner, same design and frames, landmark noise), analysed by
 * the one orchestration (analyseClip) without and with the marker tracks. Every contact and toe-off
 * of the design inside the clip is scored against the three: the markers' own events, the
 * landmarks', and the events the analysis used. Used by foot-events.test.ts and by
 * `npx tsx test/markers/bench-foot-events.ts`, which prints the table the docs quote.
 */
import { generateRunner, type StrikeType } from '../../src-shared/gait/synthetic';
import { truthSeeds } from '../../src-shared/markers/testing';
import { generateMarkerClip, type MarkerClip } from '../../src-shared/gait/synthetic/marker-clip';
import { trackMarkers, type MarkerName, type MarkerTrack } from '../../src-shared/markers';
import type { FootEvents } from '../../src-shared/markers/foot-events';
import { feetFromTracks } from '../../src-shared/markers/foot-events-engine';
import { analyseClip, type ClipAnalysis } from '../../src-shared/review/analyse';
import { seedFrameOf } from './cases';

export interface FootCaseSpec {
  readonly id: string;
  readonly fps: 30 | 60;
  readonly durationS: number;
  readonly strike: StrikeType;
  /** Hide the near (right) heel marker for 5 frames around a contact mid-clip. */
  readonly hideHeel: boolean;
  /** SD of the landmark noise, pixels, on a runner 540 px tall (MediaPipe's foot points jitter by
   *  5–10 px on the 1000 px runner of the sample clip: docs/gait-methods.md). */
  readonly landmarkNoisePx: number;
  readonly seed?: number;
}

export const FOOT_CASES: readonly FootCaseSpec[] = [
  {
    id: 'rearfoot 60 fps, heel hidden at a contact',
    fps: 60,
    durationS: 4,
    strike: 'rearfoot',
    hideHeel: true,
    landmarkNoisePx: 3,
  },
  {
    id: 'rearfoot 30 fps, heel hidden at a contact',
    fps: 30,
    durationS: 4,
    strike: 'rearfoot',
    hideHeel: true,
    landmarkNoisePx: 3,
  },
  { id: 'forefoot 60 fps', fps: 60, durationS: 4, strike: 'forefoot', hideHeel: false, landmarkNoisePx: 3 },
  { id: 'forefoot 30 fps', fps: 30, durationS: 4, strike: 'forefoot', hideHeel: false, landmarkNoisePx: 3 },
  // Landmarks as jittery as MediaPipe's foot points on the sample clip (5–10 px on a 1000 px runner).
  {
    id: 'rearfoot 30 fps, landmark noise 8 px',
    fps: 30,
    durationS: 4,
    strike: 'rearfoot',
    hideHeel: false,
    landmarkNoisePx: 8,
  },
];

type Kind = 'initial-contact' | 'toe-off';

/** One true event and what each source put nearest it (frame errors, + = late); null: none near. */
export interface ScoredEvent {
  readonly kind: Kind;
  readonly side: 'left' | 'right';
  readonly truthF: number;
  /** The markers' event, and whether its markers were seen there. */
  readonly marker: { readonly err: number; readonly seen: boolean; readonly by: string } | null;
  readonly landmark: number | null;
  readonly used: { readonly err: number; readonly source: string } | null;
  /** The near heel marker was hidden on this event's frames. */
  readonly hidden: boolean;
}

export interface FootCaseResult {
  readonly spec: FootCaseSpec;
  readonly clip: MarkerClip;
  readonly tracks: MarkerTrack[];
  readonly feet: FootEvents[];
  readonly events: ScoredEvent[];
  readonly landmarks: ClipAnalysis;
  readonly hybrid: ClipAnalysis;
  readonly hiddenFrames: readonly [number, number] | null;
}

export async function runFootCase(spec: FootCaseSpec): Promise<FootCaseResult> {
  const common = {
    view: 'side' as const,
    fps: spec.fps,
    durationS: spec.durationS,
    strike: spec.strike,
    ...(spec.seed !== undefined ? { seed: spec.seed } : {}),
  };
  // The hidden stretch: five frames from two before the near foot's contact nearest mid-clip.
  const plain = generateMarkerClip({ ...common, hidden: null });
  const mid = plain.frameCount / 2;
  const target = plain.truth.events
    .filter((e) => e.kind === 'initial-contact' && e.side === 'right')
    .reduce((a, b) => (Math.abs(b.frameF - mid) < Math.abs(a.frameF - mid) ? b : a));
  const from = Math.floor(target.frameF) - 2;
  const hidden = spec.hideHeel ? { name: 'rightHeel' as MarkerName, from, frames: 5 } : null;
  const clip = generateMarkerClip({ ...common, hidden });
  const names = clip.markers;
  const frame = seedFrameOf(clip, names);
  const seeds = truthSeeds(clip, names, frame);
  const tracks = await trackMarkers([...clip.frames()], seeds, {
    detection: { appearance: { kind: 'bright' } },
    frameCount: clip.frameCount,
  });
  const feet = feetFromTracks(tracks);

  // The same run as the pose model would give it: same design and frames (the generator's own
  // framing: the whole runner in a 1280×720 picture, 540 px tall).
  const runner = generateRunner({
    ...common,
    noisePx: spec.landmarkNoisePx,
    seed: spec.seed ?? 7,
  });
  const inputs = { view: 'side' as const, trim: { startFrame: 0, endFrame: Number.MAX_SAFE_INTEGER } };
  const landmarks = analyseClip(runner.series, [], inputs);
  const hybrid = analyseClip(runner.series, [], { ...inputs, markerTracks: tracks });

  const stride = (clip.truth.design.strideS * clip.fps) as number;
  const reach = 0.3 * stride;
  const nearest = <T extends { frameF: number }>(xs: readonly T[], f: number): T | null => {
    let best: T | null = null;
    for (const x of xs) if (!best || Math.abs(x.frameF - f) < Math.abs(best.frameF - f)) best = x;
    return best && Math.abs(best.frameF - f) <= reach ? best : null;
  };
  const events: ScoredEvent[] = [];
  for (const t of clip.truth.events) {
    if (t.kind !== 'initial-contact' && t.kind !== 'toe-off') continue;
    // Events the clip shows with a frame either side (a crossing needs the frames around it).
    if (t.frameF < 1.5 || t.frameF > clip.frameCount - 2.5) continue;
    const kind = t.kind;
    const same = <E extends { kind: string; side: string }>(e: E): boolean =>
      e.kind === kind && e.side === t.side;
    const m = nearest(feet.find((f) => f.side === t.side)!.events.filter(same), t.frameF);
    const l = nearest((landmarks.gait?.events ?? []).filter(same), t.frameF);
    const u = nearest((hybrid.gait?.events ?? []).filter(same), t.frameF);
    events.push({
      kind,
      side: t.side,
      truthF: t.frameF,
      marker: m ? { err: m.frameF - t.frameF, seen: m.seen, by: m.by } : null,
      landmark: l ? l.frameF - t.frameF : null,
      used: u ? { err: u.frameF - t.frameF, source: u.source } : null,
      hidden: !!hidden && t.side === 'right' && t.frameF > from - 1 && t.frameF < from + hidden.frames,
    });
  }
  return {
    spec,
    clip,
    tracks,
    feet,
    events,
    landmarks,
    hybrid,
    hiddenFrames: hidden ? [from, from + hidden.frames - 1] : null,
  };
}

export interface Tally {
  readonly of: number;
  readonly found: number;
  readonly within1: number;
  readonly medianErr: number;
  readonly maxAbsErr: number;
}

/** Found, within ±1 frame, median error and worst error of a list of errors (null: none found). */
export function tally(errs: readonly (number | null)[]): Tally {
  const found = errs.filter((e): e is number => e !== null);
  const s = [...found].sort((a, b) => a - b);
  const m = s.length >> 1;
  return {
    of: errs.length,
    found: found.length,
    within1: found.filter((e) => Math.abs(e) <= 1).length,
    medianErr: s.length ? (s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) : NaN,
    maxAbsErr: s.length ? Math.max(...s.map(Math.abs)) : NaN,
  };
}
