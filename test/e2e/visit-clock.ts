import { appendFileSync } from 'node:fs';

/**
 * The PT's side of a visit, measured: user actions counted one by one, and the PT's time as wall time
 * minus the time spent waiting for the machine (analysis, printing). The acceptance test records
 * its figures where `npm run bench` (time-to-report) reads them back.
 */
export interface VisitFigures {
  readonly actions: number;
  readonly ptSeconds: number;
  readonly machineSeconds: number;
  readonly wallSeconds: number;
}

export class VisitClock {
  private started = 0;
  private stopped = 0;
  private waiting = 0;
  private count = 0;

  start(): void {
    this.started = performance.now();
  }
  stop(): void {
    this.stopped = performance.now();
  }
  /** One thing the PT does (a click, a key, a file chosen). */
  async act<T>(fn: () => Promise<T>): Promise<T> {
    this.count++;
    return fn();
  }
  /** Waiting for the machine: not the PT's time. */
  async machine<T>(fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.waiting += performance.now() - t0;
    }
  }
  figures(): VisitFigures {
    const wall = ((this.stopped || performance.now()) - this.started) / 1000;
    return {
      actions: this.count,
      ptSeconds: wall - this.waiting / 1000,
      machineSeconds: this.waiting / 1000,
      wallSeconds: wall,
    };
  }
}

/** Where the figures go when a bench run asks for them ($STRIDELAB_VISIT_FIGURES, one JSON per line). */
export function recordVisitFigures(f: VisitFigures): void {
  const file = process.env.STRIDELAB_VISIT_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify(f)}\n`);
}
