/**
 * A far leg measured in one condition and not measurable in another, by the same camera. Whether
 * the side view can measure the far leg is decided per clip (src-shared/gait/summary.ts
 * `notMeasurable`: hidden, or a spread no steady runner and the measurement explain), and a short
 * clip passes more easily: a spread test on 5 steps has less power than on 10. The visit e2e's flat
 * clip (12 s) found the right (far) peak knee flexion in stance not measurable; its incline clip,
 * a 7 s cut of the same footage, passed with 5 steps and carried a finding. The camera and the leg
 * behind the near one are the same in both, so the PT is told: the value is flagged where it was
 * measured, and a finding resting on it is tentative (ranked after the whole ones,
 * src-shared/gait/findings-rank.ts). Nothing is hidden or recomputed: the PT checks it in Review.
 * The report and the review's "What to work on first" use this one rule, through one list of the
 * session's findings (./session-findings.ts). docs/report.md, "A far leg across conditions".
 */
import type { GaitAnalysis, GaitFinding } from '../gait/schema';
import type { Side } from '../gait/types';

interface Clip {
  readonly view: 'side' | 'rear';
  readonly analysis: GaitAnalysis;
}
interface Condition {
  readonly id: string;
  readonly label: string;
  readonly clips: readonly Clip[];
}

/** A far-leg value measured in `condition` that the same camera could not measure in `where`. */
export interface FarLegDoubt {
  readonly condition: string;
  readonly variableId: string;
  readonly label: string;
  readonly side: Side;
  /** Steps the doubted value rests on. */
  readonly n: number;
  /** The condition(s) where it was not measurable, by label ("Flat"). */
  readonly where: string;
  /** Why it was not measurable there, and the remedy (summary.ts). */
  readonly reason: string;
  readonly remedy: string;
}

/**
 * The same camera: both side views, the same leg nearest the camera, the same frame size. The
 * library does not record which physical camera filmed a clip; a session's conditions are filmed
 * with the cameras left in place (docs/workflow.md), and a different near leg or frame size says
 * they were not.
 */
function sameCamera(a: GaitAnalysis, b: GaitAnalysis): boolean {
  return (
    a.orientation.nearSide !== null &&
    a.orientation.nearSide === b.orientation.nearSide &&
    a.source.width === b.source.width &&
    a.source.height === b.source.height
  );
}

export function farLegDoubts(conditions: readonly Condition[]): FarLegDoubt[] {
  const out: FarLegDoubt[] = [];
  for (const c of conditions)
    for (const clip of c.clips) {
      const near = clip.analysis.orientation.nearSide;
      if (clip.view !== 'side' || near === null) continue;
      const far: Side = near === 'left' ? 'right' : 'left';
      const others = conditions
        .filter((o) => o !== c)
        .flatMap((o) =>
          o.clips
            .filter((k) => k.view === 'side' && sameCamera(clip.analysis, k.analysis))
            .map((k) => ({ label: o.label, analysis: k.analysis })),
        );
      for (const v of clip.analysis.variables) {
        const s = v[far];
        if (s.notMeasurable || s.mean === null) continue;
        const against = others.flatMap((o) => {
          const w = o.analysis.variables.find((x) => x.id === v.id)?.[far].notMeasurable;
          return w ? [{ label: o.label, w }] : [];
        });
        if (!against.length) continue;
        out.push({
          condition: c.id,
          variableId: v.id,
          label: v.label,
          side: far,
          n: s.n,
          where: against.map((x) => x.label).join(' and '),
          reason: against[0]!.w.reason,
          remedy: against[0]!.w.remedy,
        });
      }
    }
  return out;
}

/** summary.ts's reason without its heading and final stop, to quote inside a sentence. */
const quoted = (reason: string): string =>
  reason.replace(/^Not measurable from this view: /, '').replace(/\.$/, '');

/**
 * A condition's quality lines: the values stand, flagged; one line per leg and condition compared
 * (a hidden far leg takes a dozen variables with it), the reason quoted where there is one variable.
 */
export function doubtLines(doubts: readonly FarLegDoubt[]): { text: string; advice: string }[] {
  const groups = new Map<string, FarLegDoubt[]>();
  for (const d of doubts)
    groups.set(`${d.side}|${d.where}`, [...(groups.get(`${d.side}|${d.where}`) ?? []), d]);
  return [...groups.values()].map((g) => {
    const d = g[0]!;
    const what = g.map((x) => `${x.label.toLowerCase()} (${x.n} steps)`).join(', ');
    const why = g.length === 1 ? quoted(d.reason) : `see ${d.where}'s table`;
    return {
      text: `side view, ${d.side} (far) leg: ${what} measured here, but not measurable from the same camera in ${d.where} (${why}); check ${g.length === 1 ? 'it' : 'them'} in Review before relying on ${g.length === 1 ? 'it' : 'them'}.`,
      advice: d.remedy,
    };
  });
}

/** The doubt a side clip's finding rests on, if any: its evidence on the doubted variable and side. */
export function doubtOf(
  doubts: readonly FarLegDoubt[],
  condition: string,
  f: GaitFinding,
): FarLegDoubt | undefined {
  return doubts.find(
    (d) =>
      d.condition === condition &&
      f.evidence.some((e) => e.variableId === d.variableId && (e.side === d.side || e.side === 'both')),
  );
}

/** Why a finding on a doubted value is tentative, after "Tentative: ". */
export const doubtWords = (d: FarLegDoubt): string =>
  `the ${d.side} (far) leg's ${d.label.toLowerCase()} was not measurable from the same camera in ${d.where}`;

/** A side clip's findings, those resting on a doubted far-leg value made tentative, with why. */
export function doubtedFindings(
  doubts: readonly FarLegDoubt[],
  condition: string,
  findings: readonly GaitFinding[],
): { f: GaitFinding; doubt?: string }[] {
  return findings.map((f) => {
    const d = doubtOf(doubts, condition, f);
    return d ? { f: { ...f, provisional: true }, doubt: doubtWords(d) } : { f };
  });
}
