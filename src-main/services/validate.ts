import type { z } from 'zod';
import { ServiceError } from './errors';

/**
 * Validate an input where it arrives (every transport ends here). The first problem becomes a
 * message that names the field, e.g. `heightCm: must be positive`, so the UI can put it beside
 * the right box.
 */
export function validateInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const what = issue?.message ?? 'is not valid';
  throw new ServiceError('invalid-input', field ? `${field}: ${what}` : `Invalid input: ${what}`, field);
}
