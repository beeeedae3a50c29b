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
import type { GaitFlag } from './schema';
import type { Step } from './steps';
import type { GaitEvent, Side } from './types';

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
 * `pool`, given as counts per stride (index into `pool`), without a sort per replicate; each call
 * refills the same arrays. Each
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
  const ranked: { ids: Int32Array; values: Float64Array }[] = [];
  const v = new Float64Array(pool.length);
  for (let c = 0; c < C; c++)
    for (let o = 0; o < offs; o++) {
      const ids: number[] = [];
      for (let i = 0; i < pool.length; i++) {
        v[i] = rows[i]?.[c]?.[o] as number;
        if (Number.isFinite(v[i] as number)) ids.push(i);
      }
      const sorted = Int32Array.from(ids).sort((x, y) => (v[x] as number) - (v[y] as number));
      ranked.push({ ids: sorted, values: Float64Array.from(sorted, (i) => v[i] as number) });
    }
  const median = (ids: Int32Array, values: Float64Array, counts: Int32Array): number => {
    // How many drawn members have a value here: all of them where no stride has a gap.
    let n = pool.length;
    if (ids.length < pool.length) {
      n = 0;
      for (let j = 0; j < ids.length; j++) n += counts[ids[j] as number] as number;
    }
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
  };
  // One template, filled again for each replicate (the reading keeps nothing of it).
  const T = Array.from({ length: C }, () => new Float64Array(offs));
  return (counts) => {
    for (let c = 0; c < C; c++)
      for (let o = 0; o < offs; o++) {
        const r = ranked[c * offs + o] as (typeof ranked)[number];
        (T[c] as Float64Array)[o] = median(r.ids, r.values, counts);
      }
    return T;
  };
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

/** A contact or toe-off placed from its foot's template, with that template's spread. */
export function withTemplateSpread(e: GaitEvent, s: TemplateSpread): GaitEvent {
  const sd = e.kind === 'initial-contact' ? s.ic : e.kind === 'toe-off' ? s.to : null;
  return sd === null ? e : { ...e, templateSd: sd };
}

/**
 * A foot's template reading that moves by a frame or more (RMS) on a bootstrap of its strides: its
 * events cannot be placed within the frame the issue-20 target asks (±1). Measured: 0.3-0.4 frame
 * on the whole 12 s sample clip, up to 1.2 on 8 s cuts of it (docs/uncertainty.md §8).
 */
export const FLAG_FRAMES = 1;

/**
 * The quality warning for a foot whose events its template cannot time to the frame
 * (GaitEvent.templateSd), in a PT's words: what moved, by how much, what it widens, what to do.
 */
export function timingSpreadFlag(steps: readonly Step[], side: Side, fps: number): GaitFlag | null {
  const mine = steps.filter((s) => s.side === side && s.clean);
  const sdOf = (kind: 'ic' | 'to'): number =>
    Math.max(0, ...mine.map((s) => s[kind]?.templateSd ?? 0).filter(Number.isFinite));
  const [ic, to] = [sdOf('ic'), sdOf('to')];
  const sd = Math.max(ic, to);
  if (sd < FLAG_FRAMES) return null;
  const both = ic >= FLAG_FRAMES && to >= FLAG_FRAMES;
  const [what, moment, at, times] = both
    ? [
        'contacts and toe-offs',
        'landing and push-off',
        'initial contact and toe-off',
        'Contact, step and flight time',
      ]
    : ic >= to
      ? ['contacts', 'landing', 'initial contact', 'Contact time, step time']
      : ['toe-offs', 'push-off', 'toe-off', 'Contact time, flight time'];
  return {
    code: 'event-timing-uncertain',
    severity: 'warning',
    side,
    message: `The ${side} foot's ${what} cannot be timed to the frame on this clip: they are all read from that foot's typical ${moment}, averaged over its strides, and here that average shows no single clear moment, so all ${side} ${what} may sit about ±${Math.round((1000 * sd) / fps)} ms early or late together. ${times} and the angles at ${at} of the ${side} leg carry this in their intervals. Check a few ${side} ${what} in Review, or film a longer clip.`,
    values: { frames: sd, ...(ic > 0 ? { contactFrames: ic } : {}), ...(to > 0 ? { toeOffFrames: to } : {}) },
  };
}
