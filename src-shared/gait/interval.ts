/**
 * The uncertainty of a mean over steps, and its 95% interval, after the GUM [JCGM 100:2008]:
 *  - random part (type A): the SD over steps / √n;
 *  - systematic part (type B): what does not average over steps (uncertainty.ts), taken as the
 *    mean of the steps' systematic parts, with infinite degrees of freedom;
 *  - combined: the quadrature sum; coverage factor: Student's t at 97.5% for the effective degrees
 *    of freedom by the Welch–Satterthwaite formula (GUM G.4.1), ν = u⁴ / (u_A⁴ / (n − 1)).
 * A difference of two means (left − right) adds the two random variances and the systematic part
 * of the difference (summary.ts: a foot's timing bias that both means share counts with its sign,
 * timing-bias.ts; without it the two systematic parts are taken as independent), with
 * ν = u⁴ / (u_A,L⁴/(n_L − 1) + u_A,R⁴/(n_R − 1)).
 * Method: docs/uncertainty.md.
 */

export interface MeanUncertainty {
  /** SD / √n. */
  readonly random: number;
  readonly systematic: number;
  /** Combined standard uncertainty of the mean. */
  readonly combined: number;
  /** Coverage factor for 95% (Student's t at the effective degrees of freedom). */
  readonly k: number;
  /** mean ± k·combined. */
  readonly interval: readonly [number, number];
}

/** Student's t, two-sided 95% (the 97.5% quantile), by degrees of freedom [any statistics table]. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
] as const;
const T975_TAIL: readonly (readonly [number, number])[] = [
  [30, 2.042],
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
  [Infinity, 1.96],
];

/** t(0.975, ν); non-integer ν is rounded down (the GUM's conservative choice), ∞ gives 1.96. */
export function t975(dof: number): number {
  if (!(dof >= 1)) return NaN;
  if (dof < 30) return T975[Math.floor(dof) - 1] as number;
  // Beyond the table: linear in 1/ν between anchors (the usual interpolation of t tables).
  for (let i = 1; i < T975_TAIL.length; i++) {
    const [d1, t1] = T975_TAIL[i] as readonly [number, number];
    if (dof <= d1) {
      const [d0, t0] = T975_TAIL[i - 1] as readonly [number, number];
      const x = (1 / dof - 1 / d0) / (1 / d1 - 1 / d0);
      return t0 + x * (t1 - t0);
    }
  }
  return 1.96;
}

/** Effective degrees of freedom, Welch–Satterthwaite, from (random part, its dof) pairs. */
function effectiveDof(combined: number, parts: readonly (readonly [number, number])[]): number {
  const den = parts.reduce((a, [u, dof]) => a + u ** 4 / dof, 0);
  return den > 0 ? combined ** 4 / den : Infinity;
}

/** The uncertainty of a mean of n values with sample SD `sd`; null below two values. */
export function meanUncertainty(
  mean: number,
  sd: number | null,
  n: number,
  systematic: number,
): MeanUncertainty | null {
  if (sd === null || n < 2 || !Number.isFinite(mean)) return null;
  const random = sd / Math.sqrt(n);
  const combined = Math.hypot(random, systematic);
  const k = t975(effectiveDof(combined, [[random, n - 1]]));
  return { random, systematic, combined, k, interval: [mean - k * combined, mean + k * combined] };
}

/** The uncertainty of the difference of two means (a − b). `systematic` and `random`: of the
 *  difference, where the two means are correlated (default: independent). */
export function differenceUncertainty(
  diff: number,
  a: MeanUncertainty & { readonly n: number },
  b: MeanUncertainty & { readonly n: number },
  systematic: number = Math.hypot(a.systematic, b.systematic),
  random: number = Math.hypot(a.random, b.random),
): MeanUncertainty {
  const combined = Math.hypot(random, systematic);
  const k = t975(
    effectiveDof(combined, [
      [a.random, a.n - 1],
      [b.random, b.n - 1],
    ]),
  );
  return {
    random,
    systematic,
    combined,
    k,
    interval: [diff - k * combined, diff + k * combined],
  };
}
