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
 *
 * Not like for like (issue 15, docs/progress.md §2): where one visit's value came from skin markers
 * and the other's from the pose landmarks, the change holds the difference between the two sources
 * as well as the runner's: markers on the skin over the joints and the pose model's joint centres
 * read one runner a few degrees apart (docs/markers.md, "Variables"). That difference is measured on
 * the marker visit's own clip, whose landmarks were analysed too (`sourceGap`: markers − landmarks,
 * same clip and side), and the change is called real only when its size, less that difference,
 * still exceeds both yardsticks, the uncertainty now holding the gap's own in quadrature. This errs
 * towards "within noise" (a real change of the opposite sign to the gap is held back) and never
 * calls a difference of sources a change of the runner. Where the landmarks had no number on the
 * marker clip the gap is unknown, and the change is not judged.
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

const fromOf = (v: Visit): 'markers' | 'landmarks' => v.value.source?.from ?? 'landmarks';
const SOURCE_WORDS = { markers: 'markers', landmarks: 'pose landmarks' } as const;

/** "pose landmarks then, markers now" where the two values came from different sources; else null. */
export function sourcesDifference(a: Visit, b: Visit): string | null {
  const x = fromOf(a);
  const y = fromOf(b);
  return x === y ? null : `${SOURCE_WORDS[x]} then, ${SOURCE_WORDS[y]} now`;
}

export function compareVisits(a: Visit, b: Visit, sdd: number | null, unit: ProgressUnit): Change {
  const sourcesDiffer = sourcesDifference(a, b);
  const base = {
    fromSessionId: a.sessionId,
    fromDate: a.date,
    settingsDiffer: settingsDifference(a, b),
    ...(sourcesDiffer ? { sourcesDiffer } : {}),
  };
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
  if (sourcesDiffer) return acrossSources(a, b, difference, sdd, unit, base);
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

/** A change between a marker value and a landmark value (see the header): real only beyond the gap too. */
function acrossSources(
  a: Visit,
  b: Visit,
  difference: number,
  sdd: number | null,
  unit: ProgressUnit,
  base: Pick<Change, 'fromSessionId' | 'fromDate' | 'settingsDiffer' | 'sourcesDiffer'>,
): Change {
  const fmt = (x: number): string => formatValue(x, unit);
  const marked = fromOf(b) === 'markers' ? b : a;
  const gap = marked.value.sourceGap ?? null;
  const notLike = `Not like for like: ${SOURCE_WORDS[fromOf(a)]} on ${a.date}, ${SOURCE_WORDS[fromOf(b)]} on ${b.date}`;
  if (!gap)
    return {
      ...base,
      difference,
      u95: null,
      verdict: 'not-comparable',
      why: `${notLike}. Markers on the skin and the pose model\u2019s joint centres read a runner a few degrees apart, and the pose landmarks had no number on the ${marked.date} clip to tell by how much, so this change is not judged.`,
    };
  const u95 = Math.hypot(a.value.u95 as number, b.value.u95 as number, gap.u95);
  const size = Math.abs(difference);
  const allowance = Math.abs(gap.difference);
  const beyond = size - allowance;
  // Like for like on both days, from the landmarks the marker clip was analysed with too.
  const landmarksThen = marked === a ? (a.value.mean as number) - gap.difference : (a.value.mean as number);
  const landmarksNow = marked === b ? (b.value.mean as number) - gap.difference : (b.value.mean as number);
  const gapWords = `on the ${marked.date} clip the markers read ${fmt(allowance)} ${gap.difference >= 0 ? 'more' : 'less'} than the pose landmarks (which read ${fmt(landmarksThen)} then and ${fmt(landmarksNow)} now)`;
  if (sdd !== null && beyond <= sdd)
    return {
      ...base,
      difference,
      u95,
      verdict: 'within-noise',
      why: `${notLike}: ${gapWords}; ${fmt(size)} is not more than that difference plus the smallest detectable difference ${fmt(sdd)}.`,
    };
  if (beyond <= u95)
    return {
      ...base,
      difference,
      u95,
      verdict: 'within-noise',
      why: `${notLike}: ${gapWords}; ${fmt(size)} is not more than that difference plus the uncertainty ±${fmt(u95)}.`,
    };
  return {
    ...base,
    difference,
    u95,
    verdict: 'real',
    why: `${notLike}, yet beyond noise: ${gapWords}, and ${fmt(size)} exceeds that difference plus ${sdd !== null ? `the smallest detectable difference ${fmt(sdd)} and ` : ''}the uncertainty ±${fmt(u95)}.`,
  };
}
