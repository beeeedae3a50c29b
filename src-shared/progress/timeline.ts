/**
 * The patient's timeline (issue 18 items 1 and 4): sessions oldest first, each condition followed over
 * the sessions that filmed it (flat with flat, incline with incline), every key variable per side
 * with its change since the previous visit and since the first (compare.ts), and the patient's own
 * story beside it. Pure: the service gathers the analyses, this builds the model.
 */
import type { GaitAnalysis } from '../gait/schema';
import type { Hybrid } from '../review/marker-hybrid';
import { compareVisits, type Visit } from './compare';
import { KEY_VARIABLES, NO_VALUE, unitOf, usableClip } from './measure';
import { markerOnlyRows, measureShown, pickClip, type FilmedClips, type ProgressClip } from './sources';
import { PAIN_IMPORTANT_CHANGE, PAIN_READINGS, type SymptomFields } from './symptoms';
import type {
  PatientProgress,
  ProgressCondition,
  ProgressRow,
  ProgressSession,
  ProgressUnit,
  SymptomRow,
} from './types';

export interface RecordingInput {
  readonly recordingId: string;
  readonly name: string;
  /** The engine's analysis from the pose landmarks; null when the clip could not be analysed (`error` says why). */
  readonly analysis: GaitAnalysis | null;
  /**
   * Where skin markers were tracked on the clip: its hybrid analysis (marker-hybrid.ts `hybridOf`,
   * as its report builds it), so the timeline compares what each visit's report showed.
   */
  readonly markers?: Hybrid | null;
  readonly error?: string;
}

export interface ConditionInput {
  readonly label: string;
  readonly speedKmh: number | null;
  readonly inclinePct: number | null;
  readonly recordings: readonly RecordingInput[];
}

export interface SessionInput {
  readonly sessionId: string;
  readonly date: string;
  readonly symptoms: SymptomFields | null;
  readonly conditions: readonly ConditionInput[];
}

/**
 * Which conditions are "the same": by the treadmill incline where it is known (flat, incline,
 * decline, whatever the label says), else by the label. A different speed, or a different incline
 * within "incline", is said on each change, not hidden by splitting the rows.
 */
export function conditionKey(c: { label: string; inclinePct: number | null }): {
  key: string;
  label: string;
} {
  if (c.inclinePct !== null) {
    if (Math.abs(c.inclinePct) < 0.25) return { key: 'flat', label: 'Flat' };
    return c.inclinePct > 0 ? { key: 'incline', label: 'Incline' } : { key: 'decline', label: 'Decline' };
  }
  const label = c.label.trim().replace(/\s+/g, ' ');
  return { key: `label:${label.toLowerCase()}`, label };
}

type Filmed = FilmedClips;

/** The marker-only rows (pelvic tilt, rearfoot eversion) follow pelvic drop, before hip extension. */
const MARKER_ROWS_AFTER = KEY_VARIABLES.findIndex((k) => k.id === 'pelvic-drop-ms');

function conditionRows(filmed: readonly Filmed[]): ProgressRow[] {
  const rows: ProgressRow[] = [];
  const markerRows = markerOnlyRows(filmed);
  for (const [index, key] of KEY_VARIABLES.entries()) {
    if (index === MARKER_ROWS_AFTER + 1) rows.push(...markerRows);
    const picked = filmed.map((f) => pickClip(f.clips, key.from));
    const any = picked.find((v) => v !== null)?.v;
    if (!any) continue; // no clip of this condition shows it (e.g. pelvic drop without a rear clip)
    const unit: ProgressUnit = unitOf(key, any);
    // The SDD is published in the variable's own unit; seconds are shown in ms.
    const sdd =
      key.id === 'cadence' || !any.sdd
        ? null
        : {
            value: any.sdd.value * (any.unit === 's' ? 1000 : any.unit === 'ratio' ? 100 : 1),
            source: any.sdd.source,
          };
    for (const side of key.sides) {
      const visits: Visit[] = filmed.map((f, i) => ({
        sessionId: f.visit.sessionId,
        date: f.visit.date,
        speedKmh: f.visit.speedKmh,
        inclinePct: f.visit.inclinePct,
        value: picked[i]
          ? measureShown(key, picked[i], side)
          : NO_VALUE('not filmed in the view it is measured from'),
      }));
      const markers = visits.some((v) => v.value.source?.from === 'markers');
      rows.push({
        variableId: key.id,
        label: key.label ?? any.label,
        unit,
        side,
        sdd,
        ...(markers ? { markers } : {}),
        points: visits.map((v, i) => ({
          sessionId: v.sessionId,
          date: v.date,
          value: v.value,
          vsPrevious: i > 0 ? compareVisits(visits[i - 1]!, v, sdd?.value ?? null, unit) : null,
          vsFirst: i > 1 ? compareVisits(visits[0]!, v, sdd?.value ?? null, unit) : null,
        })),
      });
    }
  }
  return rows;
}

function symptomRows(sessions: readonly SessionInput[]): SymptomRow[] {
  const keys = [
    ...PAIN_READINGS.map((r) => ({ ...r, unit: '/10' as const, important: PAIN_IMPORTANT_CHANGE })),
    { key: 'weeklyKm' as const, label: 'Weekly running volume', unit: 'km/week' as const, important: null },
  ];
  return keys.map((k) => {
    let first: number | null = null;
    let previous: number | null = null;
    let seen = 0;
    return {
      key: k.key,
      label: k.label,
      unit: k.unit,
      points: sessions.map((s) => {
        const value = s.symptoms?.[k.key] ?? null;
        const change = (from: number | null) => {
          if (value === null || from === null) return null;
          const difference = value - from;
          return { difference, important: k.important !== null && Math.abs(difference) >= k.important };
        };
        // Against the first reading only from the third on: for the second it is the previous one.
        const point = {
          sessionId: s.sessionId,
          date: s.date,
          value,
          vsPrevious: change(previous),
          vsFirst: seen >= 2 ? change(first) : null,
        };
        if (value !== null) {
          if (seen === 0) first = value;
          previous = value;
          seen += 1;
        }
        return point;
      }),
    };
  });
}

export function buildProgress(
  patient: { id: string; name: string },
  input: readonly SessionInput[],
): PatientProgress {
  const ordered = [...input].sort((a, b) => a.date.localeCompare(b.date));
  const sessions: ProgressSession[] = [];
  const byKey = new Map<string, { label: string; filmed: Filmed[] }>();
  for (const s of ordered) {
    const notes: string[] = [];
    for (const c of s.conditions) {
      const clips: ProgressClip[] = [];
      for (const r of c.recordings) {
        if (!r.analysis) {
          notes.push(`${r.name} (${c.label}) is left out: ${r.error ?? 'not analysed yet'}.`);
          continue;
        }
        const ok = usableClip(r.analysis);
        if (!ok.ok) notes.push(`${r.name} (${c.label}) is left out: ${ok.why}`);
        else clips.push({ landmarks: r.analysis, markers: r.markers ?? null });
      }
      if (clips.length === 0) continue;
      const { key, label } = conditionKey(c);
      const group = byKey.get(key) ?? { label, filmed: [] };
      byKey.set(key, group);
      group.filmed.push({
        visit: {
          sessionId: s.sessionId,
          date: s.date,
          label: c.label,
          speedKmh: c.speedKmh,
          inclinePct: c.inclinePct,
          recordingIds: c.recordings.filter((r) => r.analysis).map((r) => r.recordingId),
        },
        clips,
      });
    }
    sessions.push({ sessionId: s.sessionId, date: s.date, symptoms: s.symptoms, notes });
  }
  const conditions: ProgressCondition[] = [...byKey.entries()].map(([key, g]) => ({
    key,
    label: g.label,
    visits: g.filmed.map((f) => f.visit),
    rows: conditionRows(g.filmed),
  }));
  return {
    patientId: patient.id,
    patientName: patient.name,
    sessions,
    symptoms: symptomRows(ordered),
    conditions,
  };
}
