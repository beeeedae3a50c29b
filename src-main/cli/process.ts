import { claimScratch, sweepLeftovers } from '../services/process/scratch';

/**
 * What a `stridelab` process does around its command, and only when it is a process of its own
 * (bin/stridelab.js, or cli.js run directly), never when tests call `main` in-process: take a
 * scratch folder and point TMPDIR into it, and first clean up after StrideLab processes that died
 * (their children killed, their temporary folders removed: services/process/scratch.ts).
 */
export function startCliProcess(): void {
  // Neither may stop the command: a full or read-only temp folder only means less is cleaned up.
  try {
    sweepLeftovers();
  } catch {
    // what could not be swept now is swept by a later start
  }
  try {
    claimScratch({ redirectTmp: true });
  } catch {
    // no scratch folder: temporary files go to the system's temp folder as before
  }
}

/**
 * The signals that stop a command as Ctrl-C does: SIGINT (Ctrl-C), SIGTERM (kill, a service
 * manager, a closing terminal session) and SIGHUP (the terminal went away). The first one aborts
 * the command, which removes its partial files and exits with 130; a second one exits at once
 * (children die with us; the next start sweeps the rest).
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const EXIT_CODE = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** Abort `controller` on the first stop signal; returns the function that stops listening. */
export function abortOnStop(controller: AbortController): () => void {
  const handler = (signal: (typeof STOP_SIGNALS)[number]): void => {
    if (controller.signal.aborted) process.exit(EXIT_CODE[signal]);
    controller.abort();
  };
  for (const s of STOP_SIGNALS) process.on(s, handler);
  return () => {
    for (const s of STOP_SIGNALS) process.off(s, handler);
  };
}

/**
 * Resolve on the first stop signal (a command that runs until stopped: serve). The handlers stay:
 * a second signal during the shutdown exits at once.
 */
export function untilStopped(): Promise<void> {
  const controller = new AbortController();
  abortOnStop(controller);
  return new Promise((resolve) => controller.signal.addEventListener('abort', () => resolve()));
}
