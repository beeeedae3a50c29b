/**
 * Which frames the report shows when the PT marked none: for each side, one representative stride
 * of the clip, at its initial contact (IC), midstance (MS) and toe-off (TO). Representative = the
 * IC nearest the middle of the clip among the confident ones, away from the clip's ends where
 * filtering and tracking are weakest; MS and TO are then taken from the SAME stance (stanceFrames),
 * so the three pictures tell one story. "Confident" is measured on the detector's own scale: a
 * contact the PT placed (event-edits.ts, confidence 1) is certain, not a better stride, so it may be
 * chosen when nearest the middle but does not raise the bar for the detected ones.
 *
 * The crop is the union of the runner's landmarks over the chosen frames of a view, padded and
 * widened to the figure's aspect, so every picture of a view shows the runner at the same scale.
 */
import type { GaitEvent } from '../gait/types';
import type { LandmarkSeries } from '../pose/landmarks';
import type { KeyEvent, Side } from './model';

/** The part of a gait event the choice needs (src-shared/gait/types.ts GaitEvent has these). */
export interface EventLike {
  readonly kind: 'initial-contact' | 'toe-off' | 'midstance' | 'late-swing';
  readonly side: Side;
  /** Index into the series' frames. */
  readonly at: number;
  readonly t: number;
  readonly confidence: number;
  readonly source: GaitEvent['source'];
}

export interface ChosenFrame {
  readonly side: Side;
  readonly event: KeyEvent;
  /** Index into the series' frames. */
  readonly at: number;
  readonly t: number;
}

export function chooseKeyFrames(events: readonly EventLike[], series: LandmarkSeries): ChosenFrame[] {
  const out: ChosenFrame[] = [];
  const mid = series.frames.length / 2;
  for (const side of ['left', 'right'] as const) {
    const ics = events
      .filter(
        (e) => e.side === side && e.kind === 'initial-contact' && series.frames[e.at]?.status === 'pose',
      )
      .sort((a, b) => a.t - b.t);
    if (ics.length === 0) continue;
    // Confident = within 0.2 of the best detected confidence (of all, where the PT placed every
    // contact); prefer the one nearest the middle.
    const detected = ics.filter((e) => e.source !== 'corrected');
    const best = Math.max(...(detected.length ? detected : ics).map((e) => e.confidence));
    const pool = ics.filter((e) => e.confidence >= best - 0.2);
    const ic = pool.reduce((a, b) => (Math.abs(b.at - mid) < Math.abs(a.at - mid) ? b : a));
    out.push({ side, event: 'IC', at: ic.at, t: ic.t }, ...stanceFrames(events, { side, t: ic.t }, series));
  }
  return out;
}

/**
 * The midstance and toe-off of the stance a contact begins: the foot's toe-off is the first after
 * the contact and before that foot's next contact (any, posed or not), its midstance the first
 * after the contact and before that toe-off (or before the next contact where the toe-off is
 * missing). An event the stance lacks, or one on a frame without a pose, is left out, so the report
 * shows it missing rather than another stride's.
 */
export function stanceFrames(
  events: readonly EventLike[],
  ic: { readonly side: Side; readonly t: number },
  series: LandmarkSeries,
): ChosenFrame[] {
  const firstAfter = (kind: EventLike['kind'], before: number): EventLike | undefined =>
    events
      .filter((x) => x.side === ic.side && x.kind === kind && x.t > ic.t && x.t < before)
      .sort((a, b) => a.t - b.t)[0];
  const nextIc = firstAfter('initial-contact', Infinity);
  const to = firstAfter('toe-off', nextIc?.t ?? Infinity);
  const ms = firstAfter('midstance', to?.t ?? nextIc?.t ?? Infinity);
  return (
    [
      ['MS', ms],
      ['TO', to],
    ] as const
  ).flatMap(([event, e]) =>
    e && series.frames[e.at]?.status === 'pose' ? [{ side: ic.side, event, at: e.at, t: e.t }] : [],
  );
}

/** The contact of the stance a midstance or toe-off at `at` belongs to: the foot's last before it. */
export function stanceContact(
  events: readonly EventLike[],
  at: { readonly side: Side; readonly t: number },
  series: LandmarkSeries,
): ChosenFrame | undefined {
  const ic = events
    .filter((x) => x.side === at.side && x.kind === 'initial-contact' && x.t < at.t)
    .sort((a, b) => b.t - a.t)[0];
  return ic && series.frames[ic.at]?.status === 'pose'
    ? { side: at.side, event: 'IC', at: ic.at, t: ic.t }
    : undefined;
}

export interface Crop {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * Bounding box of the posed landmarks (visibility ≥ 0.3) of the given frames, padded by `pad` of
 * its size, grown to `aspect` (w/h) around its centre, and kept inside the picture.
 */
export function cropAround(series: LandmarkSeries, at: readonly number[], aspect: number, pad = 0.12): Crop {
  const W = series.source.width;
  const H = series.source.height;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const i of at) {
    for (const p of series.frames[i]?.image ?? []) {
      if (p[3] < 0.3) continue;
      x0 = Math.min(x0, p[0]);
      y0 = Math.min(y0, p[1]);
      x1 = Math.max(x1, p[0]);
      y1 = Math.max(y1, p[1]);
    }
  }
  if (!Number.isFinite(x0)) return fitAspect({ x: 0, y: 0, w: W, h: H }, aspect, W, H);
  const bw = x1 - x0;
  const bh = y1 - y0;
  const box = { x: x0 - bw * pad, y: y0 - bh * pad, w: bw * (1 + 2 * pad), h: bh * (1 + 2 * pad) };
  return fitAspect(box, aspect, W, H);
}

function fitAspect(b: Crop, aspect: number, W: number, H: number): Crop {
  let { w, h } = b;
  if (w / h < aspect) w = h * aspect;
  else h = w / aspect;
  // A crop larger than the picture shrinks to it (keeping the aspect).
  const scale = Math.min(1, W / w, H / h);
  w *= scale;
  h *= scale;
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const x = Math.min(Math.max(0, cx - w / 2), W - w);
  const y = Math.min(Math.max(0, cy - h / 2), H - h);
  return { x: round1(x), y: round1(y), w: round1(w), h: round1(h) };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
