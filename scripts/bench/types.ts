/** One measured figure. Ratios are measured within one run so they hold on any machine. */
export interface BenchLine {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}
export type Bench = () => Promise<BenchLine[]>;
