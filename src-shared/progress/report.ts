/**
 * The report's progress section (issue 18 item 3, docs/progress.md §5): for the session reported, the
 * trend of the variables behind its findings and of every variable that changed beyond noise, with
 * the change since the previous visit and since the first, and the patient's own story. Null for a
 * first visit (nothing to compare). The timeline must hold the sessions up to this one only, so a
 * report printed later reads the same.
 */
import { formatChange, formatNumber, formatSignedScore, suffixOf } from './format';
import type { Measurement, PatientProgress, ReportProgress, ReportProgressRow } from './types';

const sourceWord = (v: Measurement): string =>
  v.source?.from === 'markers' ? 'markers' : v.source || v.mean !== null ? 'pose landmarks' : '—';

export function progressForReport(
  p: PatientProgress,
  sessionId: string,
  findingVariableIds: readonly string[],
): ReportProgress | null {
  const at = p.sessions.findIndex((s) => s.sessionId === sessionId);
  if (at < 1) return null;
  const conditions: ReportProgress['conditions'][number][] = [];
  for (const c of p.conditions) {
    const upTo = c.visits.findIndex((v) => v.sessionId === sessionId);
    if (upTo < 1) continue; // this condition was not filmed today, or not before
    const rows: ReportProgressRow[] = [];
    const settings = new Set<string>();
    let unchanged = 0;
    let acrossSources = false;
    for (const r of c.rows) {
      const points = r.points.slice(0, upTo + 1);
      const today = points[upTo]!;
      const behindFinding =
        findingVariableIds.includes(r.variableId) ||
        (r.variableId === 'cadence' &&
          findingVariableIds.some((id) => id === 'step-time' || id === 'stride-time'));
      const realPrev = today.vsPrevious?.verdict === 'real';
      const realFirst = today.vsFirst?.verdict === 'real';
      if (!behindFinding && !realPrev && !realFirst) {
        unchanged += 1;
        continue;
      }
      const means = points.map((x) => (x.value.mean === null ? '—' : formatNumber(x.value.mean, r.unit)));
      const last = today.value.mean;
      rows.push({
        variableId: r.variableId,
        label: r.label,
        side: r.side,
        trend: `${means.join(' → ')}${last === null ? '' : suffixOf(r.unit)}`,
        sincePrevious: formatChange(today.vsPrevious, r.unit),
        sinceFirst: today.vsFirst ? formatChange(today.vsFirst, r.unit) : null,
        // Each visit's source where markers measured some (what each visit's report showed).
        sources: r.markers ? points.map((x) => sourceWord(x.value)).join(' → ') : null,
        ...(r.markers && {
          visits: points.map((x, i) => ({
            value: means[i]! + (i === upTo && last !== null ? suffixOf(r.unit) : ''),
            source: x.value.mean === null ? null : (x.value.source?.from ?? 'landmarks'),
          })),
        }),
        // A step between two numbers from different sources can be the change of source itself.
        ...(r.markers &&
        today.vsPrevious?.sourcesDiffer &&
        today.value.mean !== null &&
        points[upTo - 1]?.value.mean !== null
          ? { sourceChangedSincePrevious: today.vsPrevious.sourcesDiffer }
          : {}),
        ...(r.markers &&
        today.value.source?.from === 'markers' &&
        points[upTo - 1]?.value.source?.from === 'markers'
          ? { markersSincePrevious: true }
          : {}),
        realSincePrevious: realPrev,
        realSinceFirst: realFirst,
        behindFinding,
      });
      for (const ch of [today.vsPrevious, today.vsFirst]) {
        if (ch?.settingsDiffer) settings.add(ch.settingsDiffer);
        if (ch?.sourcesDiffer) acrossSources = true;
      }
    }
    conditions.push({
      label: c.label,
      dates: c.visits.slice(0, upTo + 1).map((v) => v.date),
      rows,
      settings: [...settings],
      unchanged,
      ...(acrossSources ? { acrossSources } : {}),
    });
  }
  const story = p.symptoms.flatMap((row) => {
    const points = row.points.slice(0, at + 1);
    if (points.every((x) => x.value === null)) return [];
    const today = points[at]!;
    const change = today.vsPrevious
      ? `${formatSignedScore(today.vsPrevious.difference)}${today.vsPrevious.important ? ' important' : ''}`
      : null;
    const unit = row.unit === '/10' ? '/10' : ' km';
    return [
      {
        label: row.label,
        trend: `${points.map((x) => (x.value === null ? '—' : String(x.value))).join(' → ')}${unit}`,
        change,
      },
    ];
  });
  const stage = p.sessions.slice(0, at + 1).map((s) => s.symptoms?.rtrStage ?? null);
  if (stage.some((x) => x !== null))
    story.push({ label: 'Return-to-run stage', trend: stage.map((x) => x ?? '—').join(' → '), change: null });
  return { dates: p.sessions.slice(0, at + 1).map((s) => s.date), conditions, story };
}
