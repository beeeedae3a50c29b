/**
 * Build the report model from the patient, the session, the gait analyses of each filmed condition
 * and the PT's saved words. Pure: the same inputs give the same model, in main, in a worker or in
 * a test. Pictures are only NAMED here (`imageId` + which clip and frame); the service grabs them.
 */
import type { ReportEdits } from '../contract/report';
import type { GaitAnalysis } from '../gait/schema';
import { conditionChange } from './condition-change';
import { focusOf } from '../gait/tables/focus';
import type { Exercise } from '../gait/tables/exercises';
import type { Patient, Session } from '../library/model';
import type { LandmarkSeries } from '../pose/landmarks';
import type { KeyFrameMark } from '../review/key-frames';
import { curvesOf } from './curves';
import { applyEdits, rowKey, type FindingLink } from './edits';
import { planOf } from './findings';
import { formerId } from './finding-ids';
import { clipFindings, sideFirst, suggestFindings } from './session-findings';
import { adviceLine } from '../gait/camera-advice';
import { shortCite } from './rows';
import { keyFramesOf } from './keyframe-model';
import {
  REPORT_SCHEMA,
  type ClipInfo,
  type ComparisonRow,
  type ConditionSection,
  type QualityFlag,
  type ReportModel,
  type VariableRow,
  type WithheldClip,
} from './model';
import { cadenceRow, footStrikeRow, SPATIOTEMPORAL_ORDER, variableRow } from './rows';
import { speedRows } from './speed-rows';
import { sourceText, type VariableSources } from '../review/marker-hybrid';
import { provisionalWords, type ProvisionalWindow } from './provisional';
import { doubtLines, farLegDoubts, type FarLegDoubt } from './far-leg';

/** The quality line for a variable the landmarks cannot give (withMarkers drops it where markers did). */
export const unavailableText = (u: { readonly label: string; readonly reason: string }): string =>
  `${u.label} not measured: ${u.reason}`;

export interface ReportClipInput {
  readonly view: 'side' | 'rear';
  /** The name the PT knows the clip by. */
  readonly file: string;
  readonly model: string;
  readonly analysis: GaitAnalysis;
  readonly series: LandmarkSeries;
  /** Key frames the PT marked in this clip (review), if any. */
  readonly marks?: readonly Pick<KeyFrameMark, 'frame' | 't' | 'event' | 'side'>[];
  /** Where the clip's skin markers were tracked: which variables `analysis` has from them, in place
   *  of the landmarks' (src-shared/review/marker-hybrid.ts). Each row then names its source. */
  readonly sources?: VariableSources;
  /**
   * The clip is analysed on its steady window only so far (issue 16 item 3): `analysis` and
   * `series` are the window's, and the report says so wherever its numbers appear.
   */
  readonly provisional?: ProvisionalWindow;
}

export interface ReportConditionInput {
  readonly id: string;
  readonly label: string;
  readonly inclinePct?: number;
  readonly speedKmh?: number;
  readonly clips: readonly ReportClipInput[];
}

export interface ReportInput {
  readonly patient: Pick<Patient, 'name'> & Partial<Patient>;
  readonly session: Pick<Session, 'id' | 'date'> & Partial<Session>;
  readonly conditions: readonly ReportConditionInput[];
  readonly exercises: readonly Exercise[];
  readonly edits?: ReportEdits;
  readonly appVersion: string;
  /** ISO time of the build (passed in: pure code reads no clock). */
  readonly now: string;
}

/** A picture the service must fetch: frame `frame` of the clip of `view` in condition `conditionId`. */
export interface ImageRequest {
  readonly imageId: string;
  readonly conditionId: string;
  readonly view: 'side' | 'rear';
  readonly frame: number;
}

function ageOn(dob: string, on: string): number {
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  const [Y, M, D] = on.split('-').map(Number) as [number, number, number];
  return Y - y - (M < m || (M === m && D < d) ? 1 : 0);
}

function conditionSection(
  c: ReportConditionInput,
  findingTitles: Map<string, string[]>,
  /** The belt speed: the condition's, else the session's when it used one speed only. */
  speedKmh: number | undefined,
  /** Far-leg values the same camera could not measure in another condition (./far-leg.ts). */
  doubts: readonly FarLegDoubt[],
): {
  section: ConditionSection;
  images: ImageRequest[];
} {
  const clips = sideFirst(c.clips);
  const primary = clips[0];
  const variables: VariableRow[] = [];
  const spatiotemporal: VariableRow[] = [];
  const quality: QualityFlag[] = [];
  const images: ImageRequest[] = [];
  const keyFrames: ConditionSection['keyFrames'][number][] = [];
  const curves: ConditionSection['curves'][number][] = [];
  const withheld: WithheldClip[] = [];
  // Where any clip of the condition has markers, every row says where its numbers came from.
  const hybrid = clips.some((k) => k.sources);
  const sourced = (clip: ReportClipInput, row: VariableRow): VariableRow =>
    hybrid ? { ...row, source: sourceText(clip.sources?.[row.key]) } : row;
  for (const clip of clips) {
    const a = clip.analysis;
    if (a.quality.findingsWithheld)
      withheld.push({
        condition: c.label,
        view: clip.view,
        file: clip.file,
        reasons: a.quality.reasons.map((r) => r.message),
      });
    const titles = (id: string): string[] => findingTitles.get(`${c.id}|${clip.view}|${id}`) ?? [];
    if (clip.view === 'side') {
      const fs = footStrikeRow(a);
      if (fs) variables.push(sourced(clip, fs));
    }
    for (const v of a.variables) {
      if (v.view === clip.view) variables.push(sourced(clip, variableRow(v, clip.view, titles(v.id))));
    }
    if (clip === primary) {
      const cad = cadenceRow(a);
      if (cad) spatiotemporal.push(sourced(clip, cad));
      for (const id of SPATIOTEMPORAL_ORDER) {
        const v = a.variables.find((x) => x.id === id && x.view === 'any');
        if (v && (v.left.n > 0 || v.right.n > 0))
          spatiotemporal.push(sourced(clip, variableRow(v, clip.view, titles(v.id))));
      }
      const bySpeed = speedRows(a, speedKmh);
      spatiotemporal.push(...bySpeed.map((r) => sourced(clip, r)));
      if (bySpeed.length)
        quality.push({
          level: 'info',
          text: `Stride length and vertical ratio take the belt speed as set (${speedKmh} km/h${c.speedKmh === undefined ? ', the session’s speed' : ''}); the belt itself is not measured.`,
        });
    }
    // Each warning points back to the camera placement advice that prevents it (camera-advice.ts).
    for (const f of a.flags) {
      const advice = f.severity === 'info' ? '' : adviceLine(f.code);
      quality.push({
        level: f.severity,
        text: `${clip.view} view: ${f.message}`,
        ...(advice ? { advice } : {}),
      });
    }
    for (const u of a.unavailable) {
      const text = unavailableText(u);
      if (!quality.some((q) => q.text === text)) quality.push({ level: 'info', text });
    }
    if (clip.view === 'side') for (const l of doubtLines(doubts)) quality.push({ level: 'warning', ...l });
    curves.push(...curvesOf(a));
    const kf = keyFramesOf(c.id, clip);
    keyFrames.push(...kf.frames);
    images.push(
      ...kf.frames.map((k) => ({ imageId: k.imageId, conditionId: c.id, view: clip.view, frame: k.frame })),
    );
  }
  const steps = primary
    ? {
        left: primary.analysis.events.filter((e) => e.kind === 'initial-contact' && e.side === 'left').length,
        right: primary.analysis.events.filter((e) => e.kind === 'initial-contact' && e.side === 'right')
          .length,
      }
    : { left: 0, right: 0 };
  const clipInfo: ClipInfo[] = clips.map((k) => ({
    view: k.view,
    file: k.file,
    fps: k.analysis.source.fps,
    frames: k.analysis.source.frameCount,
    durationS: k.analysis.source.durationS,
    width: k.analysis.source.width,
    height: k.analysis.source.height,
    model: k.model,
    ...(k.provisional ? { provisional: k.provisional } : {}),
  }));
  const provisional = clips.flatMap((k) =>
    k.provisional ? [provisionalWords(k.provisional, clips.length > 1 ? k.view : undefined)] : [],
  );
  return {
    section: {
      id: c.id,
      label: c.label,
      ...(c.inclinePct !== undefined ? { inclinePct: c.inclinePct } : {}),
      ...(c.speedKmh !== undefined ? { speedKmh: c.speedKmh } : {}),
      clips: clipInfo,
      steps,
      spatiotemporal,
      variables,
      curves,
      keyFrames,
      quality,
      withheld,
      ...(provisional.length ? { provisional } : {}),
    },
    images,
  };
}

/** Rows for variables measured in more than one condition (flat vs incline side by side). */
function comparisonOf(sections: readonly ConditionSection[]): ComparisonRow[] {
  if (sections.length < 2) return [];
  const rows = new Map<string, ComparisonRow & { values: Record<string, ComparisonRow['values'][string]> }>();
  for (const s of sections) {
    for (const r of [...s.spatiotemporal, ...s.variables]) {
      if (!r.left && !r.right && !r.all) continue;
      const key = `${r.view}:${r.key}`;
      const row = rows.get(key) ?? {
        key: r.key,
        label: r.label,
        unit: r.unit,
        decimals: r.decimals,
        values: {},
      };
      row.values[s.id] = {
        ...(r.left ? { left: r.left } : {}),
        ...(r.right ? { right: r.right } : {}),
        ...(r.all ? { all: r.all } : {}),
      };
      rows.set(key, row);
    }
  }
  const shared = [...rows.values()].filter((r) => Object.keys(r.values).length > 1);
  if (sections.length !== 2) return shared;
  const [a, b] = sections as [ConditionSection, ConditionSection];
  return shared.map((r) => {
    const change = conditionChange(r.values[a.id], r.values[b.id]);
    return change ? { ...r, change } : r;
  });
}

export function buildReport(input: ReportInput): {
  model: ReportModel;
  images: ImageRequest[];
  /** What each suggested finding flags and suggests, for applying the PT's edits (./edits.ts). */
  links: FindingLink[];
} {
  // Findings of every clip, in condition order (./session-findings.ts, as Review lists them); a
  // far-leg value the same camera could not measure in another condition makes its finding
  // tentative. Titles per variable flag the table rows.
  const doubts = farLegDoubts(input.conditions);
  const gaitFindings = clipFindings(input.conditions, doubts);
  const findingTitles = new Map<string, string[]>();
  for (const { f, rows } of gaitFindings)
    for (const key of rows) findingTitles.set(key, [...(findingTitles.get(key) ?? []), f.title]);
  const speeds = input.session.treadmillSpeedsKmh ?? [];
  const built = input.conditions.map((c) =>
    conditionSection(
      c,
      findingTitles,
      c.speedKmh ?? (speeds.length === 1 ? speeds[0] : undefined),
      doubts.filter((d) => d.condition === c.id),
    ),
  );
  const sections = built.map((b) => b.section);
  // Ids keep the rule table's order (saved edits refer to them); the list is shown ranked, most
  // to work on first (src-shared/gait/findings-rank.ts), weighted by the session's complaint.
  const ctx = { complaint: input.session.complaint, injurySide: input.session.injurySide };
  const { merged, findings: suggestedFindings, order, ranked } = suggestFindings(gaitFindings, ctx);
  const focus = focusOf(ctx.complaint);
  // Only rows the report prints: a rear clip's times have none (the side clip's are printed).
  const printed = new Set(
    sections.flatMap((c) => [...c.spatiotemporal, ...c.variables].map((r) => rowKey(c.id, r.view, r.key))),
  );
  const links: FindingLink[] = order
    .map((i) => merged[i]!)
    .map((m) => ({
      id: suggestedFindings[merged.indexOf(m)]!.id,
      formerId: formerId(m.f, merged.indexOf(m)),
      title: m.f.title,
      rows: [...new Set(m.rows)].filter((r) => printed.has(r)),
      exercises: m.f.exercises.map((x) => x.id),
    }));
  // The plan follows the ranking: the first finding's drills first.
  const suggestedPlan = planOf(
    order.map((i) => merged[i]!.f),
    input.exercises,
  );
  const e = input.edits;
  const p = input.patient;
  const s = input.session;
  const suggested: ReportModel = {
    schema: REPORT_SCHEMA,
    generatedAt: input.now,
    appVersion: input.appVersion,
    patient: {
      name: p.name,
      ...(p.clinicId ? { clinicId: p.clinicId } : {}),
      ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth, ageYears: ageOn(p.dateOfBirth, s.date) } : {}),
      ...(p.sex ? { sex: p.sex } : {}),
      ...(p.heightCm ? { heightCm: p.heightCm } : {}),
      ...(p.legLengthCm ? { legLengthCm: p.legLengthCm } : {}),
    },
    session: {
      id: s.id,
      date: s.date,
      ...(s.clinician ? { clinician: s.clinician } : {}),
      ...(s.complaint ? { complaint: s.complaint } : {}),
      ...(s.injurySide ? { injurySide: s.injurySide } : {}),
      ...(s.shoes ? { shoes: s.shoes } : {}),
    },
    conditions: sections,
    withheld: sections.flatMap((x) => x.withheld),
    comparison: comparisonOf(sections),
    findings: order.map((i) => suggestedFindings[i]!),
    ...(focus && ranked.some((r) => r.focus)
      ? { focus: { label: focus.label, source: shortCite(focus.source) } }
      : {}),
    plan: suggestedPlan,
    notes: '',
    edited: false,
    ...(sections.some((x) => x.provisional)
      ? {
          provisional: sections.flatMap((x) =>
            x.clips.flatMap((k) =>
              k.provisional
                ? [provisionalWords(k.provisional, x.clips.length > 1 ? k.view : undefined, x.label)]
                : [],
            ),
          ),
        }
      : {}),
  };
  // The PT's words replace the suggestions, and what they removed takes its flags and reasons along.
  const model = e ? applyEdits(suggested, links, e) : suggested;
  return { model, images: built.flatMap((b) => b.images), links };
}
