import { availableParallelism } from 'node:os';
import { NO_ESTIMATE, sampleQueue, type QueueEstimate } from '../../../src-shared/analysis/time-left';
import { stableRate } from '../../../src-shared/analysis/rate';
import type { PoseModelName } from '../../../src-shared/pose/engine-protocol';
import type { RunHold } from './engine-session';
import type { PassProgress } from './run';

/**
 * The one time left of pose detection in this process (docs/analysis-queue.md, "Time left"): every
 * run going, whoever started it (the analysis queue, `pose:start`, `stridelab analyze` or `pose`),
 * is sampled into one estimate per model (src-shared/analysis/time-left.ts): one rate for the
 * runs sharing the CPU, each run's time left from it. `pose:progress`, the queue's status and the
 * CLI read the same numbers, so what the session page, the events and the terminal say agree.
 */

/** What a run's progress says with the estimate: what `pose:progress` and the CLI print. */
export interface PoseProgress {
  readonly framesDone: number;
  readonly totalFrames: number;
  /** The run's pace now, frames per second (its share of the model's rate); null before any. */
  readonly fps: number | null;
  /** Seconds until the run is done; null while the rate is not stable ("estimating"). */
  readonly secondsLeft: number | null;
  /** SECOND_PASS_STAGE or THIRD_PASS_STAGE during a later pass on the runner's region (run.ts); else absent. */
  readonly stage?: string;
}

export interface RunFollower {
  /** The run's progress with the estimate, after it was sampled into it. */
  report(p: PassProgress): PoseProgress;
  /** The run ended (done, failed or cancelled): it no longer shares the CPU. */
  end(): void;
}

interface Followed {
  readonly model: PoseModelName;
  readonly hold: RunHold | undefined;
  progress: PassProgress | null;
  /** Its engine (re)started since the last sample: told to the rate once. */
  restarted: boolean;
}

export function createPoseTimeLeft(cores = availableParallelism(), now = () => performance.now() / 1000) {
  const runs = new Map<string, Followed>();
  const estimates = new Map<PoseModelName, QueueEstimate>();
  const key = (id: string, model: PoseModelName): string => `${id}:${model}`;

  const sample = (model: PoseModelName): void => {
    const going = [...runs].filter(([, r]) => r.model === model);
    const prev = estimates.get(model) ?? NO_ESTIMATE;
    const samples = going.map(([k, r]) => ({
      id: k,
      framesDone: r.progress?.framesDone ?? 0,
      totalFrames: r.progress?.totalFrames ?? 0,
      ...(r.hold?.held ? { held: true } : {}),
      ...(r.restarted ? { restarted: true } : {}),
    }));
    for (const [, r] of going) r.restarted = false;
    estimates.set(model, sampleQueue(prev, now(), samples, { slots: Math.max(1, samples.length), cores }));
  };

  /** The pace of one run of `model`: its share of the cores at the model's rate (processor sharing). */
  const paceOf = (model: PoseModelName): number | null => {
    const perCore = estimates.get(model)?.rate.perCore ?? null;
    const going = [...runs.values()].filter((r) => r.model === model && !r.hold?.held).length;
    return perCore === null || going === 0 ? null : (perCore * Math.min(going, Math.max(1, cores))) / going;
  };

  return {
    follow(id: string, model: PoseModelName, hold?: RunHold): RunFollower {
      const k = key(id, model);
      runs.set(k, { model, hold, progress: null, restarted: false });
      sample(model);
      return {
        report(p) {
          const run = runs.get(k);
          if (run) {
            run.progress = p;
            run.restarted ||= p.restarted === true;
            sample(model);
          }
          return {
            framesDone: p.framesDone,
            totalFrames: p.totalFrames,
            fps: paceOf(model),
            secondsLeft: estimates.get(model)?.shown.get(k)?.seconds ?? null,
            ...(p.stage ? { stage: p.stage } : {}),
          };
        },
        end() {
          if (runs.delete(k)) sample(model);
        },
      };
    },
    /**
     * A running clip's time left now (sampled at the read, so it counts down between landings);
     * null while estimating or when it is not running.
     */
    secondsLeft(id: string, model: PoseModelName): number | null {
      if (!runs.has(key(id, model))) return null;
      sample(model);
      return estimates.get(model)?.shown.get(key(id, model))?.seconds ?? null;
    },
    /** The model's rate per core once stable (kept after its runs end, so later clips start from it). */
    rate(model: PoseModelName): number | null {
      const est = estimates.get(model);
      return est ? stableRate(est.rate) : null;
    },
  };
}

export type PoseTimeLeft = ReturnType<typeof createPoseTimeLeft>;

/** This process's estimate (one library per process, as the pose service's running jobs). */
export const poseTimeLeft: PoseTimeLeft = createPoseTimeLeft();
