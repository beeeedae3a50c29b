import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { writePoseStore } from '../../src-main/services/pose';
import { POSE_FLOATS, POSE_WORLD_OFFSET } from '../../src-shared/pose/engine-protocol';
import { LandmarkSeriesSchema, type LandmarkSeries } from '../../src-shared/pose/landmarks';
import { insertRow, type SqlRunner } from '../helpers/sql-both';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'landmarks');

/** The real landmark fixtures of the two pose2sim cameras (same trial, filmed at the same time). */
export const fixture = (
  name: 'pose2sim_single_cam01.full.json' | 'pose2sim_single_cam03.full.json',
): LandmarkSeries => LandmarkSeriesSchema.parse(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')));

export interface FixtureRow {
  id: string;
  sessionId: string;
  view: 'side' | 'rear';
  condition?: string;
  name: string;
  fps: number;
  frames: number;
}

/**
 * A recordings row as the import writes it (media paths relative to the media folder). The sync
 * service reads only ids, session, view, condition, name, probe rate and the proxy's folder.
 */
function recordingRow(r: FixtureRow): Record<string, unknown> {
  const ts = '2026-01-15T10:00:00.000Z';
  const dir = `${r.sessionId}/${r.id}`;
  return {
    id: r.id,
    session_id: r.sessionId,
    view: r.view,
    condition_label: r.condition ?? 'flat',
    original_name: r.name,
    sha256: r.id.padEnd(64, '0').slice(0, 64),
    size_bytes: 1000,
    probe_json: JSON.stringify({ proxyFps: r.fps, nominalFps: r.fps, frameCount: r.frames }),
    frame_count: r.frames,
    trim_start_frame: 0,
    trim_end_frame: r.frames,
    original_path: `${dir}/original.mp4`,
    proxy_path: `${dir}/proxy.mp4`,
    thumb_path: `${dir}/thumb.jpg`,
    timestamps_path: `${dir}/timestamps.f64`,
    created_at: ts,
    updated_at: ts,
  };
}

export function insertRecording(db: Database.Database, r: FixtureRow): void {
  const row = recordingRow(r);
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO recordings (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
    ...cols.map((c) => row[c]),
  );
}

/** The same on either backend (test/helpers/test-services.ts). */
export async function addRecording(sql: SqlRunner, r: FixtureRow): Promise<void> {
  await insertRow(sql, 'recordings', recordingRow(r));
}

/** Landmarks imported from another tool: `landmarks.json` beside the recording's proxy. */
export function writeLandmarks(
  mediaDir: string,
  sessionId: string,
  recordingId: string,
  s: LandmarkSeries,
): void {
  const dir = join(mediaDir, sessionId, recordingId);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'landmarks.json'), JSON.stringify(s));
}

/**
 * Put a series into a recording's pose store, as if the pose engine had run on it (running MediaPipe
 * takes minutes on two cores; the series is real MediaPipe output from test/fixtures/landmarks).
 */
export function storePose(mediaDir: string, sessionId: string, recordingId: string, s: LandmarkSeries): void {
  const frames = s.frames.map((f) => {
    if (f.status !== 'pose' || !f.image) return { t: f.t, poses: new Float32Array(0) };
    const poses = new Float32Array(POSE_FLOATS);
    f.image.forEach((p, k) => poses.set(p, k * 5));
    f.world?.forEach((w, k) => poses.set(w, POSE_WORLD_OFFSET + k * 3));
    return { t: f.t, poses };
  });
  const candidates = { source: s.source, model: 'full' as const, numPoses: 1, frames };
  writePoseStore(join(mediaDir, sessionId, recordingId), candidates);
}
