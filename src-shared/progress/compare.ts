/**
 * Is a change between two visits real? (issue 18, docs/progress.md §2)
 *
 * A change is called real only when it exceeds both yardsticks:
 *  - the variable's smallest detectable difference (SDD), the change a repeated measurement of the
 *    same runner stays within 95% of the time [Dingenen 2018; Damsted 2015]: it holds the day-to-day
 *    variation of the runner and of the camera set-up, which one session's steps cannot show;
 *  - the measurement uncertainty of the two means: the difference's 95% half-width
 *    U = √(U₁² + U₂²), each Uᵢ the half-width of that session's 95% interval (docs/uncertainty.md §2),
 *    combined as independent [GUM 5.1]. Adding expanded uncertainties in quadrature takes each
 *    session's own coverage factor, slightly wider than one Welch–Satterthwaite k for the pair, so
 *    it errs towards "within noise".
 * Where no SDD is published the uncertainty alone decides, and `why` says so. A missing mean on
 * either side is 'not-comparable'.
 */
import type { Change, Measurement, ProgressUnit } from './types';
import { formatValue } from './format';

export interface Visit {
  readonly sessionId: string;
  readonly date: string;
  readonly value: Measurement;
  readonly speedKmh: number | null;
  readonly inclinePct: number | null;
}

/** "11 km/h then, 12 km/h now" when the treadmill settings differ; null when they agree or are unknown. */
export function settingsDifference(a: Visit, b: Visit): string | null {
  const parts: string[] = [];
  const differ = (x: number | null, y: number | null): boolean =>
    x !== null && y !== null ? Math.abs(x - y) >= 0.05 : x !== y;
  const show = (x: number | null, unit: string): string => (x === null ? 'not recorded' : `${x} ${unit}`);
  if (differ(a.speedKmh, b.speedKmh))
    parts.push(`speed ${show(a.speedKmh, 'km/h')} then, ${show(b.speedKmh, 'km/h')} now`);
  if (differ(a.inclinePct, b.inclinePct))
    parts.push(`incline ${show(a.inclinePct, '%')} then, ${show(b.inclinePct, '%')} now`);
  return parts.length ? parts.join('; ') : null;
}

export function compareVisits(a: Visit, b: Visit, sdd: number | null, unit: ProgressUnit): Change {
  const base = { fromSessionId: a.sessionId, fromDate: a.date, settingsDiffer: settingsDifference(a, b) };
  const missing = a.value.mean === null ? a : b.value.mean === null ? b : null;
  if (missing)
    return {
      ...base,
      difference: null,
      u95: null,
      verdict: 'not-comparable',
      why: `No value on ${missing.date}: ${missing.value.missing ?? 'not measured'}.`,
    };
  const difference = (b.value.mean as number) - (a.value.mean as number);
  if (a.value.u95 === null || b.value.u95 === null)
    return {
      ...base,
      difference,
      u95: null,
      verdict: 'not-comparable',
      why: 'Too few steps in one of the two sessions to know the uncertainty of its mean.',
    };
  const u95 = Math.hypot(a.value.u95, b.value.u95);
  const size = Math.abs(difference);
  const fmt = (x: number): string => formatValue(x, unit);
  let verdict: Change['verdict'];
  let why: string;
  if (sdd !== null && size <= sdd) {
    verdict = 'within-noise';
    why = `Within noise: ${fmt(size)} is not more than the smallest detectable difference ${fmt(sdd)}.`;
  } else if (size <= u95) {
    verdict = 'within-noise';
    why = `Within noise: ${fmt(size)} is not more than the uncertainty of the two means ±${fmt(u95)}.`;
  } else {
    verdict = 'real';
    why =
      sdd !== null
        ? `Beyond noise: ${fmt(size)} exceeds the smallest detectable difference ${fmt(sdd)} and the uncertainty of the two means ±${fmt(u95)}.`
        : `Beyond the measurement uncertainty of the two means ±${fmt(u95)} (no smallest detectable difference is published for this variable, so day-to-day variation is not accounted for).`;
  }
  return { ...base, difference, u95, verdict, why };
}
