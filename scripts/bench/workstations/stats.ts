/**
 * Percentiles for latency figures: nearest-rank (the smallest sample with at least p% of samples at
 * or below it), so a p95 is always a latency that was actually measured, never an interpolation.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('No samples to take a percentile of.');
  if (!(p > 0 && p <= 100)) throw new Error(`Percentile ${p} is outside (0, 100].`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}
