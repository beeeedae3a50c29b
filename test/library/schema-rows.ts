/**
 * One valid row of every table, at the version that made the table, in an order the foreign keys
 * accept; and refusals: a new row that is valid (`key`) and the same row with one bad field (`bad`),
 * which both backends must refuse. Shared by the migration tests on SQLite and PostgreSQL.
 */
const T = '2026-01-02T03:04:05.000Z';

export interface FixtureRow {
  readonly version: number;
  readonly table: string;
  readonly row: Readonly<Record<string, unknown>>;
}

const recording = (id: string, sessionId: string, view: string): Record<string, unknown> => ({
  id,
  session_id: sessionId,
  view,
  condition_label: 'flat',
  incline_pct: 1.5,
  speed_kmh: 12.25,
  shoes: null,
  original_name: `${id}.mp4`,
  sha256: id.padEnd(64, '0'),
  // Beyond 2^31: PostgreSQL must hold byte counts in a BIGINT.
  size_bytes: 5_000_000_123,
  probe_json: '{"fps":30}',
  frame_count: 90,
  trim_start_frame: 0,
  trim_end_frame: 90,
  original_path: `s/${id}/original.mp4`,
  proxy_path: `s/${id}/proxy.mp4`,
  thumb_path: `s/${id}/thumb.jpg`,
  timestamps_path: `s/${id}/timestamps.f64`,
  proxy_status: 'ready',
  created_at: T,
  updated_at: T,
  deleted_at: null,
});

const session = (id: string): Record<string, unknown> => ({
  id,
  patient_id: 'p1',
  date: '2026-01-02',
  clinician: 'Jo',
  complaint: 'knee',
  injury_side: 'left',
  shoes: 'trail',
  treadmill_speeds_kmh: '[10,12]',
  treadmill_inclines_pct: '[0]',
  notes: null,
  created_at: T,
  updated_at: T,
  deleted_at: null,
});

export const FIXTURE_ROWS: readonly FixtureRow[] = [
  {
    version: 1,
    table: 'patients',
    row: {
      id: 'p1',
      name: 'Ann Lee',
      date_of_birth: '1990-02-03',
      clinic_id: 'C-1',
      sex: 'female',
      height_cm: 170.5,
      leg_length_cm: 88.25,
      notes: 'ok',
      created_at: T,
      updated_at: T,
      deleted_at: null,
    },
  },
  { version: 1, table: 'sessions', row: session('s1') },
  { version: 1, table: 'sessions', row: session('s2') },
  { version: 2, table: 'recordings', row: recording('r1', 's1', 'side') },
  { version: 2, table: 'recordings', row: recording('r2', 's1', 'rear') },
  { version: 2, table: 'recordings', row: recording('r4', 's1', 'rear') },
  { version: 2, table: 'recordings', row: recording('r3', 's2', 'side') },
  {
    version: 3,
    table: 'landmark_corrections',
    row: { recording_id: 'r1', frame: 3, landmark: 'left_knee', x: 1.5, y: 2.25, updated_at: T },
  },
  {
    version: 3,
    table: 'review_measurements',
    row: {
      id: 'm1',
      session_id: 's1',
      recording_id: 'r1',
      frame: 3,
      tool: 'distance',
      points_json: '[[1,2],[3,4]]',
      text: null,
      length_cm: 12.5,
      created_at: T,
      updated_at: T,
    },
  },
  {
    version: 3,
    table: 'key_frames',
    row: {
      id: 'k1',
      session_id: 's1',
      recording_id: 'r1',
      frame: 4,
      t: 0.1335,
      label: 'Left contact',
      event: 'IC',
      side: 'left',
      overlays_json: '[]',
      created_at: T,
      updated_at: T,
    },
  },
  {
    version: 4,
    table: 'capture_takes',
    row: {
      id: 't1',
      session_id: 's1',
      number: 1,
      condition_json: '{}',
      condition_label: 'flat',
      started_at: T,
      status: 'saved',
      created_at: T,
      updated_at: T,
    },
  },
  {
    version: 4,
    table: 'capture_clips',
    row: {
      take_id: 't1',
      view: 'side',
      recording_id: 'r1',
      device_label: 'cam 1',
      width: 1280,
      height: 720,
      fps: 29.97,
      mime_type: 'video/webm',
      start_offset_ms: 12.5,
      duration_ms: 1000,
      frames_delivered: 30,
      error: null,
    },
  },
  {
    version: 5,
    table: 'report_edits',
    row: {
      session_id: 's1',
      findings_json: '[]',
      plan_json: '["run"]',
      notes: 'n',
      created_at: T,
      updated_at: T,
    },
  },
  {
    version: 6,
    table: 'recording_sync',
    row: {
      session_id: 's1',
      recording_a_id: 'r1',
      recording_b_id: 'r2',
      offset_s: 0.1,
      time_scale: 1,
      fps_a: 30,
      manual: 0,
      nudge_frames: 0,
      estimated_offset_s: 0.1,
      confidence: 0.9,
      level: 'high',
      details_json: '{}',
      estimated_at: T,
      created_at: T,
      updated_at: T,
    },
  },
  {
    version: 7,
    table: 'analysis_jobs',
    row: {
      recording_id: 'r1',
      model: 'full',
      state: 'queued',
      force: 0,
      attempts: 0,
      error: null,
      note: null,
      queued_at: T,
      updated_at: T,
    },
  },
  { version: 8, table: 'event_edits', row: { recording_id: 'r1', edits_json: '[]', updated_at: T } },
  {
    version: 9,
    table: 'session_symptoms',
    row: {
      session_id: 's1',
      pain_before: 2,
      pain_during: 3,
      pain_after: null,
      pain_24h: 1,
      weekly_km: 25.5,
      rtr_stage: 'stage 2',
      notes: null,
      updated_at: T,
    },
  },
  {
    version: 10,
    table: 'marker_seeds',
    row: { recording_id: 'r1', frame: 0, seed_json: '{}', updated_at: T },
  },
  {
    version: 10,
    table: 'marker_tracks',
    row: {
      recording_id: 'r1',
      marker: 'heel',
      frames: 2,
      points: Buffer.from(Array.from({ length: 32 }, (_, i) => i)),
      seed_hash: 'h',
      created_at: T,
    },
  },
  {
    version: 10,
    table: 'marker_corrections',
    row: { recording_id: 'r1', marker: 'heel', frame: 1, x: 1, y: 2, updated_at: T },
  },
  {
    version: 14,
    table: 'session_conditions',
    row: {
      session_id: 's1',
      label: 'incline',
      incline_pct: 5.5,
      speed_kmh: 10.25,
      created_at: T,
      updated_at: T,
    },
  },
];

export interface Refusal {
  readonly why: string;
  readonly table: string;
  /** Makes the fixture row a new, valid row; null: the case is a duplicate of the fixture row. */
  readonly key: Readonly<Record<string, unknown>> | null;
  readonly bad: Readonly<Record<string, unknown>>;
}

export const REFUSALS: readonly Refusal[] = [
  { why: 'a blank name', table: 'patients', key: { id: 'p9' }, bad: { name: '  ' } },
  { why: 'a negative height', table: 'patients', key: { id: 'p9' }, bad: { height_cm: -1 } },
  { why: 'an edit version below 1', table: 'patients', key: { id: 'p9' }, bad: { version: 0 } },
  { why: 'a session of no patient', table: 'sessions', key: { id: 's9' }, bad: { patient_id: 'ghost' } },
  { why: 'a short hash', table: 'recordings', key: { id: 'r9' }, bad: { sha256: 'abc' } },
  { why: 'a trim past the end', table: 'recordings', key: { id: 'r9' }, bad: { trim_end_frame: 91 } },
  { why: 'an unknown view', table: 'recordings', key: { id: 'r9' }, bad: { view: 'top' } },
  { why: 'two key frames on one frame', table: 'key_frames', key: { id: 'k2', frame: 5 }, bad: { frame: 4 } },
  { why: 'a clip with no frame rate', table: 'capture_clips', key: { view: 'rear' }, bad: { fps: 0 } },
  {
    why: 'findings not a list',
    table: 'report_edits',
    key: { session_id: 's2' },
    bad: { findings_json: '{}' },
  },
  {
    why: 'a plan not JSON',
    table: 'report_edits',
    key: { session_id: 's2' },
    bad: { plan_json: 'run more' },
  },
  {
    why: 'clips of another session',
    table: 'recording_sync',
    key: { recording_a_id: 'r1', recording_b_id: 'r4' },
    bad: { recording_b_id: 'r3' },
  },
  {
    why: 'the same pair the other way round',
    table: 'recording_sync',
    key: null,
    bad: { recording_a_id: 'r2', recording_b_id: 'r1' },
  },
  { why: 'a second job for one clip and model', table: 'analysis_jobs', key: null, bad: {} },
  {
    why: 'a failure without a reason',
    table: 'analysis_jobs',
    key: { model: 'lite' },
    bad: { state: 'failed' },
  },
  { why: 'an unknown model', table: 'analysis_jobs', key: { model: 'lite' }, bad: { model: 'huge' } },
  {
    why: 'an outcome the gait step never gives',
    table: 'analysis_jobs',
    key: { model: 'lite', state: 'done', outcome: 'numbers' },
    bad: { outcome: 'fine' },
  },
  {
    why: 'corrections not a list',
    table: 'event_edits',
    key: { recording_id: 'r2' },
    bad: { edits_json: '{"a":1}' },
  },
  { why: 'a pain of 11', table: 'session_symptoms', key: { session_id: 's2' }, bad: { pain_before: 11 } },
  {
    why: 'a negative distance',
    table: 'session_symptoms',
    key: { session_id: 's2' },
    bad: { weekly_km: -1 },
  },
  {
    why: 'a seed not an object',
    table: 'marker_seeds',
    key: { recording_id: 'r2' },
    bad: { seed_json: '[]' },
  },
  {
    why: 'a track of the wrong length',
    table: 'marker_tracks',
    key: { marker: 'toe' },
    bad: { points: Buffer.alloc(31) },
  },
  {
    why: 'an incline past the contract’s 40 %',
    table: 'session_conditions',
    key: { label: 'steep' },
    bad: { incline_pct: 40.5 },
  },
  {
    why: 'a condition of no session',
    table: 'session_conditions',
    key: { session_id: 's2' },
    bad: { session_id: 'ghost' },
  },
  { why: 'one label twice in a session', table: 'session_conditions', key: null, bad: {} },
];
