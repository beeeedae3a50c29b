import type { z } from 'zod';
import type { WireProblem } from '../../src-shared/contract';
import { ServiceError } from './errors';

/**
 * Validate an input where it arrives (every transport ends here). Each problem becomes a message
 * that names the field, e.g. `heightCm: must be positive`, so the UI can put it beside the right
 * box; all of them travel (`problems`), so a form marks every bad box at once, and the first is
 * the error's own message and field for callers that show one (CLI, API).
 */
export function validateInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(problemOf);
  const first = problems[0] ?? { message: 'Invalid input: is not valid' };
  throw new ServiceError('invalid-input', first.message, first.field, problems);
}

function problemOf(issue: z.core.$ZodIssue): WireProblem {
  const field = issue.path.map(String).join('.') || undefined;
  return field
    ? { message: `${field}: ${issue.message}`, field }
    : { message: `Invalid input: ${issue.message}` };
}
