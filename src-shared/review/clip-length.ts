/**
 * How long a clip must last to be analysed, and the words that say so: one rule for the analysis
 * (analyse.ts, on the landmarks' times as trimmed) and for the import (the clip's card on the
 * session page and `stridelab import`, on the whole clip), so that the PT hears it when the clip
 * arrives and not only when its analysis comes back without numbers. A short clip is still
 * imported: it is a valid video, and a trim or a second take may follow (docs/library-layout.md,
 * "Clips clinics bring").
 */

/**
 * The shortest clip (as trimmed) analysed, seconds. At a slow running cadence (150 steps/min) a stride
 * lasts 0.8 s, so 2 s hold two and a half strides: two steps a side, the fewest from which a
 * step-to-step spread exists. Below it a side has one step, which the report would print with a
 * spread of 0 and findings drawn from it (a 1.5 s cut of the sample clip: "265 ± 0 ms, n=1").
 */
export const MIN_ANALYSED_S = 2;

/** Why a clip lasting `spanS` seconds (as trimmed) is too short to analyse, in the PT's words, or null. */
export function tooShortToAnalyse(spanS: number, trimmed: boolean): string | null {
  if (spanS >= MIN_ANALYSED_S) return null;
  return `The clip${trimmed ? ' as trimmed' : ''} lasts ${spanS.toFixed(1)} s: too short to measure steps and how much they vary (at least ${MIN_ANALYSED_S} s, two steps a side, are needed). ${trimmed ? 'Trim less of it, or film' : 'Film'} 10 to 15 s of steady running.`;
}

/** What the PT is told when a clip of `durationS` seconds has just been imported, or null. */
export function importNotice(durationS: number): string | null {
  const short = tooShortToAnalyse(durationS, false);
  return short && `Imported, but it will give no numbers. ${short}`;
}
