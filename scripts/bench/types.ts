/** One measured figure. Ratios are measured within one run so they hold on any machine. */
export interface BenchLine {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The 1-minute load average just before and just after the figure was measured (shared machine). */
  readonly loadBefore?: number;
  readonly loadAfter?: number;
}
export type Bench = () => Promise<BenchLine[]>;
