/**
 * The progress model (issue 18, docs/progress.md): each session's key variables per condition and
 * side, and each change since the previous visit and since the first, judged against the variable's
 * smallest detectable difference and the measurement uncertainty of the two means. Plain JSON: it
 * crosses the contract (`progress:patient`) and the CLI prints it with --json.
 */
import type { SymptomFields } from './symptoms';

export type ProgressSide = 'left' | 'right' | 'both';

/** The unit a progress value is shown in (times in ms, cadence in steps/min). */
/** '%': an engine ratio shown in percent, as the report does (hamstring length, % of standing). */
export type ProgressUnit = 'deg' | 'ms' | 'steps/min' | 'cm' | '%leg' | 'ratio' | '%';

/**
 * Where a visit's value came from (issue 15, hybrid analysis): skin markers where they were tracked
 * and measurable, else the pose landmarks, as the report of that visit showed it.
 */
export interface ValueSource {
  readonly from: 'markers' | 'landmarks';
  /** The report's words: "markers (trochanter, knee and ankle markers)", "pose landmarks". */
  readonly words: string;
}

/**
 * On a clip whose value came from markers: the markers' mean minus the pose landmarks' mean of the
 * same clip and side (the two sources of one runner on one day), with the half-width of its 95%
 * interval (the two means' half-widths in quadrature). Null where the landmarks had no number there.
 */
export interface SourceGap {
  readonly difference: number;
  readonly u95: number;
}

/** One side's mean in one session, as the timeline shows it. */
export interface Measurement {
  /** Null where there is no number to show: too few steps, or not measurable from this view. */
  readonly mean: number | null;
  readonly sd: number | null;
  readonly n: number;
  /** Half-width of the 95% interval of the mean (docs/uncertainty.md §2); null below two steps. */
  readonly u95: number | null;
  readonly interval: readonly [number, number] | null;
  /** Why there is no number, in the clinic's words. */
  readonly missing: string | null;
  /** Where the number came from; absent: the pose landmarks (no markers on that clip). */
  readonly source?: ValueSource;
  /** Where it came from markers: how far they read from the landmarks on the same clip (null: unknown). */
  readonly sourceGap?: SourceGap | null;
}

/** 'real': beyond both the SDD and the uncertainty of the two means; 'within-noise': not. */
export type Verdict = 'real' | 'within-noise' | 'not-comparable';

export interface Change {
  readonly fromSessionId: string;
  readonly fromDate: string;
  /** Later minus earlier, in the row's unit; null when either mean is missing. */
  readonly difference: number | null;
  /** Half-width of the 95% interval of the difference: √(U₁² + U₂²). */
  readonly u95: number | null;
  readonly verdict: Verdict;
  /** Why, in one sentence: which yardstick held it back, or what is missing. */
  readonly why: string;
  /** The treadmill settings that differ between the two sessions ("11 km/h then, 12 km/h now"), or null. */
  readonly settingsDiffer: string | null;
  /**
   * The two values came from different sources, in the PT's words ("pose landmarks then, markers
   * now"), or absent / null when both came from the same. Said beside the change: not like for like.
   */
  readonly sourcesDiffer?: string | null;
}

export interface ProgressPoint {
  readonly sessionId: string;
  readonly date: string;
  readonly value: Measurement;
  /** Against the previous session with this condition; null for the first. */
  readonly vsPrevious: Change | null;
  /** Against the first session with this condition; null for the first two (it equals vsPrevious). */
  readonly vsFirst: Change | null;
}

export interface ProgressRow {
  readonly variableId: string;
  readonly label: string;
  readonly unit: ProgressUnit;
  readonly side: ProgressSide;
  /** Smallest detectable difference in the row's unit, where published. */
  readonly sdd: { readonly value: number; readonly source: string } | null;
  readonly points: readonly ProgressPoint[];
  /**
   * True where some visit's value came from markers: the screens then name each visit's source
   * (a marker-only row, pelvic tilt or rearfoot eversion, always has it).
   */
  readonly markers?: boolean;
}

/** One session's filming of a condition: what was run, as filed. */
export interface ConditionVisit {
  readonly sessionId: string;
  readonly date: string;
  readonly label: string;
  readonly speedKmh: number | null;
  readonly inclinePct: number | null;
  readonly recordingIds: readonly string[];
}

/** Flat with flat, incline with incline: one condition followed over the sessions that filmed it. */
export interface ProgressCondition {
  readonly key: string;
  readonly label: string;
  readonly visits: readonly ConditionVisit[];
  readonly rows: readonly ProgressRow[];
}

export interface SymptomChange {
  readonly difference: number;
  /** At least the smallest change patients call important (PAIN_IMPORTANT_CHANGE) for a pain reading. */
  readonly important: boolean;
}

export interface SymptomPoint {
  readonly sessionId: string;
  readonly date: string;
  readonly value: number | null;
  readonly vsPrevious: SymptomChange | null;
  readonly vsFirst: SymptomChange | null;
}

export interface SymptomRow {
  readonly key: 'painBefore' | 'painDuring' | 'painAfter' | 'pain24h' | 'weeklyKm';
  readonly label: string;
  readonly unit: '/10' | 'km/week';
  readonly points: readonly SymptomPoint[];
}

export interface ProgressSession {
  readonly sessionId: string;
  readonly date: string;
  readonly symptoms: SymptomFields | null;
  /** Clips left out of the comparison and why (not analysed yet, walking, wrong view …). */
  readonly notes: readonly string[];
}

export interface PatientProgress {
  readonly patientId: string;
  readonly patientName: string;
  /** Oldest first. */
  readonly sessions: readonly ProgressSession[];
  readonly symptoms: readonly SymptomRow[];
  readonly conditions: readonly ProgressCondition[];
}

/** One line of the report's progress section: a variable's trend up to this visit and what changed. */
export interface ReportProgressRow {
  readonly variableId: string;
  readonly label: string;
  readonly side: ProgressSide;
  /** "6.9 → 5.5 → 1.9°": the visits' means, oldest first, up to this one. */
  readonly trend: string;
  /** "−3.7 ±1.2° real", "+1.0 ±2.3° within noise", "—": the change with its 95% half-width. */
  readonly sincePrevious: string;
  readonly sinceFirst: string | null;
  readonly realSincePrevious: boolean;
  readonly realSinceFirst: boolean;
  /**
   * Where some visit's value came from markers: each visit's source, oldest first, in the trend's
   * order ("pose landmarks → markers"); null otherwise.
   */
  readonly sources?: string | null;
  /**
   * Where some visit's value came from markers: each visit's mean as in `trend` with its source, so the
   * printed trend marks every value the way the trend plots do (■ markers, ● pose model); else absent.
   */
  readonly visits?: readonly {
    readonly value: string;
    readonly source: ValueSource['from'] | null;
  }[];
  /** This visit's value and the previous one's came from different sources ("pose landmarks then, markers now"). */
  readonly sourceChangedSincePrevious?: string;
  /** "markers" where both this visit's value and the previous one's came from markers; else absent. */
  readonly markersSincePrevious?: boolean;
  /** Behind one of this session's findings. */
  readonly behindFinding: boolean;
}

/** The report's progress section (docs/progress.md §5): this visit against the earlier ones. */
export interface ReportProgress {
  readonly dates: readonly string[];
  readonly conditions: readonly {
    readonly label: string;
    /** The visits of this condition up to the one reported, oldest first. */
    readonly dates: readonly string[];
    readonly rows: readonly ReportProgressRow[];
    /** Treadmill settings that differ from an earlier visit, in words. */
    readonly settings: readonly string[];
    /** Key variables followed but left out of the table: no finding behind them, no change beyond noise. */
    readonly unchanged: number;
    /** A change in the table is between a marker value and a landmark value (said under it). */
    readonly acrossSources?: boolean;
  }[];
  /** The patient's own story, one line per reading with a value this visit or before. */
  readonly story: readonly {
    readonly label: string;
    readonly trend: string;
    readonly change: string | null;
  }[];
}
