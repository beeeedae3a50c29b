/**
 * Marker events or landmark events, per foot (issue 15 item 3: "marker-based events where they beat
 * the landmark ones"; criterion and figures in docs/markers.md, "Marker events"). Neither source has
 * a truth to be checked against in the clinic, so the choice rests on what can be read from the
 * clip itself:
 *
 * 1. **Seen.** A marker event counts only where its markers were detected on the frames it was read
 *    from (foot-events.ts); at least 3 such contacts, and such events for at least half of the
 *    landmark events of that foot.
 * 2. **A steady stance level.** The belt is flat: a marker that is really on it stance after stance
 *    sits at one image height. The per-stance levels of the heel and forefoot points vary by at most
 *    1.5 px (SD): more means the marker moved on the shoe, was swapped with another, or the camera
 *    moved, and its crossings are not contacts.
 * 3. **The treadmill's rhythm.** A steady runner puts a foot down once a stride with a stride-to-
 *    stride variability of 1–3% (Nakayama et al. 2010; docs/gait-methods.md step 6), and keeps a
 *    steady contact time. Each source's events are scored by their spread about that rhythm (the
 *    departure of each contact from the midpoint of its neighbours, and the spread of the contact
 *    times; both turned into a per-event SD, frames). The markers are used unless their spread is
 *    larger than the landmarks' and larger than 3% of a stride: below that floor a smaller spread
 *    tells nothing (the runner varies that much; the landmark engine pulls its contacts onto the
 *    rhythm line, docs/gait-methods.md step 8, which makes its spread small without making it right).
 *
 * On a foot that passes, every event the markers saw replaces the landmark event of that stance; a
 * stance whose markers were hidden keeps the landmark event (the fallback), and the source says how
 * many. A foot that fails keeps the landmark events, and the reason is given in words. Pure.
 */
import type { Side } from '../gait/types';
import { median } from '../stats';
import type { FootEvents, FootMarkerEvent } from './foot-events';

/** Most a stance level may vary between stances, pixels (SD): see 2. above. */
export const LEVEL_SD_PX = 1.5;
/** Fewest seen marker contacts on a foot. */
export const MIN_CONTACTS = 3;
/** Seen marker events per landmark event of the foot, at least. */
export const MIN_COVERAGE = 0.5;
/**
 * A steady runner's stride-to-stride variability, as a fraction of the stride: the top of the 1–3%
 * of Nakayama 2010. 2% was tried first: the treadmill sample's hand-labelled events, given as a foot
 * marker that sees the truth, spread by 0.425 frame about the rhythm, the 2% floor was 0.425 frame
 * and the landmarks' 0.35 (test/markers-app/hybrid-events.test.ts): the truth passed by 1e-4 frame.
 */
export const RHYTHM_FLOOR = 0.03;

export type FootEventKind = 'initial-contact' | 'toe-off';

/** An event on the clip's frames (fractional frame numbers, as the marker tracks'). */
export interface FrameEventAt {
  readonly kind: FootEventKind;
  readonly side: Side;
  readonly frameF: number;
}

export interface ChosenEvent extends FrameEventAt {
  readonly source: 'markers' | 'landmarks';
  /** Markers: the lowest confidence of the marker points read; landmarks: the landmark event's own index in the input. */
  readonly confidence?: number;
  readonly landmarkIndex?: number;
}

export interface SideChoice {
  readonly side: Side;
  readonly use: 'markers' | 'landmarks';
  /** Why, in the clinic's words. */
  readonly reason: string;
  /** Events from the markers, and landmark events kept on a marker side where the markers were not seen. */
  readonly fromMarkers: number;
  readonly fallbacks: number;
  /** The larger of the heel and forefoot points' stance-level SDs, pixels. */
  readonly levelSdPx: number | null;
  /** Spread about the rhythm, frames (per-event SD): the markers', the landmarks', and the floor. */
  readonly rhythm: {
    readonly markers: number | null;
    readonly landmarks: number | null;
    readonly floor: number;
  };
}

export interface EventChoice {
  readonly sides: readonly SideChoice[];
  /** IC and TO of both feet, sorted by frame. */
  readonly events: readonly ChosenEvent[];
}

const robustSd = (xs: readonly number[]): number => 1.4826 * median(xs.map((x) => Math.abs(x - median(xs))));

/** Stride of a foot from its contacts (frames): the median interval; NaN below two contacts. */
function strideOf(ics: readonly number[]): number {
  return median(ics.slice(1).map((f, k) => f - ics[k]!));
}

/**
 * The spread of one source's events about a steady rhythm, as a per-event SD in frames (see the
 * header, 3.), or null with too few of them. Contacts: each against the midpoint of its neighbours,
 * where both intervals are within 25% of the stride (no stance missed between); the residual's SD is
 * √1.5 of an event's. Contact times: their robust SD, √2 of an event's.
 */
export function rhythmSpread(ics: readonly number[], tos: readonly number[], stride: number): number | null {
  const parts: number[] = [];
  const r: number[] = [];
  for (let k = 1; k + 1 < ics.length; k++) {
    const a = ics[k]! - ics[k - 1]!;
    const b = ics[k + 1]! - ics[k]!;
    if (Math.abs(a / stride - 1) > 0.25 || Math.abs(b / stride - 1) > 0.25) continue;
    r.push(ics[k]! - (ics[k - 1]! + ics[k + 1]!) / 2);
  }
  if (r.length >= 2) parts.push((1.4826 * median(r.map(Math.abs))) / Math.sqrt(1.5));
  const contact: number[] = [];
  for (const ic of ics) {
    const to = tos.find((t) => t > ic && t - ic < 0.6 * stride);
    if (to !== undefined) contact.push(to - ic);
  }
  if (contact.length >= 3) parts.push(robustSd(contact) / Math.SQRT2);
  if (!parts.length) return null;
  return Math.sqrt(parts.reduce((s, p) => s + p * p, 0) / parts.length);
}

const fmt = (x: number | null, d = 1): string => (x === null ? '–' : x.toFixed(d));

function decide(
  side: Side,
  foot: FootEvents | undefined,
  seen: readonly FootMarkerEvent[],
  landmark: readonly FrameEventAt[],
  stride: number,
): Omit<SideChoice, 'fromMarkers' | 'fallbacks'> {
  const sideWord = side === 'left' ? 'left' : 'right';
  const levels = [foot?.heel?.stanceSdPx, foot?.forefoot?.stanceSdPx].filter(
    (x): x is number => typeof x === 'number',
  );
  const levelSdPx = levels.length ? Math.max(...levels) : null;
  const floor = RHYTHM_FLOOR * (Number.isFinite(stride) ? stride : 0);
  const own = (src: readonly FrameEventAt[], k: FootEventKind): number[] =>
    src.filter((e) => e.kind === k).map((e) => e.frameF);
  const mr = rhythmSpread(own(seen, 'initial-contact'), own(seen, 'toe-off'), stride);
  const lr = rhythmSpread(own(landmark, 'initial-contact'), own(landmark, 'toe-off'), stride);
  const rhythm = { markers: mr, landmarks: lr, floor };
  const base = { side, levelSdPx, rhythm };
  const no = (reason: string) => ({ ...base, use: 'landmarks' as const, reason });
  if (!foot || (!foot.heel && !foot.forefoot))
    return no(`the ${sideWord} heel marker was not tracked through the steps`);
  const contacts = seen.filter((e) => e.kind === 'initial-contact').length;
  if (contacts < MIN_CONTACTS || seen.length < MIN_COVERAGE * landmark.length)
    return no(
      `the ${sideWord} foot's markers were seen at ${seen.length} of its ${Math.max(landmark.length, seen.length)} events, too few`,
    );
  if (levelSdPx !== null && levelSdPx > LEVEL_SD_PX)
    return no(
      `the ${sideWord} foot's markers do not sit at one height on the belt (${fmt(levelSdPx)} px from step to step): a marker moved, or the camera did`,
    );
  if (mr === null) return no(`too few ${sideWord} steps to check the markers against the running rhythm`);
  if (mr > Math.max(lr ?? 0, floor))
    return no(
      `the ${sideWord} markers' events keep the running rhythm less well than the landmarks' (${fmt(mr)} against ${fmt(lr)} frames)`,
    );
  return {
    ...base,
    use: 'markers',
    reason: `markers seen at ${seen.length} events, steady on the belt (${fmt(levelSdPx)} px), on the running rhythm (${fmt(mr)} frames${lr !== null ? ` against ${fmt(lr)} for the landmarks` : ''})`,
  };
}

/**
 * The events of both feet: the markers' where a foot passes the criterion (header), the landmarks'
 * elsewhere and where its markers were not seen. `landmark`: the engine's contacts and toe-offs, on
 * the clip's frames.
 */
export function chooseFootEvents(
  feet: readonly FootEvents[],
  landmark: readonly FrameEventAt[],
): EventChoice {
  const sides: SideChoice[] = [];
  const events: ChosenEvent[] = [];
  for (const side of ['left', 'right'] as const) {
    const foot = feet.find((f) => f.side === side);
    const lm = landmark
      .map((e, landmarkIndex) => ({ ...e, landmarkIndex }))
      .filter((e) => e.side === side)
      .sort((a, b) => a.frameF - b.frameF);
    const seen = (foot?.events ?? []).filter((e) => e.seen);
    const icsOf = (src: readonly FrameEventAt[]): number[] =>
      src.filter((e) => e.kind === 'initial-contact').map((e) => e.frameF);
    const lmStride = strideOf(icsOf(lm));
    const stride = Number.isFinite(lmStride) ? lmStride : strideOf(icsOf(foot?.events ?? []));
    const d = decide(side, foot, seen, lm, stride);
    const landmarkEvents = (): ChosenEvent[] => lm.map((e) => ({ ...e, source: 'landmarks' as const }));
    if (d.use === 'landmarks') {
      sides.push({ ...d, fromMarkers: 0, fallbacks: 0 });
      events.push(...landmarkEvents());
      continue;
    }
    // Markers: the seen events; a landmark event keeps its stance where no seen marker event of its
    // kind lies within 0.4 stride (its markers hidden there, or not tracked yet; two contacts of one
    // foot are a stride apart, a contact and a toe-off are matched by kind).
    const reach = 0.4 * stride;
    const fromMarkers: ChosenEvent[] = seen.map((e) => ({
      kind: e.kind,
      side,
      frameF: e.frameF,
      source: 'markers' as const,
      confidence: e.confidence,
    }));
    const kept = landmarkEvents().filter(
      (l) => !seen.some((m) => m.kind === l.kind && Math.abs(m.frameF - l.frameF) <= reach),
    );
    sides.push({ ...d, fromMarkers: fromMarkers.length, fallbacks: kept.length });
    events.push(...fromMarkers, ...kept);
  }
  events.sort((a, b) => a.frameF - b.frameF);
  return { sides, events };
}

/** One side's event source in the screens' words ("heel markers", "pose landmarks", or both with counts). */
export function eventSourceWords(s: SideChoice | undefined): string {
  if (!s || s.use === 'landmarks') return 'pose landmarks';
  if (s.fallbacks === 0) return 'heel markers';
  const n = s.fromMarkers + s.fallbacks;
  return `heel markers (${s.fallbacks} of ${n} events from pose landmarks, where the markers were hidden)`;
}
