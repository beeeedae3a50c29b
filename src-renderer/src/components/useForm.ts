import { useState } from 'react';
import { ApiError } from '../api/client';

/**
 * Form state plus the errors the service returned, each placed on the field it names: every bad box
 * is marked at once (the service returns all the input's problems), not one per save. The service
 * is the single place that validates (same schema through both transports); the form only shows.
 * The service names a field by its path in the call ("fields.heightCm", "treadmillSpeedsKmh.0");
 * `aliases` maps a service field to the form's box where they differ. An error on a field the form
 * has no box for is shown at the form's foot, never dropped.
 */
export function useForm<T extends Record<string, string>>(
  initial: T,
  aliases: Readonly<Record<string, keyof T & string>> = {},
) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof T | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const bind = (name: keyof T & string) => ({
    name,
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
    'aria-invalid': errors[name] ? true : undefined,
  });
  async function submit<R>(run: () => Promise<R>, done: (r: R) => void): Promise<void> {
    setBusy(true);
    setErrors({});
    try {
      done(await run());
    } catch (err) {
      const problems =
        err instanceof ApiError
          ? err.problems
          : [{ message: err instanceof Error ? err.message : String(err) }];
      // One box may have several problems (two speeds out of range): each different sentence once.
      const found: Partial<Record<keyof T | 'form', string[]>> = {};
      for (const p of problems) {
        const box = (p.field && boxOf(p.field)) || 'form';
        const said = (found[box] ??= []);
        if (!said.includes(p.message)) said.push(p.message);
      }
      const shown: Partial<Record<keyof T | 'form', string>> = {};
      for (const box of Object.keys(found) as (keyof T | 'form')[]) shown[box] = found[box]!.join(' ');
      setErrors(shown);
    } finally {
      setBusy(false);
    }
  }
  function boxOf(field: string): (keyof T & string) | undefined {
    const name = field.split('.').find((part) => part !== 'fields' && !/^\d+$/.test(part));
    if (!name) return undefined;
    if (name in aliases) return aliases[name];
    return name in initial ? (name as keyof T & string) : undefined;
  }
  return { values, setValues, errors, busy, bind, submit };
}

/** '' → undefined; '172' → 172; 'abc' → NaN (the service names it). */
export const num = (s: string): number | undefined =>
  s.trim() === '' ? undefined : Number(s.replace(',', '.'));
export const text = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());
export const numList = (s: string): number[] =>
  s
    .split(/[;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => Number(x.replace(',', '.')));
