/**
 * The library's records as they cross the contract: plain JSON (ISO dates as strings), validated at
 * the boundary by these schemas. Limits are clinical plausibility, not database limits: a height of
 * 0 or 400 cm is a typing error the PT should see at once.
 */
import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 1990-04-23')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'is not a real calendar date',
    },
  );

/** Today's date in UTC as YYYY-MM-DD, read when a value is validated (not when the module loads). */
const todayIso = (): string => new Date().toISOString().slice(0, 10);
const pastDate = isoDate.refine((s) => s <= todayIso(), { message: 'cannot be in the future' });

const optionalText = (max: number) => z.string().trim().max(max).optional();

export const SEXES = ['female', 'male', 'other', 'unspecified'] as const;
export const INJURY_SIDES = ['left', 'right', 'both', 'none'] as const;

export const PatientFieldsSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  dateOfBirth: pastDate.optional(),
  clinicId: optionalText(64),
  sex: z.enum(SEXES).default('unspecified'),
  heightCm: z
    .number()
    .positive('must be positive')
    .min(50, 'must be at least 50 cm')
    .max(250, 'must be at most 250 cm')
    .optional(),
  legLengthCm: z
    .number()
    .positive('must be positive')
    .min(30, 'must be at least 30 cm')
    .max(150, 'must be at most 150 cm')
    .optional(),
  notes: optionalText(10_000),
});
export type PatientFields = z.infer<typeof PatientFieldsSchema>;

export interface Patient extends PatientFields {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set when the patient is in the trash. */
  readonly deletedAt?: string;
  /** Date of the newest session, for "recent patients first". */
  readonly lastSessionDate?: string;
  readonly sessionCount: number;
}

export const SessionFieldsSchema = z.object({
  patientId: z.string().min(1, 'is required'),
  date: isoDate,
  clinician: optionalText(200),
  complaint: optionalText(2_000),
  injurySide: z.enum(INJURY_SIDES).default('none'),
  shoes: optionalText(200),
  /** Treadmill speeds used, km/h (a human runs between walking pace and a sprint). */
  treadmillSpeedsKmh: z
    .array(z.number().min(0.5, 'must be at least 0.5 km/h').max(30, 'must be at most 30 km/h'))
    .max(10)
    .default([]),
  /** Treadmill inclines used, percent grade (treadmills go from about -3% to 40%). */
  treadmillInclinesPct: z
    .array(z.number().min(-10, 'must be at least -10 %').max(40, 'must be at most 40 %'))
    .max(10)
    .default([]),
  notes: optionalText(10_000),
});
export type SessionFields = z.infer<typeof SessionFieldsSchema>;

export interface Session extends SessionFields {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt?: string;
}

export interface TrashItem {
  readonly kind: 'patient' | 'session' | 'recording';
  readonly id: string;
  readonly label: string;
  readonly deletedAt: string;
}
