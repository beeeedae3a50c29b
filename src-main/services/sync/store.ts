import type { SearchWindow, SyncRecord } from '../../../src-shared/contract/sync';
import type { SyncEstimate } from '../../../src-shared/sync/types';
import type { DataLayer } from '../../data';
import type { SyncPair } from '../../data/sync';

/** The sync service's use of `recording_sync` (src-main/data/sync.ts), and a pair seen the other way round. */

/**
 * The same alignment seen from the other clip: tA = s·tB + o  ⇔  tB = tA/s − o/s. Frames are then
 * frames of the new A (the old B), at `fpsB`.
 */
export function reversed(rec: SyncRecord, fpsB: number): SyncRecord {
  const s = rec.timeScale;
  const flip = (o: number): number => -o / s;
  const estimate = rec.estimate && {
    ...rec.estimate,
    offsetS: flip(rec.estimate.offsetS),
    offsetFramesA: flip(rec.estimate.offsetS) * fpsB,
    timeScale: 1 / s,
    runnerUp: rec.estimate.runnerUp && {
      ...rec.estimate.runnerUp,
      offsetS: flip(rec.estimate.runnerUp.offsetS),
      offsetFramesA: flip(rec.estimate.runnerUp.offsetS) * fpsB,
    },
    alternatives: rec.estimate.alternatives.map((a) => ({
      ...a,
      offsetS: flip(a.offsetS),
      offsetFramesA: flip(a.offsetS) * fpsB,
    })),
  };
  return {
    ...rec,
    recordingAId: rec.recordingBId,
    recordingBId: rec.recordingAId,
    offsetS: flip(rec.offsetS),
    offsetFramesA: flip(rec.offsetS) * fpsB,
    timeScale: 1 / s,
    fpsA: fpsB,
    nudgeFrames: (-rec.nudgeFrames / rec.fpsA / s) * fpsB,
    estimate,
  };
}

/** The stored row of a pair, in whichever order it was stored; `flipped` when stored as (B, A). */
export async function findPair(
  data: DataLayer,
  a: string,
  b: string,
): Promise<{ record: SyncRecord; flipped: boolean } | null> {
  return (await data.sync.pair(a, b)) ?? null;
}

export const listPairs = (data: DataLayer, sessionId: string): Promise<SyncRecord[]> =>
  data.sync.pairsOfSession(sessionId);

async function stored(data: DataLayer, pair: SyncPair): Promise<SyncRecord> {
  const found = await data.sync.pair(pair.a, pair.b);
  if (!found) throw new Error(`The alignment of ${pair.a} and ${pair.b} was not stored.`);
  return found.record;
}

/** Store a fresh automatic estimate for (a, b), replacing any row of the pair in either order. */
export async function saveEstimate(
  data: DataLayer,
  pair: SyncPair,
  e: SyncEstimate,
  window: SearchWindow | null,
  now = new Date(),
): Promise<SyncRecord> {
  const details = {
    timeScale: e.timeScale,
    peak: e.peak,
    runnerUp: e.runnerUp,
    alternatives: e.alternatives,
    labelsSwapped: e.labelsSwapped,
    periodS: e.periodS,
    overlapS: e.overlapS,
    warnings: e.warnings,
    window,
  };
  await data.transaction((tx) =>
    tx.sync.putEstimate(
      pair,
      {
        offsetS: e.offsetS,
        timeScale: e.timeScale,
        fpsA: e.fpsA,
        confidence: e.confidence,
        level: e.level,
        details,
      },
      now.toISOString(),
    ),
  );
  return stored(data, pair);
}

/**
 * Set the offset in use by hand (frames of A), as given in the order (a, b). The estimate and its
 * confidence stay; `nudge_frames` records how far the hand moved it from the estimate.
 */
export async function saveManual(
  data: DataLayer,
  pair: SyncPair,
  offsetFramesA: number,
  fpsA: number,
  now = new Date(),
): Promise<SyncRecord> {
  const ts = now.toISOString();
  await data.transaction(async (tx) => {
    const found = await tx.sync.pair(pair.a, pair.b);
    if (!found) {
      await tx.sync.insertManual(pair, offsetFramesA / fpsA, fpsA, ts);
      return;
    }
    // Work in the stored orientation. Asked as (a, b): tA = tB/s + o'; stored as (b, a): tB = s·tA + o,
    // so o = −o'·s.
    const old = found.record;
    const asked = offsetFramesA / fpsA;
    const want = found.flipped ? -asked * old.timeScale : asked;
    const nudge = old.estimate ? (want - old.estimate.offsetS) * old.fpsA : 0;
    await tx.sync.setManual(old.recordingAId, old.recordingBId, want, nudge, ts);
  });
  return stored(data, pair);
}
