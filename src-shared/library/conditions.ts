/**
 * The treadmill settings behind a filmed condition. The PT types the session's speeds and inclines
 * once on the session form ("11", "0 5") and files each clip under a condition label ("flat",
 * "incline"); the clip's own condition rarely carries numbers (the import only asks for the label).
 * Both the report and the review used to read the clip's numbers only, so what the PT typed showed
 * as "—". This is the one rule that joins them, most specific first:
 *   1. numbers stored on the condition itself (the CLI's --speed/--incline, a capture take);
 *   2. numbers in its label: "12 km/h", "5 %" / "5% incline";
 *   3. the session's lists: a single speed applies to every condition; "flat"/"level" is 0 %;
 *      "incline"/"uphill" is the session's one positive incline, "decline"/"downhill" its one
 *      negative one; a single incline in the list applies to every condition.
 * When the session lists several values and the label does not say which, the value stays unknown
 * rather than guessed.
 */

import { ConditionSchema } from '../contract/recordings';

export interface ConditionLike {
  readonly label: string;
  readonly speedKmh?: number | undefined;
  readonly inclinePct?: number | undefined;
}

export interface SessionSettings {
  readonly treadmillSpeedsKmh: readonly number[];
  readonly treadmillInclinesPct: readonly number[];
}

export interface ConditionSettings {
  readonly speedKmh?: number;
  readonly inclinePct?: number;
}

const NUMBER = String.raw`(-?\d+(?:[.,]\d+)?)`;
const SPEED_IN_LABEL = new RegExp(String.raw`${NUMBER}\s*km\s*/?\s*h`, 'i');
const INCLINE_IN_LABEL = new RegExp(String.raw`${NUMBER}\s*%`);
const num = (s: string): number => Number(s.replace(',', '.'));

function speedOf(c: ConditionLike, s: SessionSettings): number | undefined {
  if (c.speedKmh !== undefined) return c.speedKmh;
  const m = SPEED_IN_LABEL.exec(c.label);
  if (m) return num(m[1]!);
  const speeds = [...new Set(s.treadmillSpeedsKmh)];
  return speeds.length === 1 ? speeds[0] : undefined;
}

function inclineOf(c: ConditionLike, s: SessionSettings): number | undefined {
  if (c.inclinePct !== undefined) return c.inclinePct;
  const m = INCLINE_IN_LABEL.exec(c.label);
  if (m) return num(m[1]!);
  const label = c.label.toLowerCase();
  const inclines = [...new Set(s.treadmillInclinesPct)];
  if (/\b(flat|level)\b/.test(label)) return 0;
  const up = inclines.filter((x) => x > 0);
  const down = inclines.filter((x) => x < 0);
  if (/\b(incline|uphill|hill)\b/.test(label)) return up.length === 1 ? up[0] : undefined;
  if (/\b(decline|downhill)\b/.test(label)) return down.length === 1 ? down[0] : undefined;
  return inclines.length === 1 ? inclines[0] : undefined;
}

export function conditionSettings(c: ConditionLike, s: SessionSettings): ConditionSettings {
  const speedKmh = speedOf(c, s);
  const inclinePct = inclineOf(c, s);
  return {
    ...(speedKmh !== undefined ? { speedKmh } : {}),
    ...(inclinePct !== undefined ? { inclinePct } : {}),
  };
}

/** "11 km/h · 5 % incline", for a clip's title; empty when nothing is known. */
export function settingsText(x: ConditionSettings): string {
  const parts: string[] = [];
  if (x.speedKmh !== undefined) parts.push(`${x.speedKmh} km/h`);
  if (x.inclinePct !== undefined) parts.push(`${x.inclinePct} % incline`);
  return parts.join(' · ');
}

/**
 * The incline the PT types for a condition on the session page ("5", "2,5" or "-3"; empty: leave
 * it to the label and the session form, as above), checked against the limits every condition
 * carries (`ConditionSchema`, the contract's: −10 to 40 %), in the PT's words where it is not one.
 * The session page stores it on the condition itself, where it is the most specific of the rules.
 */
export function inclineInput(
  text: string,
):
  | { readonly ok: true; readonly inclinePct: number | undefined }
  | { readonly ok: false; readonly error: string } {
  const t = text.trim().replace(/\s*%$/, '');
  if (t === '') return { ok: true, inclinePct: undefined };
  const n = /^[-−]?\d+(?:[.,]\d+)?$/.test(t) ? num(t.replace('−', '-')) : NaN;
  if (!Number.isFinite(n))
    return {
      ok: false,
      error: `The incline is a percent grade: a number such as 5, or 0 for flat (not "${text.trim()}").`,
    };
  const checked = ConditionSchema.shape.inclinePct.safeParse(n);
  if (!checked.success) return { ok: false, error: `The incline ${checked.error.issues[0]!.message}.` };
  return { ok: true, inclinePct: n };
}
