/**
 * "What changed since last time, and is it real?" answered in a few lines (issue 18, "Done when": a PT
 * opening a returning patient sees it in under a minute). The timeline's table holds every variable
 * of every visit; this picks out, for the newest visit, the changes beyond noise since the previous
 * visit of the same condition (and since the first), the pain changes patients call important, and
 * the treadmill settings that differ, and counts the rest as within noise. The same verdicts as the
 * table (compare.ts); nothing is judged here.
 */
import { formatNumber, formatSignedU95, suffixOf } from './format';
import type { Change, PatientProgress, ProgressPoint, ProgressRow, ProgressSide } from './types';

export interface HeadlineChange {
  readonly variableId: string;
  readonly label: string;
  readonly side: ProgressSide;
  /** "5.5 → 1.9°": the earlier visit's mean and today's. */
  readonly values: string;
  /** "−3.7 ±1.2°": the change and the half-width of its 95% interval. */
  readonly change: string;
  /** Not the same treadmill settings, in words, or null. */
  readonly settingsDiffer: string | null;
  /**
   * Where markers measured it: "markers" (both visits), or the two sources when they differ
   * ("pose landmarks then, markers now": not like for like); null for the pose landmarks both times.
   */
  readonly source: string | null;
}

export interface HeadlineCondition {
  readonly label: string;
  /** The visit compared with (the previous one of this condition). */
  readonly previousDate: string;
  readonly realSincePrevious: readonly HeadlineChange[];
  /** From the third visit of the condition on: real since the first, not already real since the previous. */
  readonly firstDate: string | null;
  readonly realSinceFirstOnly: readonly HeadlineChange[];
  /** Variable-sides compared since the previous visit and found within noise. */
  readonly withinNoise: number;
  /** Variable-sides with no number on one of the two visits (or across sources and not judged). */
  readonly notCompared: number;
  /** Variable-sides measured from markers on one visit and from the pose landmarks on the other. */
  readonly acrossSources: number;
}

export interface Headline {
  readonly date: string;
  readonly previousDate: string;
  /** One per condition filmed on the newest visit and before it. */
  readonly conditions: readonly HeadlineCondition[];
  /** Conditions filmed on the newest visit for the first time (nothing to compare). */
  readonly newConditions: readonly string[];
  /** "Pain during 4 → 2/10 (−2)": pain changes of 2 points or more since the previous reading. */
  readonly importantPain: readonly string[];
}

const realChange = (row: ProgressRow, from: ProgressPoint | undefined, to: ProgressPoint, c: Change) => {
  const a = from?.value.mean;
  const b = to.value.mean;
  return {
    variableId: row.variableId,
    label: row.label,
    side: row.side,
    values:
      a === null || a === undefined || b === null
        ? ''
        : `${formatNumber(a, row.unit)} → ${formatNumber(b, row.unit)}${suffixOf(row.unit)}`,
    change: formatSignedU95(c.difference!, c.u95, row.unit),
    settingsDiffer: c.settingsDiffer,
    source:
      c.sourcesDiffer ??
      (to.value.source?.from === 'markers' && from?.value.source?.from === 'markers' ? 'markers' : null),
  };
};

/** The newest visit against the one before; null for a first visit. */
export function sinceLastVisit(p: PatientProgress): Headline | null {
  const newest = p.sessions.at(-1);
  const previous = p.sessions.at(-2);
  if (!newest || !previous) return null;
  const conditions: HeadlineCondition[] = [];
  const newConditions: string[] = [];
  for (const c of p.conditions) {
    const at = c.visits.findIndex((v) => v.sessionId === newest.sessionId);
    if (at < 0) continue;
    if (at === 0) {
      newConditions.push(c.label);
      continue;
    }
    const sincePrevious: HeadlineChange[] = [];
    const sinceFirstOnly: HeadlineChange[] = [];
    let withinNoise = 0;
    let notCompared = 0;
    let acrossSources = 0;
    for (const r of c.rows) {
      const today = r.points[at];
      if (!today) continue;
      const prev = today.vsPrevious;
      if (prev?.sourcesDiffer) acrossSources += 1;
      if (prev?.verdict === 'real') sincePrevious.push(realChange(r, r.points[at - 1], today, prev));
      else if (prev?.verdict === 'within-noise') withinNoise += 1;
      else notCompared += 1;
      const first = today.vsFirst;
      if (first?.verdict === 'real' && prev?.verdict !== 'real')
        sinceFirstOnly.push(realChange(r, r.points[0], today, first));
    }
    conditions.push({
      label: c.label,
      previousDate: c.visits[at - 1]!.date,
      realSincePrevious: sincePrevious,
      firstDate: at >= 2 ? c.visits[0]!.date : null,
      realSinceFirstOnly: sinceFirstOnly,
      withinNoise,
      notCompared,
      acrossSources,
    });
  }
  const last = p.sessions.length - 1;
  const importantPain = p.symptoms.flatMap((row) => {
    const today = row.points[last];
    if (row.unit !== '/10' || today?.value == null || !today.vsPrevious?.important) return [];
    // Against the previous reading, which may be an older visit's when the last one had none.
    const d = today.vsPrevious.difference;
    return [`${row.label} ${today.value - d} → ${today.value}/10 (${d > 0 ? '+' : '−'}${Math.abs(d)})`];
  });
  return { date: newest.date, previousDate: previous.date, conditions, newConditions, importantPain };
}
