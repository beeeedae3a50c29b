/**
 * The marker tracker's synthetic cases (docs/markers.md, "Measured"): one function per case that
 * renders the clip, seeds the markers as a PT would (the truth + a sub-pixel offset) and scores the
 * tracks against the truth. Used by the tests and by `npx tsx test/markers/bench-cases.ts`, which
 * prints the table the docs quote.
 *
 * Scores, on frames where the marker is visible (not hidden, not covered by a nearer marker):
 * - within: a detected point within 1 px of the truth;
 * - swaps: a detected point nearer another visible marker's truth than its own (and more than
 *   1 px from its own: two markers touching share no identity question);
 * - hidden frames: frames where the truth says not visible but the tracker says 'detected' more than
 *   3 px from the truth (a guess shown as a detection);
 * - stances (rear): stances with peak eversion within 1.5° of the design.
 */
import { generateMarkerClip, type MarkerClip } from '../../src-shared/gait/synthetic/marker-clip';
import { pelvicTilt, rearfootEversion, trackMarkers } from '../../src-shared/markers';
import type { MarkerName, MarkerSeed, MarkerTrack } from '../../src-shared/markers';

export interface CaseSpec {
  readonly id: string;
  readonly view: 'side' | 'rear';
  readonly fps: 30 | 60;
  readonly durationS: number;
  /** Undefined: every marker of the clip. */
  readonly markers?: readonly MarkerName[];
  /** Markers taped (rendered) on the runner. Undefined: the view's whole protocol on both legs. */
  readonly taped?: readonly MarkerName[];
  readonly seed?: number;
}

export const FIVE: readonly MarkerName[] = [
  'rightAsis',
  'rightPsis',
  'rightGreaterTrochanter',
  'rightLateralKnee',
  'leftLateralKnee',
];

/** Trochanter, knee and lateral malleolus of the near leg: the knee angle's markers alone. */
export const KNEE3: readonly MarkerName[] = [
  'rightGreaterTrochanter',
  'rightLateralKnee',
  'rightLateralMalleolus',
];

export const CASES: readonly CaseSpec[] = [
  {
    id: 'side 60 fps, 5 markers (track.test.ts)',
    view: 'side',
    fps: 60,
    durationS: 2,
    markers: FIVE,
    seed: 5,
  },
  { id: 'side 60 fps, all 11', view: 'side', fps: 60, durationS: 3 },
  { id: 'side 30 fps, 5 markers', view: 'side', fps: 30, durationS: 3, markers: FIVE },
  { id: 'side 30 fps, all 11', view: 'side', fps: 30, durationS: 3 },
  // A clinic that tapes only the knee's three (issue 15): the malleolus held by one length alone.
  { id: 'side 60 fps, knee three', view: 'side', fps: 60, durationS: 3, markers: KNEE3, taped: KNEE3 },
  { id: 'side 30 fps, knee three', view: 'side', fps: 30, durationS: 3, markers: KNEE3, taped: KNEE3 },
  // The clip of test/markers-app/knee-markers.e2e.test.ts: the near leg's seven taped, the knee's three
  // named (the heel and 5th metatarsal unnamed, beside the malleolus).
  {
    id: 'side 60 fps 5 s, knee three named of seven taped',
    view: 'side',
    fps: 60,
    durationS: 5,
    seed: 3,
    markers: KNEE3,
    taped: [...FIVE.slice(0, 2), ...KNEE3, 'rightHeel', 'rightFifthMetatarsal'],
  },
  { id: 'rear 60 fps, all 10', view: 'rear', fps: 60, durationS: 3 },
  { id: 'rear 30 fps, all 10', view: 'rear', fps: 30, durationS: 3 },
];

export interface MarkerScore {
  readonly name: MarkerName;
  readonly visible: number;
  readonly within: number;
  readonly swaps: number;
  /** Frames not visible in the truth but reported 'detected' more than 3 px off. */
  readonly guessed: number;
}

export interface CaseResult {
  readonly spec: CaseSpec;
  readonly clip: MarkerClip;
  readonly tracks: MarkerTrack[];
  readonly perMarker: MarkerScore[];
  readonly within: number;
  readonly visible: number;
  readonly swaps: number;
  readonly guessed: number;
  /** Side: tilt at contact within 1° of the design / compared. */
  readonly tilt?: { readonly good: number; readonly of: number; readonly worstDeg: number };
  /**
   * Rear: stances with peak eversion within 1.5° / with a peak more than 1.5° off / stances; and the
   * same for the eversion at contact (against the designed eversion at the contact's instant).
   */
  readonly stances?: {
    readonly good: number;
    readonly wrong: number;
    readonly of: number;
    readonly contactGood: number;
    readonly contactWrong: number;
  };
  readonly trackMs: number;
  /** CPU time of the tracking, ms (the machine is shared: wall time depends on the load). */
  readonly cpuMs: number;
}

/** The first frame where every seeded marker is visible and 25 px from the others (a PT's pick). */
export function seedFrameOf(clip: MarkerClip, names: readonly MarkerName[]): number {
  for (let i = 0; i < clip.frameCount; i++) {
    const pts = names.map((m) => clip.truth.points[m]![i]!);
    if (
      pts.every((p, a) => p.visible && pts.every((q, b) => a === b || Math.hypot(p.x - q.x, p.y - q.y) > 25))
    )
      return i;
  }
  return 0;
}

export function scoreTracks(clip: MarkerClip, tracks: readonly MarkerTrack[]): MarkerScore[] {
  return tracks.map((tr) => {
    const truth = clip.truth.points[tr.name]!;
    let visible = 0;
    let within = 0;
    let swaps = 0;
    let guessed = 0;
    tr.points.forEach((p, i) => {
      const t = truth[i]!;
      const err = Math.hypot(p.x - t.x, p.y - t.y);
      if (!t.visible) {
        if (p.state === 'detected' && err > 3) guessed++;
        return;
      }
      visible++;
      if (p.state !== 'detected') return;
      if (err <= 1) within++;
      else if (
        tracks.some((o) => {
          if (o.name === tr.name) return false;
          const q = clip.truth.points[o.name]![i]!;
          return q.visible && Math.hypot(p.x - q.x, p.y - q.y) < err;
        })
      )
        swaps++;
    });
    return { name: tr.name, visible, within, swaps, guessed };
  });
}

export async function runCase(spec: CaseSpec): Promise<CaseResult> {
  const clip = generateMarkerClip({
    view: spec.view,
    fps: spec.fps,
    durationS: spec.durationS,
    ...(spec.taped ? { markers: spec.taped } : {}),
    ...(spec.seed !== undefined ? { seed: spec.seed } : {}),
  });
  const names = spec.markers ?? clip.markers;
  // The rear cases name the markers on frame 0 (their legs are apart there), the side ones on the
  // first frame where all are visible and apart.
  const frame = spec.view === 'rear' ? 0 : seedFrameOf(clip, names);
  const off = spec.view === 'rear' ? [0.5, -0.4] : [0.6, -0.4];
  const seeds: MarkerSeed[] = names.map((name) => ({
    name,
    frame,
    x: clip.truth.points[name]![frame]!.x + off[0]!,
    y: clip.truth.points[name]![frame]!.y + off[1]!,
  }));
  // Rendered first, so the time is the tracker's alone (the renderer takes as long again).
  const frames = [...clip.frames()];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const tracks = await trackMarkers(frames, seeds, {
    detection: { appearance: { kind: 'bright' } },
    frameCount: clip.frameCount,
  });
  const trackMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const perMarker = scoreTracks(clip, tracks);
  const sum = (k: 'visible' | 'within' | 'swaps' | 'guessed'): number =>
    perMarker.reduce((a, m) => a + m[k], 0);
  const by = (n: string): MarkerTrack | undefined => tracks.find((t) => t.name === n);
  let tilt: CaseResult['tilt'];
  let stances: CaseResult['stances'];
  const events = clip.truth.events.filter((e) => e.frameF <= clip.frameCount - 1);
  if (spec.view === 'side' && by('rightAsis') && by('rightPsis')) {
    const steps = pelvicTilt(by('rightAsis')!, by('rightPsis')!, events);
    let good = 0;
    let of = 0;
    let worstDeg = 0;
    for (const s of steps) {
      const ic = events.find((e) => e.kind === 'initial-contact' && Math.round(e.frameF) === s.contactFrame);
      if (!ic || s.atContact === null) continue;
      const i = Math.floor(ic.frameF);
      const w = ic.frameF - i;
      const truth =
        clip.truth.tilt[i]! * (1 - w) + clip.truth.tilt[Math.min(i + 1, clip.frameCount - 1)]! * w;
      const e = Math.abs(s.atContact - truth);
      of++;
      if (e < 1) good++;
      worstDeg = Math.max(worstDeg, e);
    }
    tilt = { good, of, worstDeg };
  }
  if (spec.view === 'rear') {
    let good = 0;
    let wrong = 0;
    let of = 0;
    let contactGood = 0;
    let contactWrong = 0;
    for (const side of ['left', 'right'] as const) {
      const steps = rearfootEversion(
        {
          heelUpper: by(`${side}HeelCounterUpper`)!,
          heelLower: by(`${side}HeelCounterLower`)!,
          shankUpper: by(`${side}ShankUpper`)!,
          shankLower: by(`${side}ShankLower`)!,
        },
        side,
        clip.truth.events,
      );
      const design = clip.truth.markerDesign.eversion[side];
      const truth = clip.truth.eversion[side];
      for (const s of steps) {
        of++;
        const ic = clip.truth.events.find(
          (e) => e.kind === 'initial-contact' && e.side === side && Math.round(e.frameF) === s.contactFrame,
        );
        if (ic && s.atContact !== null) {
          const i = Math.floor(ic.frameF);
          const w = ic.frameF - i;
          const at = truth[i]! * (1 - w) + truth[Math.min(i + 1, clip.frameCount - 1)]! * w;
          if (Math.abs(s.atContact - at) <= 1.5) contactGood++;
          else contactWrong++;
        }
        if (s.peakInStance === null) continue;
        if (Math.abs(s.peakInStance - design.peak) <= 1.5) good++;
        else wrong++;
      }
    }
    stances = { good, wrong, of, contactGood, contactWrong };
  }
  return {
    spec,
    clip,
    tracks,
    perMarker,
    within: sum('within'),
    visible: sum('visible'),
    swaps: sum('swaps'),
    guessed: sum('guessed'),
    ...(tilt ? { tilt } : {}),
    ...(stances ? { stances } : {}),
    trackMs,
    cpuMs,
  };
}
