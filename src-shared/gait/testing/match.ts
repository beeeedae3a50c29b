/**
 * Test helper: pairs the engine's events with the synthetic runner's true events. Pure, shared by the
 * engine's unit tests and the benchmarks.
 */
import { eventFrame } from '../eventFrame';
import type { GaitAnalysis } from '../schema';
import type { TruthEvent } from '../synthetic';

export interface EventMatch {
  readonly kind: string;
  readonly side: string;
  /**
   * Engine frame minus the true event's frame by the engine's convention (events.ts eventFrame):
   * initial contact the first frame at or after the true instant, toe-off the last frame at or
   * before it, midstance and late swing the nearest frame.
   */
  readonly frameError: number;
  /** How far (frames) the true instant lies from the nearest boundary where its frame changes. */
  readonly boundaryDistance: number;
  /** Engine sub-frame time minus the true time, in frames. */
  readonly subFrameError: number;
  /** The true time in frames (fractional). */
  readonly truthFrame: number;
}

/** Each detected event with the nearest true event of the same kind and side. */
export function matchEvents(result: GaitAnalysis, truth: readonly TruthEvent[], fps: number): EventMatch[] {
  return result.events.map((e) => {
    let best: TruthEvent | null = null;
    for (const t of truth)
      if (t.kind === e.kind && t.side === e.side && (!best || Math.abs(t.t - e.t) < Math.abs(best.t - e.t)))
        best = t;
    if (!best)
      return {
        kind: e.kind,
        side: e.side,
        frameError: Infinity,
        boundaryDistance: NaN,
        subFrameError: Infinity,
        truthFrame: NaN,
      };
    const f = best.t * fps;
    // Contact frames change at whole frames, nearest frames at half frames.
    const edge = e.kind === 'initial-contact' || e.kind === 'toe-off' ? 0 : 0.5;
    const frac = f - Math.floor(f - edge) - edge;
    return {
      kind: e.kind,
      side: e.side,
      frameError: e.frame - eventFrame(e.kind, f),
      boundaryDistance: Math.min(frac, 1 - frac),
      subFrameError: (e.t - best.t) * fps,
      truthFrame: best.t * fps,
    };
  });
}

/** True events far enough from the clip's edges that the engine must find them. */
export function interiorTruth(truth: readonly TruthEvent[], durationS: number, marginS = 0.45): TruthEvent[] {
  return truth.filter((t) => t.t > marginS && t.t < durationS - marginS);
}

/** True events that no detected event of the same kind and side matches within `tolFrames`. */
export function missed(
  result: GaitAnalysis,
  truth: readonly TruthEvent[],
  fps: number,
  tolFrames: number,
): TruthEvent[] {
  return truth.filter(
    (t) =>
      !result.events.some(
        (e) => e.kind === t.kind && e.side === t.side && Math.abs(e.t - t.t) * fps <= tolFrames + 0.5,
      ),
  );
}
