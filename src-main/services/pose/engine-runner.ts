import { runEngine } from './engine-host';
import type { EngineRunner } from './engine-session';

/**
 * Which host runs the engine for the services and the CLI: headless Chromium by default (the Node
 * host); the Electron shell puts its own in at start (a hidden window, src-main/electron/pose-engine.ts),
 * as it does for the report printer. Everything above this seam (probe, person choice, store,
 * progress, cancel) is the same in both.
 */
let current: EngineRunner = runEngine;

export function setEngineRunner(runner: EngineRunner): void {
  current = runner;
}

export const engineRunner = (): EngineRunner => current;
