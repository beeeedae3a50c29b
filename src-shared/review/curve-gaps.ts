/**
 * Why a side has no curve over the gait cycle, in words, instead of a chart that silently shows one
 * side. The cycle curves (src-shared/report/curves.ts) average strides of a side and drop strides
 * with more than 10 % of their samples missing; a side with fewer than MIN_STRIDES strides left gets
 * no band. In a side view that is usually the far leg, hidden behind the near one or the treadmill.
 */
import type { GaitAnalysis } from '../gait/schema';
import { MIN_STRIDES, strides } from '../report/curves';

/** Share of a stride's frames that may lack the angle (as the curves allow). */
const MAX_MISSING = 0.1;

export function cycleGap(
  gait: GaitAnalysis,
  angleId: string,
  side: 'left' | 'right',
  label: string,
): string | undefined {
  const Side = side === 'left' ? 'Left' : 'Right';
  const series =
    gait.angles.find((a) => a.id === angleId && a.side === side) ??
    gait.angles.find((a) => a.id === angleId && a.side === 'body');
  if (!series) return `${Side}: no ${label.toLowerCase()} in this clip.`;
  const list = strides(gait, side);
  if (list.length === 0)
    return `${Side}: no curve, fewer than two ${side} initial contacts were found in this clip.`;
  const usable = list.filter((s) => {
    const from = Math.ceil(s.from);
    const to = Math.floor(s.to);
    let missing = 0;
    for (let i = from; i <= to; i++)
      if (series.values[i] === null || series.values[i] === undefined) missing++;
    return missing <= MAX_MISSING * (to - from + 1);
  }).length;
  if (usable >= MIN_STRIDES) return undefined;
  const hidden =
    gait.source.view === 'side'
      ? ' In a side view the far leg is often hidden (by the near leg or the treadmill): film that side too.'
      : '';
  // "only 1 of 16 strides has": the verb agrees with the count the PT reads first.
  return `${Side}: no curve, only ${usable} of ${list.length} ${side} strides ${usable === 1 ? 'has' : 'have'} the angle on nearly every frame (${MIN_STRIDES} needed).${hidden}`;
}
