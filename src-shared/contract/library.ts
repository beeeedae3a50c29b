/** Contract: the patient and session library. */
import { z } from 'zod';
import { call, event } from './define';
import {
  PatientFieldsSchema,
  SessionFieldsSchema,
  type Patient,
  type Session,
  type TrashItem,
} from '../library/model';

const Id = z.string().min(1, 'is required').max(64);
const TrashKind = z.enum(['patient', 'session', 'recording']);

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
  'patients:update': call(z.object({ id: Id, fields: PatientFieldsSchema })).returns<Patient>(),
  'patients:delete': call(z.object({ id: Id })).returns<{ deletedAt: string }>(),
  'sessions:list': call(z.object({ patientId: Id })).returns<Session[]>(),
  'sessions:get': call(z.object({ id: Id })).returns<Session>(),
  'sessions:create': call(SessionFieldsSchema).returns<Session>(),
  'sessions:update': call(
    z.object({ id: Id, fields: SessionFieldsSchema.omit({ patientId: true }) }),
  ).returns<Session>(),
  'sessions:delete': call(z.object({ id: Id })).returns<{ deletedAt: string }>(),
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
