/**
 * The stride rhythm of one foot (events.ts, noisy landmarks): a runner at a steady pace, on a
 * treadmill above all, puts each foot down once per stride with a stride-to-stride variability of
 * a few percent (step time 356 ± 20 ms on the labelled sample clip, most of that the frame
 * quantisation; Nakayama et al. 2010 report stride-time CVs of 1–3% in treadmill running). So:
 *
 * - two candidate stances of one foot closer than 0.6 stride cannot both be stances: a weak one (its
 *   lift-off read at the leave level, events.ts) goes before one seen at the entry level at both
 *   ends; else the one whose contact time is further from the foot's median contact time is dropped
 *   (a swing foot skimming the belt, or a blurred foot read as two contacts);
 * - a gap of two or three strides (±25% of a stride) between contacts holds a contact the
 *   thresholds missed: a candidate is put where the rhythm says, for the template to confirm
 *   (eventsTemplate.ts: kept only if it fits the template as well as the detected stances do).
 */
import { median } from '../stats';

export interface Candidate {
  readonly icF: number;
  readonly toF: number;
  /** Put where the rhythm says a contact must be, not detected by the thresholds. */
  readonly inferred: boolean;
  /** A stance cut by the clip's start (only its toe-off is real) or end (only its contact). */
  readonly edge?: 'start' | 'end';
  /**
   * The foot came to the entry level on one frame only and stayed inside the hysteresis band until
   * it lifted (events.ts): a stance by the thresholds, on less evidence than one seen at the entry
   * level at both ends, so it gives way to such a one where the two cannot both be real.
   */
  readonly weak?: boolean;
}

/** Fewer stances than this and the rhythm itself is not known well enough to judge one. */
export const MIN_RHYTHM_STANCES = 4;

export function byRhythm(
  stances: readonly { readonly icF: number; readonly toF: number; readonly weak?: boolean }[],
): Candidate[] {
  let out: Candidate[] = stances.map((s) => ({
    icF: s.icF,
    toF: s.toF,
    inferred: false,
    ...(s.weak ? { weak: true } : {}),
  }));
  if (out.length < MIN_RHYTHM_STANCES) return out;
  const stride = (): number => median(out.slice(1).map((s, i) => s.icF - (out[i] as Candidate).icF));
  const contact = median(out.map((s) => s.toF - s.icF));
  // Impossible pairs: drop one at a time, re-measuring the rhythm each time.
  for (;;) {
    const T = stride();
    const i = out.findIndex((s, k) => k > 0 && s.icF - (out[k - 1] as Candidate).icF < 0.6 * T);
    if (i < 0) break;
    const a = out[i - 1] as Candidate;
    const b = out[i] as Candidate;
    const worse =
      a.weak !== b.weak
        ? a.weak
          ? i - 1
          : i
        : Math.abs(a.toF - a.icF - contact) > Math.abs(b.toF - b.icF - contact)
          ? i - 1
          : i;
    out = out.filter((_, k) => k !== worse);
    if (out.length < MIN_RHYTHM_STANCES) return out;
  }
  // Missed contacts: gaps of two or three strides.
  const T = stride();
  const filled: Candidate[] = [];
  out.forEach((s, k) => {
    const prev = out[k - 1];
    if (prev) {
      const gap = s.icF - prev.icF;
      const m = Math.round(gap / T);
      if (m >= 2 && m <= 3 && Math.abs(gap - m * T) <= 0.25 * T) {
        for (let j = 1; j < m; j++) {
          const icF = prev.icF + (j * gap) / m;
          filled.push({ icF, toF: icF + contact, inferred: true });
        }
      }
    }
    filled.push(s);
  });
  return filled;
}
