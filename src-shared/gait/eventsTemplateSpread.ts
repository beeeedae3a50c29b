/**
 * How well a clip's own strides define a foot's event template (eventsTemplate.ts). A foot's
 * contact and toe-off are read once, on the median template of its strides, and every stride's
 * event is placed from that one reading. A template whose shape leaves the reading in doubt (a
 * rebound of the heel point at impact that the landing rule reads as the descent on one set of
 * strides and not on another: docs/gait-methods.md, "Re-encoding sensitivity") moves every event
 * of that foot together, a shift the SD over steps cannot show (docs/uncertainty.md §8).
 *
 * Bootstrap over strides [Efron & Tibshirani 1993, ch. 6]: draw K of the K strides that built the
 * template, with replacement, build the template from them at their own aligned anchors, and read
 * the event again by the same rule (`TemplateFits.read`, eventsTemplate.ts). The root mean square
 * of the replicates' readings about the clip's own (the bootstrap's standard error and its bias
 * estimate together [ibid., ch. 10]) is that foot's systematic timing uncertainty from its
 * template, in frames. The anchors stay where the clip's fit put them: each stride's own alignment
 * error varies from step to step and is in the SD, and re-aligning costs ~5 ms a replicate (the
 * template search) where a re-reading costs microseconds. The draws are seeded: a clip always gives
 * the same figure.
 */
import type { TemplateFit } from './eventsTemplate';
import { createPrng } from './synthetic/prng';

/** A foot's contact and toe-off template fits, with the rule that reads the event on a template
 *  (an offset from the template's start; null where it shows none). */
export interface TemplateFits {
  /** Which strides build the templates (whole detected stances). */
  readonly builders: readonly boolean[];
  readonly ic: { readonly fit: TemplateFit; readonly read: (T: readonly Float64Array[]) => number | null };
  readonly to: { readonly fit: TemplateFit; readonly read: (T: readonly Float64Array[]) => number | null };
}

/** The template's timing spread per event kind, frames; null where it cannot be told (below). */
export interface TemplateSpread {
  readonly ic: number | null;
  readonly to: number | null;
}

/**
 * Replicates: Efron & Tibshirani (1993, §6.4) find 25–200 enough for a standard error. 100 keeps
 * the analysis of the sample clip within a few percent of its time (docs/uncertainty.md §8).
 */
export const SPREAD_REPLICATES = 100;
const SEED = 20;

/**
 * Bootstrap replicates' templates, fast: `fit.templateOf(members)` for a multiset of the strides in
 * `pool`, given as counts per stride (index into `pool`), without a sort per replicate. Each
 * stride's own values on the template's offsets (its template of one) are sorted once per channel
 * and offset; a replicate's median walks that order weighted by its counts. The template's rule
 * (alignOnTemplate): the median over the members with a value there, NaN where fewer than half of
 * them have one.
 */
export function bootstrapTemplates(
  fit: TemplateFit,
  pool: readonly number[],
): (counts: Int32Array) => Float64Array[] {
  const rows = pool.map((k) => fit.templateOf([k]));
  const C = rows[0]?.length ?? 0;
  const offs = rows[0]?.[0]?.length ?? 0;
  // Per channel and offset: the strides with a value there, by value (ids into `pool`, and values).
  const ranked = Array.from({ length: C * offs }, (_, j) => {
    const at = (i: number): number => rows[i]?.[Math.floor(j / offs)]?.[j % offs] as number;
    const ids = pool.map((_, i) => i).filter((i) => Number.isFinite(at(i)));
    ids.sort((x, y) => at(x) - at(y));
    return { ids: Int32Array.from(ids), values: Float64Array.from(ids, at) };
  });
  return (counts) =>
    Array.from({ length: C }, (_, c) =>
      Float64Array.from({ length: offs }, (_, o) => {
        const { ids, values } = ranked[c * offs + o] as (typeof ranked)[number];
        let n = 0;
        for (let j = 0; j < ids.length; j++) n += counts[ids[j] as number] as number;
        if (n * 2 < pool.length) return NaN;
        // The middle one (odd n) or the mean of the middle two (even n), as stats.ts `median`.
        const lo = (n - 1) >> 1;
        const hi = n >> 1;
        let seen = 0;
        let a = NaN;
        for (let j = 0; j < ids.length; j++) {
          seen += counts[ids[j] as number] as number;
          if (seen > lo && Number.isNaN(a)) a = values[j] as number;
          if (seen > hi) return lo === hi ? a : (a + (values[j] as number)) / 2;
        }
        return NaN;
      }),
    );
}

/**
 * The bootstrap spread of a foot's template readings. Null for a kind whose own template shows no
 * event (its events keep their coarse times), or where fewer than half the replicates show one.
 */
export function templateSpread(
  fits: TemplateFits,
  replicates = SPREAD_REPLICATES,
  seed = SEED,
): TemplateSpread {
  const pool = fits.builders.flatMap((b, k) => (b ? [k] : []));
  const K = pool.length;
  const rng = createPrng(seed);
  // One draw of K strides with replacement per replicate, as counts per stride, for both kinds.
  const draws = Array.from({ length: replicates }, () => {
    const counts = new Int32Array(K);
    for (let j = 0; j < K; j++) (counts[Math.floor(rng.next() * K)] as number)++;
    return counts;
  });
  const spread = (f: TemplateFits['ic']): number | null => {
    const own = f.read(f.fit.template);
    if (own === null || K === 0) return null;
    const templateOf = bootstrapTemplates(f.fit, pool);
    const d = draws.flatMap((counts) => {
      const r = f.read(templateOf(counts));
      return r === null ? [] : [r - own];
    });
    return d.length * 2 >= replicates ? Math.sqrt(d.reduce((a, x) => a + x * x, 0) / d.length) : null;
  };
  return { ic: spread(fits.ic), to: spread(fits.to) };
}
