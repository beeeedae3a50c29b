/**
 * The run's machine-readable outputs: analysis.json (every event, step and summary of every clip,
 * plus the report's own rows) and the CSVs (one row per step; one row per variable and side). Times
 * and units are the report's (ms, %, °, cm) so a spreadsheet, the JSON's `report` and the PDF agree.
 */
import type { GaitAnalysis } from '../gait/schema';
import type { ProvisionalWindow } from './provisional';
import type { ReportConditionInput } from './build';
import { toCsv, type Cell } from './csv';
import type { NotMeasurable, ReportModel, Stat } from './model';
import { displayUnit } from './rows';
import type { VariableSources } from '../review/marker-hybrid';

export const ANALYSIS_SCHEMA = 'stridelab.analysis/1';

export interface AnalysisJson {
  readonly schema: typeof ANALYSIS_SCHEMA;
  readonly generatedAt: string;
  readonly appVersion: string;
  readonly patient: ReportModel['patient'];
  readonly session: ReportModel['session'];
  readonly conditions: readonly {
    readonly id: string;
    readonly label: string;
    readonly inclinePct?: number;
    readonly speedKmh?: number;
    readonly clips: readonly {
      readonly view: string;
      readonly file: string;
      readonly model: string;
      readonly gait: GaitAnalysis;
      /** Where the clip's skin markers were tracked: which variables of `gait` came from them, in
       *  place of the pose landmarks' (src-shared/review/marker-hybrid.ts). */
      readonly sources?: VariableSources;
      /** Analysed on its steady window only so far: `gait` is the window's (issue 16 item 3). */
      readonly provisional?: ProvisionalWindow;
    }[];
  }[];
  /** The report model as printed (values in the report's units), without the pictures. */
  readonly report: ReportModel;
}

export function analysisJson(model: ReportModel, conditions: readonly ReportConditionInput[]): AnalysisJson {
  return {
    schema: ANALYSIS_SCHEMA,
    generatedAt: model.generatedAt,
    appVersion: model.appVersion,
    patient: model.patient,
    session: model.session,
    conditions: conditions.map((c) => ({
      id: c.id,
      label: c.label,
      ...(c.inclinePct !== undefined ? { inclinePct: c.inclinePct } : {}),
      ...(c.speedKmh !== undefined ? { speedKmh: c.speedKmh } : {}),
      clips: c.clips.map((k) => ({
        view: k.view,
        file: k.file,
        model: k.model,
        gait: k.analysis,
        ...(k.sources ? { sources: k.sources } : {}),
        ...(k.provisional ? { provisional: k.provisional } : {}),
      })),
    })),
    report: model,
  };
}

const colName = (id: string, unit: string): string => (unit ? `${id} (${unit})` : id);

/** One row per step (condition, view, side, step), one column per variable, report units. */
export function stepsCsv(conditions: readonly ReportConditionInput[]): string {
  const vars = new Map<string, string>();
  for (const c of conditions)
    for (const k of c.clips)
      for (const v of k.analysis.variables) {
        if (v.left.values.length || v.right.values.length)
          vars.set(v.id, colName(v.id, displayUnit(v.unit).unit));
      }
  const ids = [...vars.keys()];
  const header = [
    'condition',
    'view',
    'side',
    'step',
    'frame',
    't (s)',
    'clean',
    ...ids.map((id) => vars.get(id)!),
  ];
  const rows: Cell[][] = [];
  for (const c of conditions) {
    for (const k of c.clips) {
      type Row = { frame: number; t: number; clean: boolean; values: Map<string, number> };
      const steps = new Map<string, Row>();
      for (const v of k.analysis.variables) {
        const d = displayUnit(v.unit);
        for (const s of [v.left, v.right]) {
          for (const x of s.values) {
            const key = `${s.side}|${x.step}`;
            const row = steps.get(key) ?? { frame: x.frame, t: x.t, clean: x.clean, values: new Map() };
            // The step's own time is its earliest event (initial contact).
            if (x.t < row.t) Object.assign(row, { frame: x.frame, t: x.t });
            row.values.set(v.id, x.value * d.scale);
            steps.set(key, row);
          }
        }
      }
      const sorted = [...steps.entries()].sort((a, b) => a[1].t - b[1].t);
      for (const [key, r] of sorted) {
        const [side, step] = key.split('|');
        rows.push([
          c.label,
          k.view,
          side,
          Number(step),
          r.frame,
          r.t,
          r.clean,
          ...ids.map((id) => r.values.get(id)),
        ]);
      }
    }
  }
  return toCsv(header, rows);
}

/**
 * One row per variable and side (or pooled), exactly the numbers of the report's tables, each with
 * what the report prints beside it: the 95% interval of the mean, left − right with its 95% interval
 * and what that interval says (src-shared/gait/difference.ts), and, for a side the camera cannot
 * measure, the words and remedy in place of a number. A spreadsheet must not read a bare L − R as an
 * asymmetry the measurement cannot resolve (docs/uncertainty.md §8).
 */
export function summaryCsv(model: ReportModel): string {
  const header = [
    'condition',
    'view',
    'variable',
    'label',
    'event',
    'unit',
    'side',
    'mean',
    'sd',
    'n',
    'mean 95% low',
    'mean 95% high',
    'left - right',
    'left - right 95% low',
    'left - right 95% high',
    'left - right says',
    'symmetry index (%)',
    'symmetry index 95% low',
    'symmetry index 95% high',
    'not measurable',
    'SDD',
    'reference',
    'source',
    'flag',
    // Where the number came from, where the clip's skin markers were tracked (hybrid analysis:
    // src-shared/review/marker-hybrid.ts): "markers (…)" or "pose landmarks"; empty without markers.
    'measured from',
  ];
  const rows: Cell[][] = [];
  for (const c of model.conditions) {
    for (const r of [...c.spatiotemporal, ...c.variables]) {
      const sides: [string, Stat | undefined, string | undefined, NotMeasurable | undefined][] = [
        ['left', r.left, r.categories?.left, r.notMeasurable?.left],
        ['right', r.right, r.categories?.right, r.notMeasurable?.right],
        ['both', r.all, undefined, undefined],
      ];
      for (const [side, s, cat, nm] of sides) {
        if (!s && !cat && !nm) continue;
        rows.push([
          c.label,
          r.view,
          r.key,
          r.label,
          r.event,
          r.unit,
          side,
          nm ? undefined : s ? s.mean : cat,
          // One step has no spread: left blank, not 0.
          nm || !s || s.n < 2 ? undefined : s.sd,
          nm ? undefined : s?.n,
          nm ? undefined : s?.interval?.[0],
          nm ? undefined : s?.interval?.[1],
          r.diff,
          r.diffInterval?.[0],
          r.diffInterval?.[1],
          r.diffNote,
          r.symmetryPct,
          r.symmetryInterval?.[0],
          r.symmetryInterval?.[1],
          nm ? `${nm.reason}: ${nm.remedy}` : undefined,
          r.sdd,
          r.reference?.text,
          r.reference?.source,
          r.flag?.text,
          side === 'left' || side === 'right' ? r.source?.sides[side] : r.source?.text,
        ]);
      }
    }
  }
  return toCsv(header, rows);
}
