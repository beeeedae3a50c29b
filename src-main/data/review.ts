import type { Kysely } from 'kysely';
import { z } from 'zod';
import { OverlaysSchema } from '../../src-shared/contract/review';
import type { LandmarkName } from '../../src-shared/pose/landmarks';
import { LandmarkNameSchema, type Correction } from '../../src-shared/review/corrections';
import type { KeyFrameMark } from '../../src-shared/review/key-frames';
import { MEASUREMENT_TOOLS, type Measurement } from '../../src-shared/review/measure';
import { parseJson, parseWord } from './parse';
import type { Database, KeyFramesTable, LandmarkCorrectionsTable, ReviewMeasurementsTable } from './schema';

/** Which session and clip a measurement or key frame belongs to (for the change event). */
export interface Owner {
  readonly sessionId: string;
  readonly recordingId: string;
}

/**
 * What the PT adds in the review (migration 0003): hand corrections of landmarks
 * (`landmark_corrections`), manual measurements (`review_measurements`) and key frames (`key_frames`).
 */
export interface ReviewRepo {
  corrections(recordingId: string): Promise<Correction[]>;
  /** Insert or move the one correction of this frame and landmark. */
  putCorrection(c: Omit<Correction, 'updatedAt'>, at: string): Promise<Correction>;
  deleteCorrection(recordingId: string, frame: number, landmark: string): Promise<boolean>;

  measurements(sessionId: string): Promise<Measurement[]>;
  measurement(id: string): Promise<Measurement | undefined>;
  /** Insert, or update by id (created_at and session kept). */
  putMeasurement(
    m: Omit<Measurement, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string },
  ): Promise<void>;
  deleteMeasurement(id: string): Promise<boolean>;

  /** A session's key frames on clips not in the trash, by view, condition and frame. */
  keyFrames(sessionId: string): Promise<KeyFrameMark[]>;
  keyFrame(id: string): Promise<KeyFrameMark | undefined>;
  keyFrameAt(recordingId: string, frame: number): Promise<KeyFrameMark | undefined>;
  /** Insert, or update by id (created_at and session kept). */
  putKeyFrame(k: KeyFrameMark): Promise<void>;
  deleteKeyFrame(id: string): Promise<boolean>;
}

export function reviewRepo(db: Kysely<Database>): ReviewRepo {
  return {
    async corrections(recordingId) {
      const rows = await db
        .selectFrom('landmark_corrections')
        .selectAll()
        .where('recording_id', '=', recordingId)
        .orderBy('frame')
        .orderBy('landmark')
        .execute();
      return rows.map(toCorrection);
    },
    async putCorrection(c, at) {
      const row: LandmarkCorrectionsTable = {
        recording_id: c.recordingId,
        frame: c.frame,
        landmark: c.landmark,
        x: c.x,
        y: c.y,
        updated_at: at,
      };
      await db
        .insertInto('landmark_corrections')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['recording_id', 'frame', 'landmark']).doUpdateSet({ x: c.x, y: c.y, updated_at: at }),
        )
        .execute();
      return toCorrection(row);
    },
    async deleteCorrection(recordingId, frame, landmark) {
      const r = await db
        .deleteFrom('landmark_corrections')
        .where('recording_id', '=', recordingId)
        .where('frame', '=', frame)
        .where('landmark', '=', landmark)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    async measurements(sessionId) {
      const rows = await db
        .selectFrom('review_measurements')
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('recording_id')
        .orderBy('frame')
        .orderBy('created_at')
        .execute();
      return rows.map(toMeasurement);
    },
    async measurement(id) {
      const row = await db
        .selectFrom('review_measurements')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toMeasurement(row);
    },
    async putMeasurement(m) {
      const changed = {
        recording_id: m.recordingId,
        frame: m.frame,
        tool: m.tool,
        points_json: JSON.stringify(m.points),
        text: m.text || null,
        length_cm: m.lengthCm ?? null,
        updated_at: m.updatedAt,
      };
      await db
        .insertInto('review_measurements')
        .values({ id: m.id, session_id: m.sessionId, created_at: m.createdAt, ...changed })
        .onConflict((oc) => oc.column('id').doUpdateSet(changed))
        .execute();
    },
    async deleteMeasurement(id) {
      const r = await db.deleteFrom('review_measurements').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    async keyFrames(sessionId) {
      const rows = await db
        .selectFrom('key_frames as k')
        .innerJoin('recordings as r', 'r.id', 'k.recording_id')
        .selectAll('k')
        .where('k.session_id', '=', sessionId)
        .where('r.deleted_at', 'is', null)
        .orderBy('r.view')
        .orderBy('r.condition_label')
        .orderBy('k.frame')
        .execute();
      return rows.map(toKeyFrame);
    },
    async keyFrame(id) {
      const row = await db.selectFrom('key_frames').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toKeyFrame(row);
    },
    async keyFrameAt(recordingId, frame) {
      const row = await db
        .selectFrom('key_frames')
        .selectAll()
        .where('recording_id', '=', recordingId)
        .where('frame', '=', frame)
        .executeTakeFirst();
      return row && toKeyFrame(row);
    },
    async putKeyFrame(k) {
      const changed = {
        recording_id: k.recordingId,
        frame: k.frame,
        t: k.t,
        label: k.label,
        event: k.event ?? null,
        side: k.side ?? null,
        overlays_json: JSON.stringify(k.overlays),
        updated_at: k.updatedAt,
      };
      await db
        .insertInto('key_frames')
        .values({ id: k.id, session_id: k.sessionId, created_at: k.createdAt, ...changed })
        .onConflict((oc) => oc.column('id').doUpdateSet(changed))
        .execute();
    },
    async deleteKeyFrame(id) {
      const r = await db.deleteFrom('key_frames').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

const toCorrection = (r: LandmarkCorrectionsTable): Correction => ({
  recordingId: r.recording_id,
  frame: r.frame,
  landmark: parseWord(
    LandmarkNameSchema.options,
    r.landmark,
    `a correction of recording ${r.recording_id}`,
  ) as LandmarkName,
  x: r.x,
  y: r.y,
  updatedAt: r.updated_at,
});

const Points = z.array(z.tuple([z.number(), z.number()]));

function toMeasurement(r: ReviewMeasurementsTable): Measurement {
  const what = `measurement ${r.id}`;
  return {
    id: r.id,
    sessionId: r.session_id,
    recordingId: r.recording_id,
    frame: r.frame,
    tool: parseWord(MEASUREMENT_TOOLS, r.tool, what),
    points: parseJson(Points, r.points_json, what),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.text !== null && { text: r.text }),
    ...(r.length_cm !== null && { lengthCm: r.length_cm }),
  };
}

function toKeyFrame(r: KeyFramesTable): KeyFrameMark {
  const what = `key frame ${r.id}`;
  return {
    id: r.id,
    sessionId: r.session_id,
    recordingId: r.recording_id,
    frame: r.frame,
    t: r.t,
    label: r.label,
    overlays: parseJson(OverlaysSchema, r.overlays_json, what),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.event !== null && { event: parseWord(['IC', 'MS', 'TO'] as const, r.event, what) }),
    ...(r.side !== null && { side: parseWord(['left', 'right'] as const, r.side, what) }),
  };
}
