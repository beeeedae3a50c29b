/**
 * The report model: everything the printed gait report shows, already chosen, rounded where the
 * report rounds, and in the clinic's words. Built once in pure code (./build.ts) from the patient,
 * the session, the gait analyses of each clip and the PT's edits; drawn by the React report
 * (src-renderer/src/report) for the in-app preview and, unchanged, for the PDF. Serialisable JSON.
 *
 * What a report must show follows Souza 2016 ("An evidence-based videotaped running biomechanics
 * analysis"): each variable's value, its spread over steps, left vs right, and a reference range
 * with its source, because no validated cut-offs for "abnormal" exist.
 */
import type { ConditionChange } from './condition-change';
import type { ReportProgress } from '../progress/types';
import type { PlanSince } from '../progress/plan-carry';
import type { View } from '../contract/recordings';
import type { MarkerVariableRow } from '../review/marker-variables';
import type { ProvisionalWindow } from './provisional';

export const REPORT_SCHEMA = 'stridelab.report/1';

export type Side = 'left' | 'right';
export type KeyEvent = 'IC' | 'MS' | 'TO';

/** Mean and sample SD over `n` steps (SD is 0 when n < 2), and the 95% interval of the mean
 *  (docs/uncertainty.md) where there are two steps or more. */
export interface Stat {
  readonly mean: number;
  readonly sd: number;
  readonly n: number;
  readonly interval?: readonly [number, number];
}

/** Why a side's value is not printed as a number, and what to do about it. */
export interface NotMeasurable {
  readonly reason: string;
  readonly remedy: string;
}

export interface Reference {
  /** The range or typical value in words, e.g. "~45°; < 40° in some knee-pain groups". */
  readonly text: string;
  /** Short citation, e.g. "Souza 2016". */
  readonly source: string;
  /** Computed for this runner from a published rule (e.g. their own cadence +5–10%), not a
   *  general band. Where the literature gives no personal band, the general one stands. */
  readonly personal?: boolean;
}

export interface RowFlag {
  readonly level: 'note' | 'attention';
  readonly text: string;
}

/** One line of the variables table. */
export interface VariableRow {
  readonly key: string;
  readonly label: string;
  /** As printed after the number: "°", "cm", "ms", "steps/min", "%", "" (for categories). */
  readonly unit: string;
  readonly view: View;
  /** When in the cycle it is read: "IC", "MS", "TO", "stance", "late swing", "stride". */
  readonly event: string;
  readonly left?: Stat;
  readonly right?: Stat;
  /** Both sides pooled (or the only value, for variables without a side). */
  readonly all?: Stat;
  /** Sides the camera cannot measure: shown as words, with the remedy, instead of numbers. */
  readonly notMeasurable?: { readonly left?: NotMeasurable; readonly right?: NotMeasurable };
  /** Left − right, in `unit` (only when both sides are measurable). */
  readonly diff?: number;
  /** 95% interval of left − right. */
  readonly diffInterval?: readonly [number, number];
  /** What that interval says (src-shared/gait/difference.ts): "within what the measurement
   *  resolves" where it holds 0 or the asymmetry limit, else beyond it. */
  readonly diffNote?: string;
  /** Symmetry index 100·(L−R)/mean(L,R), percent [Robinson 1987]. */
  readonly symmetryPct?: number;
  /** 95% interval of the symmetry index: the interval of L − R over mean(L, R). */
  readonly symmetryInterval?: readonly [number, number];
  /** Category counts for categorical variables, e.g. foot strike "rearfoot 7/8". */
  readonly categories?: { readonly left?: string; readonly right?: string };
  /** Smallest detectable difference, in `unit`, where published. */
  readonly sdd?: number;
  readonly reference?: Reference;
  readonly flag?: RowFlag;
  /** Decimals the report prints this variable with. */
  readonly decimals: number;
  /** Where its numbers came from, where the clip's skin markers were tracked (issue 15, hybrid
   *  analysis: src-shared/review/marker-hybrid.ts): "markers (…)" or "pose landmarks". */
  readonly source?: RowSource;
}

/** A row's source in the clinic's words; `mixed` where the two sides came from different ones. */
export interface RowSource {
  readonly from: 'markers' | 'landmarks' | 'mixed';
  readonly text: string;
  /** Each side's source in words. */
  readonly sides: { readonly left: string; readonly right: string };
}

/** Mean ± SD of a joint angle over the gait cycle, 0..100 % (IC to the next IC of the same foot). */
export interface CurveBand {
  readonly mean: readonly number[];
  readonly sd: readonly number[];
  readonly n: number;
}

export interface CurveSet {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly view: View;
  readonly left?: CurveBand;
  readonly right?: CurveBand;
  /** % of the cycle where toe-off falls on average, to shade stance. */
  readonly toeOffPct?: number;
}

/** One key frame: a picture of the clip at an event, with the skeleton drawn over it. */
export interface KeyFrame {
  readonly id: string;
  readonly view: View;
  readonly side: Side;
  readonly event: KeyEvent;
  /** Frame index in the clip (after trim), and its time in seconds. */
  readonly frame: number;
  readonly t: number;
  /** 'pt' when the PT marked it in the review, 'auto' when chosen from the gait events. */
  readonly chosenBy: 'pt' | 'auto';
  /** Key of the image in the report bundle's image table (a JPEG data URL). */
  readonly imageId: string;
  readonly width: number;
  readonly height: number;
  /** Region of the frame to show (the runner, padded), pixels. */
  readonly crop: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  /** 33 landmarks [x px, y px, visibility] or null where the model found no pose. */
  readonly landmarks: readonly (readonly [number, number, number])[] | null;
  /** Values printed on the picture. */
  readonly labels: readonly { readonly text: string; readonly x: number; readonly y: number }[];
  /** Skin markers tracked on this frame (issue 15), drawn over the picture. */
  readonly markers?: readonly ReportMarker[];
  /** Their short names where there is room beside the dot (keyframe-marker-names.ts): the marker,
   *  the words, and where they are drawn from (x, baseline y). */
  readonly markerNames?: readonly {
    readonly name: string;
    readonly text: string;
    readonly x: number;
    readonly y: number;
  }[];
}

/** A skin marker on a key frame: pixels of the clip, the tracker's confidence, placed by hand or not. */
export interface ReportMarker {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly confidence: number;
  readonly byHand: boolean;
}

export interface QualityFlag {
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
  /** The camera placement that prevents it next time (src-shared/gait/camera-advice.ts). */
  readonly advice?: string;
}

export interface ClipInfo {
  readonly view: View;
  readonly file: string;
  readonly fps: number;
  readonly frames: number;
  readonly durationS: number;
  readonly width: number;
  readonly height: number;
  readonly model: string;
  /** Printed from its steady window while the rest is analysed (./provisional.ts); absent when whole. */
  readonly provisional?: ProvisionalWindow;
}

/** One filmed condition (flat, incline…): its clips and everything measured in them. */
/** A clip whose findings were withheld because it is not what it was filed as (running, in this
 *  view), with the reasons in the clinic's words (src-shared/gait/clip-check.ts). */
export interface WithheldClip {
  readonly condition: string;
  readonly view: View;
  readonly file: string;
  readonly reasons: readonly string[];
}

export interface ConditionSection {
  readonly id: string;
  readonly label: string;
  readonly inclinePct?: number;
  readonly speedKmh?: number;
  readonly clips: readonly ClipInfo[];
  readonly steps: { readonly left: number; readonly right: number };
  readonly spatiotemporal: readonly VariableRow[];
  readonly variables: readonly VariableRow[];
  readonly curves: readonly CurveSet[];
  readonly keyFrames: readonly KeyFrame[];
  readonly quality: readonly QualityFlag[];
  /** Clips of this condition whose findings were withheld. */
  readonly withheld: readonly WithheldClip[];
  /** Marker variables (pelvic tilt, rearfoot eversion) with their source, where markers were tracked. */
  readonly markerRows?: readonly MarkerVariableRow[];
  /**
   * Clips of this condition printed from their steady window (issue 16 item 3), in words:
   * "Provisional: from 0:54–1:05 of steady running (…); the whole clip is still being analysed."
   */
  readonly provisional?: readonly string[];
}

/** Flat vs incline side by side: one row per variable measured in more than one condition. */
export interface ComparisonRow {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly decimals: number;
  /** By condition id, in the order of `ReportModel.conditions`. */
  readonly values: Readonly<
    Record<string, { readonly left?: Stat; readonly right?: Stat; readonly all?: Stat }>
  >;
  /** With exactly two conditions: second − first with its 95% interval (condition-change.ts). */
  readonly change?: ConditionChange;
}

export interface Finding {
  readonly id: string;
  readonly text: string;
  /** The numbers behind it, in words ("pelvic drop R 6.1 ± 1.2° vs L 3.0 ± 1.0°, n = 8"). */
  readonly evidence: readonly string[];
  /** Why it ranks where it does (src-shared/gait/findings-rank.ts): effect size beyond the
   *  threshold in units of what the measurement resolves, the relevance weight, in words. */
  readonly priority?: { readonly effect: number; readonly weight: number; readonly why: string };
  /** What was seen, in the runner's words. */
  readonly plain?: string;
  /** One sentence to think of while running, and its short citation. */
  readonly cue?: { readonly text: string; readonly source?: string };
  /** Plan item (exercise) ids it suggests; the first is its drill. */
  readonly drills?: readonly string[];
  /** The PT's call: 'pinned' leads the list, 'demoted' goes below the first three. */
  readonly pin?: FindingPin;
  /**
   * The id of the condition it was seen in (`ConditionSection.id`), as data: the runner's page says
   * which conditions a finding it says once was seen in ("Flat and Incline"), where `text` only
   * carried the label as a prefix. Absent on a finding the PT wrote.
   */
  readonly condition?: string;
}

export type FindingPin = 'pinned' | 'demoted';

/** How many findings lead the report as "What to work on first". */
export const FIRST_FINDINGS = 3;

export interface PlanItem {
  readonly id: string;
  readonly title: string;
  /** Dosage and how-to, e.g. "3 × 8 slow lowerings, 2 sessions a week". */
  readonly detail: string;
  /** Which finding it answers, in words. */
  readonly why?: string;
  /** How much and how often, how to progress, the exercise in the runner's words, and where the
   *  dosage comes from (the exercise library, src-shared/gait/tables/exercises.ts). */
  readonly dosage?: string;
  readonly progression?: string;
  readonly plain?: string;
  readonly dosageSource?: string;
  /** At a follow-up: kept, progressed, dropped or new since the last visit's plan (issue 18). */
  readonly since?: PlanSince;
}

export interface ReportModel {
  readonly schema: typeof REPORT_SCHEMA;
  readonly generatedAt: string;
  readonly appVersion: string;
  readonly patient: {
    readonly name: string;
    readonly clinicId?: string;
    readonly dateOfBirth?: string;
    readonly ageYears?: number;
    readonly sex?: string;
    readonly heightCm?: number;
    readonly legLengthCm?: number;
  };
  readonly session: {
    readonly id: string;
    readonly date: string;
    readonly clinician?: string;
    readonly complaint?: string;
    readonly injurySide?: string;
    readonly shoes?: string;
  };
  readonly conditions: readonly ConditionSection[];
  /** Every clip whose findings were withheld, for the first page. */
  readonly withheld: readonly WithheldClip[];
  readonly comparison: readonly ComparisonRow[];
  /** Most to work on first (src-shared/report/priorities.ts): the first FIRST_FINDINGS that are
   *  not demoted lead the report; the PT's order and pins once edited. */
  readonly findings: readonly Finding[];
  /** The complaint that weighted the ranking, if one matched (src-shared/gait/tables/focus.ts). */
  readonly focus?: { readonly label: string; readonly source: string };
  readonly plan: readonly PlanItem[];
  readonly notes: string;
  /** True when the findings, plan or notes are the PT's words, not only the suggestions. */
  readonly edited: boolean;
  /** This visit against the earlier ones (docs/progress.md §5); absent or null on a first visit. */
  readonly progress?: ReportProgress | null;
  /** The date of the visit whose plan this one carries over, and what was dropped from it. */
  readonly planFrom?: string;
  readonly planDropped?: readonly string[];
  /**
   * Conditions with a clip printed from its steady window, one line each ("Flat, provisional: from
   * 0:54–1:05…"): shown on page one and on every printed page's header, so the report is never
   * read as final. Absent when every clip was analysed whole.
   */
  readonly provisional?: readonly string[];
}

/** What the report page receives: the model and the pictures it names (JPEG data URLs by id). */
export interface ReportBundle {
  readonly model: ReportModel;
  readonly images: Readonly<Record<string, string>>;
}
