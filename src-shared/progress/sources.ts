/**
 * Progress where skin markers were tracked (issue 15 with issue 18, docs/progress.md §1 and §2): each
 * visit's value is what that visit's report showed (the hybrid analysis, src-shared/review/
 * marker-hybrid.ts: marker knee and ankle angles in the landmarks' place where measurable), with its
 * source; where it came from markers, how far the markers read from the pose landmarks on the same
 * clip (`sourceGap`), so a change between a marker visit and a landmark visit can be judged net of
 * the difference of sources (compare.ts). Pelvic tilt and rearfoot eversion, which only markers give,
 * are followed where at least two visits of a condition have them. Pure.
 */
import type { GaitAnalysis, GaitVariable } from '../gait/schema';
import { LANDMARKS, REPLACES_LANDMARKS, type Hybrid } from '../review/marker-hybrid';
import { MARKER_VARIABLES, type MarkerSideSummary, type MarkerVariableRow } from '../review/marker-variables';
import { compareVisits, type Visit } from './compare';
import { NO_VALUE, measure, type KeyVariable } from './measure';
import type { ConditionVisit, Measurement, ProgressRow, ProgressSide } from './types';

/** One clip of a visit: the engine's analysis from the landmarks, and what markers made of it. */
export interface ProgressClip {
  readonly landmarks: GaitAnalysis;
  /** Where markers were tracked: the clip's hybrid analysis, sources and own marker rows. */
  readonly markers: Hybrid | null;
}

/** The analysis the clip's report showed. */
export const shownAnalysis = (c: ProgressClip): GaitAnalysis => c.markers?.analysis ?? c.landmarks;

/**
 * The clip a variable is read from in one condition: one filmed in the variable's own view (pelvic
 * drop from behind, the sagittal angles from the side; times from the side clip first), with the
 * most clean steps, on the values shown.
 */
export function pickClip(
  clips: readonly ProgressClip[],
  id: string,
): { clip: ProgressClip; v: GaitVariable } | null {
  let best: { clip: ProgressClip; v: GaitVariable; score: number } | null = null;
  for (const clip of clips) {
    const a = shownAnalysis(clip);
    const v = a.variables.find((x) => x.id === id);
    if (!v) continue;
    // A view-bound variable is never read from the other view (the rear camera cannot see a sagittal angle).
    if (v.view !== 'any' && v.view !== a.source.view) continue;
    const ownView = v.view !== 'any' || a.source.view === 'side';
    const score = (ownView ? 1e6 : 0) + v.left.n + v.right.n;
    if (!best || score > best.score) best = { clip, v, score };
  }
  return best ? { clip: best.clip, v: best.v } : null;
}

/**
 * One side's value as the report showed it, with its source where the clip had markers, and, where
 * that source is the markers, the markers' mean less the landmarks' on the same clip and side.
 */
export function measureShown(
  key: KeyVariable,
  picked: { clip: ProgressClip; v: GaitVariable },
  side: ProgressSide,
): Measurement {
  const value = measure(key, picked.v, side);
  const markers = picked.clip.markers;
  if (!markers || side === 'both') return value;
  const source = markers.sources[key.from]?.[side] ?? LANDMARKS;
  if (source.from !== 'markers') return { ...value, source };
  const own = picked.clip.landmarks.variables.find((x) => x.id === key.from);
  const lm = own ? measure(key, own, side) : null;
  const sourceGap =
    value.mean !== null && value.u95 !== null && lm && lm.mean !== null && lm.u95 !== null
      ? { difference: value.mean - lm.mean, u95: Math.hypot(value.u95, lm.u95) }
      : null;
  return { ...value, source, sourceGap };
}

/** The marker variables without a landmark counterpart (pelvic tilt, rearfoot eversion), in report order. */
const MARKER_ONLY = MARKER_VARIABLES.filter((d) => !REPLACES_LANDMARKS.has(d.id));

function fromMarkerSide(s: MarkerSideSummary | null, words: string): Measurement {
  const source = { from: 'markers' as const, words: `markers (${words})` };
  if (!s) return { ...NO_VALUE('no markers on this leg'), source };
  if (s.notMeasurable)
    return { ...NO_VALUE(`not measurable from this view: ${s.notMeasurable.reason}`), source };
  if (s.mean === null || s.n === 0) return { ...NO_VALUE('no clean steps'), source };
  return {
    mean: s.mean,
    sd: s.sd,
    n: s.n,
    u95: s.interval ? (s.interval[1] - s.interval[0]) / 2 : null,
    interval: s.interval ? [s.interval[0], s.interval[1]] : null,
    missing: s.interval ? null : 'too few steps for an interval',
    source,
  };
}

/** The clip of a visit that shows a marker-only row from markers, with the most steps. */
function pickMarkerRow(clips: readonly ProgressClip[], id: string): MarkerVariableRow | null {
  let best: { row: MarkerVariableRow; n: number } | null = null;
  for (const c of clips) {
    const row = c.markers?.ownRows.find((r) => r.id === id && r.source === 'markers');
    if (!row) continue;
    const n = (row.left?.n ?? 0) + (row.right?.n ?? 0);
    if (!best || n > best.n) best = { row, n };
  }
  return best?.row ?? null;
}

export interface FilmedClips {
  readonly visit: ConditionVisit;
  readonly clips: readonly ProgressClip[];
}

/**
 * The rows only markers give, per side, where at least two visits of the condition had them tracked
 * (one visit alone has nothing to compare). No SDD is published for them (docs/markers.md), so the
 * uncertainty of the two means alone decides, as for the other variables without one.
 */
export function markerOnlyRows(filmed: readonly FilmedClips[]): ProgressRow[] {
  const rows: ProgressRow[] = [];
  for (const def of MARKER_ONLY) {
    const picked = filmed.map((f) => pickMarkerRow(f.clips, def.id));
    if (picked.filter((r) => r !== null).length < 2) continue;
    for (const side of ['left', 'right'] as const) {
      const visits: Visit[] = filmed.map((f, i) => {
        const row = picked[i];
        return {
          sessionId: f.visit.sessionId,
          date: f.visit.date,
          speedKmh: f.visit.speedKmh,
          inclinePct: f.visit.inclinePct,
          value: row
            ? fromMarkerSide(row[side], row.sourceWords)
            : NO_VALUE('no markers for it were tracked on this visit'),
        };
      });
      rows.push({
        variableId: def.id,
        label: def.label,
        unit: 'deg',
        side,
        sdd: null,
        markers: true,
        points: visits.map((v, i) => ({
          sessionId: v.sessionId,
          date: v.date,
          value: v.value,
          vsPrevious: i > 0 ? compareVisits(visits[i - 1]!, v, null, 'deg') : null,
          vsFirst: i > 1 ? compareVisits(visits[0]!, v, null, 'deg') : null,
        })),
      });
    }
  }
  return rows;
}
