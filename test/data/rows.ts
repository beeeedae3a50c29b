import type { DataLayer } from '../../src-main/data';
import type { NewRecording } from '../../src-main/data/recordings';

/**
 * A patient, a session and recordings written through the repositories, for the data layer's tests
 * of the tables that hang off a recording (capture, sync, markers). The media files do not exist:
 * these tests read rows only.
 */
export const AT = '2026-01-01T00:00:00.000Z';

export async function seedSession(data: DataLayer, sessionId = 's1', patientId = 'p1'): Promise<void> {
  if (!(await data.patients.get(patientId)))
    await data.patients.insert(patientId, { name: 'Ana Lopez', sex: 'female' }, AT);
  await data.sessions.insert(
    sessionId,
    { patientId, date: '2026-01-01', injurySide: 'left', treadmillSpeedsKmh: [], treadmillInclinesPct: [] },
    AT,
  );
}

/** A recording's row as the import writes it (sha256 from the id, 1000 bytes, proxy ready); `more` replaces fields. */
export function recordingRow(
  id: string,
  sessionId = 's1',
  opts: { view?: 'side' | 'rear'; probe?: Record<string, unknown>; frameCount?: number } = {},
  more: Partial<NewRecording> = {},
): NewRecording {
  const frameCount = opts.frameCount ?? 100;
  return {
    id,
    session_id: sessionId,
    view: opts.view ?? 'side',
    condition_label: 'flat',
    incline_pct: null,
    speed_kmh: 10,
    shoes: null,
    original_name: `${id}.mp4`,
    sha256: id.padEnd(64, '0'),
    size_bytes: 1000,
    probe_json: JSON.stringify(opts.probe ?? { nominalFps: 50, proxyFps: 50, frameCount }),
    frame_count: frameCount,
    trim_start_frame: 0,
    trim_end_frame: frameCount,
    original_path: `${sessionId}/${id}/original.mp4`,
    proxy_path: `${sessionId}/${id}/proxy.mp4`,
    thumb_path: `${sessionId}/${id}/thumb.jpg`,
    timestamps_path: `${sessionId}/${id}/timestamps.f64`,
    proxy_status: 'ready',
    created_at: AT,
    updated_at: AT,
    deleted_at: null,
    ...more,
  };
}

export async function seedRecording(
  data: DataLayer,
  id: string,
  sessionId = 's1',
  opts: { view?: 'side' | 'rear'; probe?: Record<string, unknown>; frameCount?: number } = {},
): Promise<void> {
  await data.recordings.insert(recordingRow(id, sessionId, opts));
}
