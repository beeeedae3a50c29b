/** Contract: the patient and session library. */
import { z } from 'zod';
import { call, event } from './define';
import {
  PatientFieldsSchema,
  SessionEditSchema,
  SessionFieldsSchema,
  type Patient,
  type Session,
  type TrashItem,
} from '../library/model';
import type { PlannedCondition } from '../library/conditions';
import { ConditionSchema } from './recordings';

const Id = z.string().min(1, 'is required').max(64);

/** A record's edit version: raised by every save; who saved it last (a workstation's name) and when. */
export interface EditStamp {
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy?: string;
}
const TrashKind = z.enum(['patient', 'session', 'recording']);
const { label: Label, inclinePct: InclinePct, speedKmh: SpeedKmh } = ConditionSchema.shape;

export const libraryCalls = {
  'app:info': call(z.object({})).returns<{
    version: string;
    home: string;
    schemaVersion: number;
    transport: 'electron' | 'browser';
  }>(),
  'patients:search': call(
    z.object({
      query: z.string().max(200).default(''),
      limit: z.number().int().min(1).max(500).default(50),
    }),
  ).returns<Patient[]>(),
  'patients:get': call(z.object({ id: Id })).returns<Patient>(),
  'patients:create': call(PatientFieldsSchema).returns<Patient>(),
  /**
   * With `version` (from patients:stamp when the form opened), the save is refused with code
   * 'conflict' when another workstation saved the patient since: "This patient was changed in
   * room 2 at 10:42 while you were editing: reload to see it, or keep yours." Without, it saves.
   */
  'patients:update': call(
    z.object({ id: Id, fields: PatientFieldsSchema, version: z.number().int().min(1).optional() }),
  ).returns<Patient>(),
  /** The patient's edit version, and who saved it last and when (issue 17: several workstations). */
  'patients:stamp': call(z.object({ id: Id })).returns<EditStamp>(),
  'patients:delete': call(z.object({ id: Id })).returns<{ deletedAt: string }>(),
  'sessions:list': call(z.object({ patientId: Id })).returns<Session[]>(),
  'sessions:get': call(z.object({ id: Id })).returns<Session>(),
  'sessions:create': call(SessionFieldsSchema).returns<Session>(),
  'sessions:update': call(z.object({ id: Id, fields: SessionEditSchema })).returns<Session>(),
  'sessions:delete': call(z.object({ id: Id })).returns<{ deletedAt: string }>(),
  /** The conditions planned for the session (the session page), with their settings, in order added. */
  'conditions:list': call(z.object({ sessionId: Id })).returns<PlannedCondition[]>(),
  /**
   * Store a condition with the session (added, or its settings typed): a value sets a setting, null
   * clears it, absent leaves it. The session's clips filed under the label take the change too.
   */
  'conditions:save': call(
    z.object({
      sessionId: Id,
      label: Label,
      inclinePct: InclinePct.unwrap().nullable().optional(),
      speedKmh: SpeedKmh.unwrap().nullable().optional(),
    }),
  ).returns<PlannedCondition>(),
  /** Take a planned condition off the session; refused while clips are filed under it. */
  'conditions:remove': call(z.object({ sessionId: Id, label: Label })).returns<{ removed: boolean }>(),
  'trash:list': call(z.object({})).returns<TrashItem[]>(),
  'trash:restore': call(z.object({ kind: TrashKind, id: Id })).returns<{
    restored: true;
  }>(),
  'trash:purge': call(z.object({ kind: TrashKind, id: Id })).returns<{ purged: true }>(),
} as const;

export const libraryEvents = {
  /** Something in the library changed; views showing `kind` should refresh. */
  'library:changed': event(
    z.object({ kind: z.enum(['patient', 'session', 'recording', 'trash']), id: z.string() }),
  ),
} as const;
