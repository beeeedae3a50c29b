import type { z } from 'zod';

/**
 * A row the library holds but cannot read (a JSON column that is not what its migration promised).
 * Only a damaged file or a bug writes one; the message says which record, never a column or a path.
 */
export class DamagedRowError extends Error {
  constructor(what: string, detail: string) {
    super(`The library's record of ${what} is damaged (${detail}). Restore the library from a backup.`);
    this.name = 'DamagedRowError';
  }
}

/** A JSON column, parsed and checked once, here at the boundary (house style 11). */
export function parseJson<S extends z.ZodType>(schema: S, text: string, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DamagedRowError(what, 'not readable');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new DamagedRowError(what, parsed.error.issues[0]?.message ?? 'unexpected content');
  return parsed.data;
}

/** A text column that holds one of a fixed set of words. */
export function parseWord<const W extends readonly string[]>(
  words: W,
  value: string,
  what: string,
): W[number] {
  if (!words.includes(value)) throw new DamagedRowError(what, `"${value}" is not one of ${words.join(', ')}`);
  return value as W[number];
}

/** SQL NULL becomes an absent field: the domain types use optional fields, never null. */
export function compact<T extends object>(obj: { [K in keyof T]: T[K] | null }): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined)) as T;
}
