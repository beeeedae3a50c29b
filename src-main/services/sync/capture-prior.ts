import type Database from 'better-sqlite3';

/**
 * When both clips were filmed in StrideLab in one take, the capture noted when each one's first
 * frame came, on one clock (capture_clips.start_offset_ms, migration 0004): their difference is the
 * alignment to within the browser's timing (a frame or two). The estimate then searches only near it,
 * which settles what pose signals alone cannot on a steady treadmill run: which stride is which.
 */
export const CAPTURE_WINDOW_S = 0.25;

export function captureOffsetS(db: Database.Database, aId: string, bId: string): number | null {
  const row = db
    .prepare(
      `SELECT a.start_offset_ms AS a, b.start_offset_ms AS b
         FROM capture_clips a JOIN capture_clips b ON a.take_id = b.take_id
        WHERE a.recording_id = ? AND b.recording_id = ?
          AND a.start_offset_ms IS NOT NULL AND b.start_offset_ms IS NOT NULL`,
    )
    .get(aId, bId) as { a: number; b: number } | undefined;
  return row ? (row.b - row.a) / 1000 : null;
}
