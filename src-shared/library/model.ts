/**
 * The library's records as they cross the contract: plain JSON (ISO dates as strings), validated at
 * the boundary by these schemas. Limits are clinical plausibility, not database limits: a height of
 * 0 or 400 cm is a typing error the PT should see at once.
 */
import { z } from 'zod';

/**
 * Messages are whole sentences in the clinic's words, naming the box by its label ("Height must be
 * at least 50 cm."): the form shows them beside the box, and the wire keeps the field id apart
 * (`field`) for placing them, so no screen ever shows "heightCm:".
 */
const isoDate = (what: string, example: string) =>
  z
    .string({ error: `${what} is required.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} must be a date like ${example}.`)
    .refine(
      (s) =>
        !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      { message: `${what} is not a real calendar date.` },
    );

/**
 * The latest date it is anywhere now (YYYY-MM-DD), read when a value is validated (not when the
 * module loads). The service does not know the PT's time zone (browser mode may reach a clinic
 * server elsewhere) and the form dates a session by the PT's own calendar, so "in the future" is
 * judged at UTC+14 (the Line Islands, the first to start a day): a clinic east of UTC is never
 * refused its own today, and no date after it is today anywhere.
 */
const latestTodayIso = (): string => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
/** Whether a date (YYYY-MM-DD) is after today everywhere, as above. */
export const isFutureDate = (s: string): boolean => s > latestTodayIso();
export const futureDateMessage = (what: string): string => `${what} cannot be in the future.`;
const pastDate = (what: string, example: string) =>
  isoDate(what, example).refine((s) => !isFutureDate(s), { message: futureDateMessage(what) });

const optionalText = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .max(max, `${what} must be at most ${max} characters.`)
    .optional();

/** A measure typed in a box: a number within clinical limits, in its unit. */
const measure = (what: string, min: number, max: number, unit: string) =>
  z
    .number({ error: `${what} must be a number, in ${unit}.` })
    .min(min, `${what} must be at least ${min} ${unit}.`)
    .max(max, `${what} must be at most ${max} ${unit}.`);

export const SEXES = ['female', 'male', 'other', 'unspecified'] as const;
export const INJURY_SIDES = ['left', 'right', 'both', 'none'] as const;

export const PatientFieldsSchema = z.object({
  name: z
    .string({ error: 'Name is required.' })
    .trim()
    .min(1, 'Name is required.')
    .max(200, 'Name must be at most 200 characters.'),
  dateOfBirth: pastDate('Date of birth', '1990-04-23').optional(),
  clinicId: optionalText('Clinic id', 64),
  sex: z.enum(SEXES, { error: `Sex must be one of: ${SEXES.join(', ')}.` }).default('unspecified'),
  heightCm: measure('Height', 50, 250, 'cm').optional(),
  legLengthCm: measure('Leg length', 30, 150, 'cm').optional(),
  notes: optionalText('Notes', 10_000),
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
  patientId: z.string({ error: 'Choose the patient first.' }).min(1, 'Choose the patient first.'),
  /** The day the runner was filmed: today or earlier (a visit is created when it happens, never booked ahead). */
  date: pastDate('Date', '2026-11-20'),
  clinician: optionalText('Clinician', 200),
  complaint: optionalText('Complaint', 2_000),
  injurySide: z
    .enum(INJURY_SIDES, { error: `Injury side must be one of: ${INJURY_SIDES.join(', ')}.` })
    .default('none'),
  shoes: optionalText('Shoes', 200),
  /** Treadmill speeds used, km/h (a human runs between walking pace and a sprint). */
  treadmillSpeedsKmh: z
    .array(measure('Each treadmill speed', 0.5, 30, 'km/h'))
    .max(10, 'Give at most 10 treadmill speeds.')
    .default([]),
  /** Treadmill inclines used, percent grade (treadmills go from about -3% to 40%). */
  treadmillInclinesPct: z
    .array(measure('Each incline', -10, 40, '%'))
    .max(10, 'Give at most 10 inclines.')
    .default([]),
  notes: optionalText('Notes', 10_000),
});
export type SessionFields = z.infer<typeof SessionFieldsSchema>;

/**
 * A session's fields as edited: the date is checked as a date here and judged against today by the
 * service only where it changes (`isFutureDate`). A session stored with a date after today (from
 * before dates were checked, another clock, an archive) was refused every save, its complaint or
 * notes included, until its date was corrected: the PT could not edit it as it stood.
 */
export const SessionEditSchema = SessionFieldsSchema.omit({ patientId: true }).extend({
  date: isoDate('Date', '2026-11-20'),
});

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
