import type { Generated } from 'kysely';

/**
 * The library's tables as kysely sees them: one interface per table, the exact columns the
 * migrations create (src-main/services/library/migrations), as the database stores them (snake_case,
 * JSON as text, booleans as 0/1, times as ISO-8601 text). Both backends use this one description:
 * the embedded SQLite file and, in server mode, PostgreSQL (issue 17). Repositories turn these rows
 * into the domain's types once, at the boundary (src-main/data/README.md); nothing outside
 * src-main/data sees a row.
 *
 * A column added by a migration is added here in the same commit.
 */

/** 0001: the people the clinic sees. */
export interface PatientsTable {
  id: string;
  name: string;
  date_of_birth: string | null;
  clinic_id: string | null;
  sex: string;
  height_cm: number | null;
  leg_length_cm: number | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  /** 0011: raised by every save; a checked save names the version it started from. */
  version: Generated<number>;
  /** 0011: the workstation that saved last (null before 0011). */
  updated_by: string | null;
}

/** 0001: one visit of a patient. Speeds and inclines are JSON arrays of numbers. */
export interface SessionsTable {
  id: string;
  patient_id: string;
  date: string;
  clinician: string | null;
  complaint: string | null;
  injury_side: string;
  shoes: string | null;
  treadmill_speeds_kmh: string;
  treadmill_inclines_pct: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** 0002: the clips of a session; paths are relative to the library's media folder. */
export interface RecordingsTable {
  id: string;
  session_id: string;
  view: string;
  condition_label: string;
  incline_pct: number | null;
  speed_kmh: number | null;
  shoes: string | null;
  original_name: string;
  sha256: string;
  size_bytes: number;
  probe_json: string;
  frame_count: number;
  trim_start_frame: number;
  trim_end_frame: number;
  original_path: string;
  proxy_path: string;
  thumb_path: string;
  timestamps_path: string;
  proxy_status: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** 0003: the PT's hand corrections of the pose model's landmarks. */
export interface LandmarkCorrectionsTable {
  recording_id: string;
  frame: number;
  landmark: string;
  x: number;
  y: number;
  updated_at: string;
}

/** 0003: manual measurements (points only; values are computed). */
export interface ReviewMeasurementsTable {
  id: string;
  session_id: string;
  recording_id: string;
  frame: number;
  tool: string;
  points_json: string;
  text: string | null;
  length_cm: number | null;
  created_at: string;
  updated_at: string;
}

/** 0003: key frames with the overlays that were on. */
export interface KeyFramesTable {
  id: string;
  session_id: string;
  recording_id: string;
  frame: number;
  t: number;
  label: string;
  event: string | null;
  side: string | null;
  overlays_json: string;
  created_at: string;
  updated_at: string;
}

/** 0004: one press of R in the capture page. */
export interface CaptureTakesTable {
  id: string;
  session_id: string;
  number: number;
  condition_json: string;
  condition_label: string;
  started_at: string;
  status: string;
  created_at: string;
  updated_at: string;
}

/** 0004: one clip per view of a take. */
export interface CaptureClipsTable {
  take_id: string;
  view: string;
  recording_id: string | null;
  device_label: string;
  width: number;
  height: number;
  fps: number;
  mime_type: string;
  start_offset_ms: number | null;
  duration_ms: number | null;
  frames_delivered: number | null;
  error: string | null;
}

/** 0005: the PT's words in a session's report. */
export interface ReportEditsTable {
  session_id: string;
  findings_json: string;
  plan_json: string;
  notes: string;
  created_at: string;
  updated_at: string;
  /** 0011: as patients.version. */
  version: Generated<number>;
  updated_by: string | null;
}

/** 0006: the two-view alignment of a pair of recordings. `manual` is 0 or 1. */
export interface RecordingSyncTable {
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

/** 0007: the analysis queue, one row per recording and pose model. `force` is 0 or 1. */
export interface AnalysisJobsTable {
  recording_id: string;
  model: string;
  state: string;
  force: number;
  attempts: number;
  error: string | null;
  note: string | null;
  queued_at: string;
  updated_at: string;
  /** 0012: the workstation process running the job, and until when its lease holds (ISO, UTC). */
  claimed_by: string | null;
  lease_until: string | null;
  /** 0013: the steady window's first numbers (EarlyNumbers JSON) while the whole clip is analysed. */
  early_json: string | null;
  /** 0013: a cancel asked for on another workstation than the one running the job: when and where. */
  cancel_requested_at: string | null;
  cancel_requested_by: string | null;
  /** 0015: what the gait step made of a finished clip (src-shared/analysis/outcome.ts); null unless done. */
  outcome: string | null;
}

/** 0008: the PT's corrections of gait events, the whole list per recording. */
export interface EventEditsTable {
  recording_id: string;
  edits_json: string;
  updated_at: string;
}

/** 0009: the patient's own story per session. */
export interface SessionSymptomsTable {
  session_id: string;
  pain_before: number | null;
  pain_during: number | null;
  pain_after: number | null;
  pain_24h: number | null;
  weekly_km: number | null;
  rtr_stage: string | null;
  notes: string | null;
  updated_at: string;
}

/** 0010: the markers the PT named once per recording; `seed_json` is the whole seed. */
export interface MarkerSeedsTable {
  recording_id: string;
  frame: number;
  seed_json: string;
  updated_at: string;
}

/** 0010: one track per recording and marker, float32 (x, y, confidence, state) per frame. */
export interface MarkerTracksTable {
  recording_id: string;
  marker: string;
  frames: number;
  points: Buffer;
  seed_hash: string;
  created_at: string;
}

/** 0010: the PT's hand placements of a marker on one frame. */
export interface MarkerCorrectionsTable {
  recording_id: string;
  marker: string;
  frame: number;
  x: number;
  y: number;
  updated_at: string;
}

/** 0014: the conditions planned for a session, with their treadmill settings; one row per label. */
export interface SessionConditionsTable {
  session_id: string;
  label: string;
  incline_pct: number | null;
  speed_kmh: number | null;
  created_at: string;
  updated_at: string;
}

/** Every table, by name: kysely's `DB` type parameter. */
export interface Database {
  patients: PatientsTable;
  sessions: SessionsTable;
  recordings: RecordingsTable;
  landmark_corrections: LandmarkCorrectionsTable;
  review_measurements: ReviewMeasurementsTable;
  key_frames: KeyFramesTable;
  capture_takes: CaptureTakesTable;
  capture_clips: CaptureClipsTable;
  report_edits: ReportEditsTable;
  recording_sync: RecordingSyncTable;
  analysis_jobs: AnalysisJobsTable;
  event_edits: EventEditsTable;
  session_symptoms: SessionSymptomsTable;
  marker_seeds: MarkerSeedsTable;
  marker_tracks: MarkerTracksTable;
  marker_corrections: MarkerCorrectionsTable;
  session_conditions: SessionConditionsTable;
}

export type TableName = keyof Database;
