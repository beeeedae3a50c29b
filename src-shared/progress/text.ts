/** The timeline as plain text, for `stridelab progress` (the same comparison the patient page shows). */
import { formatChange, formatMeanU95, formatSigned, formatValue } from './format';
import { sinceLastVisit, type HeadlineChange } from './headline';
import type { Change, PatientProgress, ProgressRow, ProgressUnit, SymptomRow } from './types';

const SIDE = { left: 'left', right: 'right', both: 'both sides' } as const;

function changeText(label: string, c: Change | null, unit: ProgressUnit): string | null {
  if (!c) return null;
  return `${label} ${formatChange(c, unit)}`;
}

function rowText(row: ProgressRow): string[] {
  const sdd = row.sdd ? `SDD ${formatValue(row.sdd.value, row.unit)}` : 'no published SDD';
  const lines = [`  ${row.label}, ${SIDE[row.side]} (${sdd})`];
  const settings = new Set<string>();
  for (const p of row.points) {
    const v = p.value;
    // Where markers measured some visit, each visit's source (issue 15: what its report showed).
    const from =
      row.markers && (v.source || v.mean !== null) ? `, ${v.source?.words ?? 'pose landmarks'}` : '';
    const value =
      v.mean === null
        ? `no value (${v.missing ?? 'not measured'})${from}`
        : `${formatMeanU95(v.mean, v.u95, row.unit)} (${v.n} steps${from})`;
    const changes = [
      changeText('since previous', p.vsPrevious, row.unit),
      changeText('since first', p.vsFirst, row.unit),
    ].filter((x) => x !== null);
    lines.push(`    ${p.date}  ${value}${changes.length ? `   ${changes.join('; ')}` : ''}`);
    for (const c of [p.vsPrevious, p.vsFirst]) if (c?.settingsDiffer) settings.add(c.settingsDiffer);
  }
  for (const s of settings) lines.push(`    * not the same treadmill settings: ${s}`);
  return lines;
}

function symptomText(row: SymptomRow): string | null {
  if (row.points.every((p) => p.value === null)) return null;
  const cells = row.points.map((p) => {
    if (p.value === null) return `${p.date} —`;
    const c = p.vsPrevious;
    const change = c
      ? ` (${formatSigned(c.difference, 'ratio').replace(/\.00$/, '')}${c.important ? ', important' : ''})`
      : '';
    return `${p.date} ${p.value}${row.unit === '/10' ? '/10' : ' km'}${change}`;
  });
  return `  ${row.label}: ${cells.join(', ')}`;
}

const changeLine = (x: HeadlineChange): string =>
  `    ${x.label} (${SIDE[x.side]}): ${x.values}, ${x.change} real${x.source ? ` (${x.source})` : ''}${x.settingsDiffer ? ` * (${x.settingsDiffer})` : ''}`;

/** The newest visit against the one before, first (what the PT asks at every follow-up). */
function headlineText(p: PatientProgress): string[] {
  const h = sinceLastVisit(p);
  if (!h) return [];
  const lines = ['', `Since the last visit (${h.previousDate} to ${h.date}):`];
  for (const c of h.conditions) {
    const real = c.realSincePrevious.length;
    const against = c.previousDate === h.previousDate ? '' : ` (against ${c.previousDate})`;
    lines.push(
      real
        ? `  ${c.label}${against}: ${real} change${real === 1 ? '' : 's'} beyond noise; ${c.withinNoise} within noise${c.notCompared ? `, ${c.notCompared} not compared` : ''}`
        : `  ${c.label}${against}: nothing changed beyond noise (${c.withinNoise + c.notCompared} followed)`,
    );
    lines.push(...c.realSincePrevious.map(changeLine));
    if (c.acrossSources)
      lines.push(
        `  ${c.acrossSources} measured from markers on one visit and from the pose landmarks on the other: not like for like, judged net of the difference between the two`,
      );
    if (c.realSinceFirstOnly.length)
      lines.push(
        `  beyond noise since the first visit (${c.firstDate}) only:`,
        ...c.realSinceFirstOnly.map(changeLine),
      );
  }
  for (const n of h.newConditions) lines.push(`  ${n}: filmed for the first time, nothing to compare yet`);
  if (h.importantPain.length) lines.push(`  Pain, important to patients: ${h.importantPain.join('; ')}`);
  return lines;
}

export function formatProgress(p: PatientProgress): string {
  const dates = p.sessions.map((s) => s.date);
  const lines = [
    `Progress of ${p.patientName}: ${p.sessions.length} session${p.sessions.length === 1 ? '' : 's'}${dates.length ? ` (${dates[0]} to ${dates.at(-1)})` : ''}.`,
    'A change is called real only when it exceeds both the smallest detectable difference (SDD) and the',
    'uncertainty of the two sessions\u2019 means (95%); otherwise it is within noise.',
  ];
  lines.push(...headlineText(p));
  const story = p.symptoms.map(symptomText).filter((x) => x !== null);
  const stages = p.sessions.filter((s) => s.symptoms?.rtrStage || s.symptoms?.notes);
  if (story.length || stages.length) {
    lines.push(
      '',
      "The patient's own story (a change of 2 points or more in pain is important to patients):",
    );
    lines.push(...story);
    for (const s of stages) {
      const parts = [s.symptoms?.rtrStage ? `stage: ${s.symptoms.rtrStage}` : null, s.symptoms?.notes].filter(
        Boolean,
      );
      lines.push(`  ${s.date} ${parts.join('; ')}`);
    }
  }
  for (const c of p.conditions) {
    lines.push(
      '',
      `${c.label}: ${c.visits.map((v) => `${v.date} "${v.label}"${v.speedKmh !== null ? ` ${v.speedKmh} km/h` : ''}${v.inclinePct !== null ? ` ${v.inclinePct} %` : ''}`).join(', ')}`,
    );
    for (const row of c.rows) lines.push(...rowText(row));
  }
  if (p.conditions.length === 0) lines.push('', 'No analysed clips yet: nothing to compare.');
  const notes = p.sessions.flatMap((s) => s.notes.map((n) => `  ${s.date}: ${n}`));
  if (notes.length) lines.push('', 'Left out:', ...notes);
  return lines.join('\n');
}
