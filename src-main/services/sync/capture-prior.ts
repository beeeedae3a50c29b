import type { DataLayer } from '../../data';

/**
 * When both clips were filmed in StrideLab in one take, the capture noted when each one's first
 * frame came, on one clock (capture_clips.start_offset_ms, migration 0004): their difference is the
 * alignment to within the browser's timing (a frame or two). The estimate then searches only near it,
 * which settles what pose signals alone cannot on a steady treadmill run: which stride is which.
 */
export const CAPTURE_WINDOW_S = 0.25;

export async function captureOffsetS(data: DataLayer, aId: string, bId: string): Promise<number | null> {
  const offsets = await data.capture.startOffsetsMs(aId, bId);
  return offsets ? (offsets.b - offsets.a) / 1000 : null;
}
