import type Database from 'better-sqlite3';
import type { SearchWindow, StoredEstimate, SyncRecord } from '../../../src-shared/contract/sync';
import type { SyncEstimate } from '../../../src-shared/sync/types';

/** Row ↔ record mapping and the queries on recording_sync (migration: ./migration.ts). */
interface SyncRow {
  session_id: string;
  recording_a_id: string;
  recording_b_id: string;
  offset_s: number;
  time_scale: number;
  fps_a: number;
  manual: number;
  nudge_frames: number;
  estimated_offset_s: number | null;
  confidence: number | null;
  level: string | null;
  details_json: string;
  estimated_at: string | null;
  created_at: string;
  updated_at: string;
}

type Details = Omit<StoredEstimate, 'offsetS' | 'offsetFramesA' | 'confidence' | 'level' | 'estimatedAt'>;

function toRecord(r: SyncRow): SyncRecord {
  let estimate: StoredEstimate | null = null;
  if (r.estimated_offset_s !== null && r.confidence !== null && r.level !== null && r.estimated_at !== null) {
    const d = JSON.parse(r.details_json) as Details;
    estimate = {
      ...d,
      offsetS: r.estimated_offset_s,
      offsetFramesA: r.estimated_offset_s * r.fps_a,
      confidence: r.confidence,
      level: r.level as StoredEstimate['level'],
      estimatedAt: r.estimated_at,
    };
  }
  return {
    sessionId: r.session_id,
    recordingAId: r.recording_a_id,
    recordingBId: r.recording_b_id,
    offsetS: r.offset_s,
    offsetFramesA: r.offset_s * r.fps_a,
    timeScale: r.time_scale,
    fpsA: r.fps_a,
    manual: r.manual === 1,
    nudgeFrames: r.nudge_frames,
    estimate,
    updatedAt: r.updated_at,
  };
}

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
export function findPair(
  db: Database.Database,
  a: string,
  b: string,
): { record: SyncRecord; flipped: boolean } | null {
  const row = db
    .prepare(
      `SELECT * FROM recording_sync WHERE (recording_a_id = ? AND recording_b_id = ?) OR (recording_a_id = ? AND recording_b_id = ?)`,
    )
    .get(a, b, b, a) as SyncRow | undefined;
  if (!row) return null;
  return { record: toRecord(row), flipped: row.recording_a_id !== a };
}

export function listPairs(db: Database.Database, sessionId: string): SyncRecord[] {
  const rows = db
    .prepare(
      `SELECT s.* FROM recording_sync s
         JOIN recordings a ON a.id = s.recording_a_id AND a.deleted_at IS NULL
         JOIN recordings b ON b.id = s.recording_b_id AND b.deleted_at IS NULL
       WHERE s.session_id = ? ORDER BY s.created_at`,
    )
    .all(sessionId) as SyncRow[];
  return rows.map(toRecord);
}

/** Store a fresh automatic estimate for (a, b), replacing any row of the pair in either order. */
export function saveEstimate(
  db: Database.Database,
  pair: { sessionId: string; a: string; b: string },
  e: SyncEstimate,
  window: SearchWindow | null,
  now = new Date(),
): SyncRecord {
  const ts = now.toISOString();
  const details: Details = {
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
  db.transaction(() => {
    const pairWhere = `(recording_a_id = ? AND recording_b_id = ?) OR (recording_a_id = ? AND recording_b_id = ?)`;
    const old = db
      .prepare(`SELECT created_at FROM recording_sync WHERE ${pairWhere}`)
      .get(pair.a, pair.b, pair.b, pair.a) as { created_at: string } | undefined;
    db.prepare(
      `DELETE FROM recording_sync WHERE (recording_a_id = ? AND recording_b_id = ?) OR (recording_a_id = ? AND recording_b_id = ?)`,
    ).run(pair.a, pair.b, pair.b, pair.a);
    db.prepare(
      `INSERT INTO recording_sync (session_id, recording_a_id, recording_b_id, offset_s, time_scale, fps_a, manual,
         nudge_frames, estimated_offset_s, confidence, level, details_json, estimated_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      pair.sessionId,
      pair.a,
      pair.b,
      e.offsetS,
      e.timeScale,
      e.fpsA,
      e.offsetS,
      e.confidence,
      e.level,
      JSON.stringify(details),
      ts,
      old?.created_at ?? ts,
      ts,
    );
  })();
  return (findPair(db, pair.a, pair.b) as { record: SyncRecord }).record;
}

/**
 * Set the offset in use by hand (frames of A), as given in the order (a, b). The estimate and its
 * confidence stay; `nudge_frames` records how far the hand moved it from the estimate.
 */
export function saveManual(
  db: Database.Database,
  pair: { sessionId: string; a: string; b: string },
  offsetFramesA: number,
  fpsA: number,
  now = new Date(),
): SyncRecord {
  const ts = now.toISOString();
  db.transaction(() => {
    const found = findPair(db, pair.a, pair.b);
    if (!found) {
      db.prepare(
        `INSERT INTO recording_sync (session_id, recording_a_id, recording_b_id, offset_s, time_scale, fps_a, manual,
           nudge_frames, created_at, updated_at)
         VALUES (?, ?, ?, ?, 1, ?, 1, 0, ?, ?)`,
      ).run(pair.sessionId, pair.a, pair.b, offsetFramesA / fpsA, fpsA, ts, ts);
      return;
    }
    // Work in the stored orientation. Asked as (a, b): tA = tB/s + o'; stored as (b, a): tB = s·tA + o,
    // so o = −o'·s.
    const stored = found.record;
    const asked = offsetFramesA / fpsA;
    const want = found.flipped ? -asked * stored.timeScale : asked;
    const nudge = stored.estimate ? (want - stored.estimate.offsetS) * stored.fpsA : 0;
    db.prepare(
      `UPDATE recording_sync SET offset_s = ?, manual = 1, nudge_frames = ?, updated_at = ?
       WHERE recording_a_id = ? AND recording_b_id = ?`,
    ).run(want, nudge, ts, stored.recordingAId, stored.recordingBId);
  })();
  return (findPair(db, pair.a, pair.b) as { record: SyncRecord }).record;
}
