/**
 * The patient's own story for one session (issue 18 item 4, docs/progress.md): pain on a 0–10
 * numeric rating scale before, during and after running and 24 hours later, the weekly running
 * volume, the return-to-run stage and free notes. Every entry is optional: a patient in the first
 * weeks may not run at all. Messages are whole sentences in the clinic's words, naming the box by its
 * label, as the session form shows them.
 */
import { z } from 'zod';

const pain = (what: string) =>
  z
    .number({ error: `${what} must be a number from 0 to 10.` })
    .int(`${what} must be a whole number from 0 to 10.`)
    .min(0, `${what} must be at least 0 (no pain).`)
    .max(10, `${what} must be at most 10 (worst pain imaginable).`)
    .nullable()
    .default(null);

export const SymptomFieldsSchema = z.object({
  painBefore: pain('Pain before running'),
  painDuring: pain('Pain during running'),
  painAfter: pain('Pain after running'),
  pain24h: pain('Pain 24 hours later'),
  weeklyKm: z
    .number({ error: 'Weekly running volume must be a number, in km.' })
    .min(0, 'Weekly running volume cannot be negative.')
    .max(500, 'Weekly running volume must be at most 500 km.')
    .nullable()
    .default(null),
  rtrStage: z
    .string({ error: 'Return-to-run stage must be text.' })
    .trim()
    .max(200, 'Return-to-run stage must be at most 200 characters.')
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null),
  notes: z
    .string({ error: 'Notes must be text.' })
    .trim()
    .max(10_000, 'Notes must be at most 10000 characters.')
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null),
});
export type SymptomFields = z.output<typeof SymptomFieldsSchema>;
export type SymptomFieldsInput = z.input<typeof SymptomFieldsSchema>;

export interface SessionSymptoms extends SymptomFields {
  readonly sessionId: string;
  readonly updatedAt: string;
}

/** The four pain readings, in the order a PT asks them, with the words the timeline prints. */
export const PAIN_READINGS = [
  { key: 'painBefore', label: 'Pain before' },
  { key: 'painDuring', label: 'Pain during' },
  { key: 'painAfter', label: 'Pain after' },
  { key: 'pain24h', label: 'Pain 24 h later' },
] as const satisfies readonly { key: keyof SymptomFields; label: string }[];

/**
 * The smallest change in a 0–10 pain rating that patients call important: 2 points (about 30%)
 * [Farrar 2001]. Pain is what the patient says, not a measurement with an uncertainty, so this is
 * the only yardstick the timeline puts on it.
 */
export const PAIN_IMPORTANT_CHANGE = 2;

export const isEmptySymptoms = (s: SymptomFields): boolean => Object.values(s).every((v) => v === null);
