/**
 * Initial contact from the heel marker (side view, docs/markers.md "Heel-marker contact"): the frame
 * where the marker, coming down out of swing, reaches the level it keeps in stance. That level is
 * read from the clip itself (a high percentile of the marker's image height), so no calibration is
 * needed; the crossing is placed between frames by linear interpolation, as the engine places its
 * events (docs/gait-methods.md, sub-frame timing). A kinematic heel-strike rule in the manner of
 * Zeni 2008 and Handsaker 2016, on a marker instead of a landmark. For a rearfoot strike only: a
 * forefoot striker's heel lands after the contact.
 */
import type { Side } from '../gait/types';
import type { MarkerEvent, MarkerTrack } from './types';

export interface HeelContactOptions {
  /** Band below the stance level that counts as on the ground, pixels. Default 2. */
  readonly bandPx?: number;
  /** Fewest frames between two contacts of one foot (a stride is never shorter). Default 10. */
  readonly minGapFrames?: number;
}

export function heelContacts(heel: MarkerTrack, side: Side, options: HeelContactOptions = {}): MarkerEvent[] {
  const band = options.bandPx ?? 2;
  const gap = options.minGapFrames ?? 10;
  const y = heel.points.map((p) => (p.state === 'lost' ? NaN : p.y));
  const finite = y.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length < 10) return [];
  // Image y grows downward: the stance level is among the largest values.
  const ground = finite[Math.floor(0.9 * (finite.length - 1))]!;
  const range = ground - finite[0]!;
  if (range < 4 * band) return [];
  const out: MarkerEvent[] = [];
  let airborne = false;
  for (let i = 1; i < y.length; i++) {
    const a = y[i - 1]!;
    const b = y[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    // In swing once clearly off the ground (a quarter of the marker's vertical range).
    if (a < ground - 0.25 * range) airborne = true;
    if (!airborne || b < ground - band || a >= ground - band) continue;
    airborne = false;
    // Where the descent reaches the stance level, between frame i−1 and i (a little past i when it
    // stops short of it inside the band).
    const f = b > a ? Math.min(1.5, Math.max(0, (ground - a) / (b - a))) : 1;
    const frameF = i - 1 + f;
    const last = out[out.length - 1];
    if (last && frameF - last.frameF < gap) continue;
    out.push({ kind: 'initial-contact', side, frameF });
  }
  return out;
}
