/**
 * The treadmill settings behind a filmed condition. The PT types the session's speeds and inclines
 * once on the session form ("11", "0 5") and files each clip under a condition label ("flat",
 * "incline"); the clip's own condition rarely carries numbers (the import only asks for the label).
 * Both the report and the review used to read the clip's numbers only, so what the PT typed showed
 * as "—". This is the one rule that joins them, most specific first:
 *   1. numbers stored on the condition itself (the CLI's --speed/--incline, a capture take, or
 *      planned on the session page, which gives them to the condition's clips: `withPlanned`);
 *   2. numbers in its label: "12 km/h", "5 %" / "5% incline";
 *   3. the session's lists: a single speed applies to every condition; "flat"/"level" is 0 %;
 *      "incline"/"uphill" is the session's one positive incline, "decline"/"downhill" its one
 *      negative one; a single incline in the list applies to every condition;
 *   4. several speeds are read beside the inclines, typed in the same order: with as many speeds
 *      as inclines, a condition's speed is the one beside its incline ("10 12" with "0 5": flat
 *      10 km/h, incline 12 km/h). The form shows its two boxes side by side and a PT types one
 *      treadmill setting per condition across them; it is also how a capture take names its
 *      conditions, one per incline (src-shared/capture/conditions.ts). The session form says where
 *      each speed went before it is saved (`formSettings`).
 * When the session lists several values and nothing says which, the value stays unknown rather
 * than guessed (an incline typed twice, lists of different lengths): a wrong speed printed on a
 * report is worse than "—", which the form and the condition's own box can then fill.
 */

import { ConditionSchema, type Condition } from '../contract/recordings';

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
  if (speeds.length === 1) return speeds[0];
  // Rule 4: the speed typed beside the condition's incline, where that incline is typed once.
  const incline = inclineOf(c, s);
  if (incline === undefined || s.treadmillSpeedsKmh.length !== s.treadmillInclinesPct.length)
    return undefined;
  const at = s.treadmillInclinesPct.flatMap((x, i) => (x === incline ? [i] : []));
  return at.length === 1 ? s.treadmillSpeedsKmh[at[0]!] : undefined;
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
 * How each treadmill setting is typed on the session page and said back when it is not one: the
 * unit the PT may type after the number, and the words for what is not a number. The limits are
 * not here: they are the contract's, which every condition carries (`ConditionSchema`: −10 to 40 %,
 * 0.5 to 30 km/h), so the page refuses exactly what the library would.
 */
const SETTING_INPUT = {
  inclinePct: {
    name: 'incline',
    unit: /\s*%$/,
    notNumber: 'is a percent grade: a number such as 5, or 0 for flat',
  },
  speedKmh: {
    name: 'speed',
    unit: /\s*km\s*\/?\s*h$/i,
    notNumber: 'is the belt speed in km/h: a number such as 10',
  },
} as const;

export type SettingKey = keyof typeof SETTING_INPUT;

/**
 * A treadmill setting the PT types for a condition on the session page ("5", "2,5", "-3", "5 %";
 * "10", "10.5 km/h"; empty: leave it to the label and the session form, as above), checked against
 * the contract's limits and refused in the PT's words where it is not one. The session page stores
 * it on the condition itself, where it is the most specific of the rules.
 */
export function settingInput(
  key: SettingKey,
  text: string,
):
  { readonly ok: true; readonly value: number | undefined } | { readonly ok: false; readonly error: string } {
  const how = SETTING_INPUT[key];
  const t = text.trim().replace(how.unit, '');
  if (t === '') return { ok: true, value: undefined };
  const n = /^[-−]?\d+(?:[.,]\d+)?$/.test(t) ? num(t.replace('−', '-')) : NaN;
  if (!Number.isFinite(n))
    return { ok: false, error: `The ${how.name} ${how.notNumber} (not "${text.trim()}").` };
  const checked = ConditionSchema.shape[key].safeParse(n);
  if (!checked.success) return { ok: false, error: `The ${how.name} ${checked.error.issues[0]!.message}.` };
  return { ok: true, value: n };
}

/**
 * A condition planned for a session on the session page: its label and the treadmill settings typed
 * for it, stored with the session whether or not a clip is filed under it yet (session_conditions,
 * docs/library-layout.md "Conditions").
 */
export type PlannedCondition = Pick<Condition, 'label' | 'inclinePct' | 'speedKmh'>;

/** A change of a condition's settings: a value sets it, null clears it, absent leaves it. */
export interface SettingsChange {
  readonly inclinePct?: number | null | undefined;
  readonly speedKmh?: number | null | undefined;
}

/** `c` with `change` applied; a cleared setting is left to the label and the session form again. */
export function changeSettings<C extends PlannedCondition>(c: C, change: SettingsChange): C {
  const out: Record<string, unknown> = { ...c };
  for (const key of ['inclinePct', 'speedKmh'] as const) {
    const v = change[key];
    if (v === null) delete out[key];
    else if (v !== undefined) out[key] = v;
  }
  return out as C;
}

/**
 * The condition a clip is imported or captured under: its own settings first (the CLI's --incline,
 * a capture choice's), then those planned for its label, so a clip filed under "incline" takes the
 * 5 % the PT typed before filming.
 */
export function withPlanned(c: Condition, planned: PlannedCondition | undefined): Condition {
  if (!planned || planned.label !== c.label) return c;
  return {
    ...c,
    ...(c.inclinePct === undefined && planned.inclinePct !== undefined
      ? { inclinePct: planned.inclinePct }
      : {}),
    ...(c.speedKmh === undefined && planned.speedKmh !== undefined ? { speedKmh: planned.speedKmh } : {}),
  };
}

/** The conditions every session starts with (workflow.md: flat, then incline); the PT adds more. */
export const DEFAULT_CONDITIONS = ['flat', 'incline'] as const;

/** A condition of the session with the settings the rules above give it. */
export interface ConditionSettingsOf {
  readonly label: string;
  readonly settings: ConditionSettings;
}

/**
 * Where the session form's speeds and inclines land, said on the form before it is saved: each
 * condition of the session (those it starts with, then those planned on its page, with their own
 * settings) with its settings by the rules above, and the typed speeds no condition takes (several
 * speeds and nothing that says whose: the PT is asked, not guessed for).
 */
export function formSettings(
  planned: readonly PlannedCondition[],
  s: SessionSettings,
): { readonly conditions: readonly ConditionSettingsOf[]; readonly unplaced: readonly number[] } {
  const labels = [...new Set([...DEFAULT_CONDITIONS, ...planned.map((c) => c.label)])];
  const conditions = labels.map((label) => ({
    label,
    settings: conditionSettings(planned.find((c) => c.label === label) ?? { label }, s),
  }));
  const taken = new Set(conditions.map((c) => c.settings.speedKmh));
  return { conditions, unplaced: [...new Set(s.treadmillSpeedsKmh)].filter((x) => !taken.has(x)) };
}
