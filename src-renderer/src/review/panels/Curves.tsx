/**
 * Angle curves of the active clip: over time (left and right, playhead marked, click to go there)
 * and normalised to the gait cycle (mean ± SD over strides, left vs right; the same bands the report
 * prints, from src-shared/report/curves.ts), with the current moment's % of its stride marked.
 */
import { useState } from 'react';
import type uPlot from 'uplot';
import type { GaitAnalysis } from '../../../../src-shared/gait';
import type { FrameTable } from '../../../../src-shared/review/frames';
import { CURVES, curvesOf, strides } from '../../../../src-shared/report/curves';
import { cycleGap } from '../../../../src-shared/review/curve-gaps';
import { niceTicks } from '../../../../src-shared/nice-ticks';
import { TINTS } from '../overlay/draw';
import { UPlotChart } from './UPlotChart';

export interface CurvesProps {
  readonly gait: GaitAnalysis;
  readonly table: FrameTable;
  readonly frame: number;
  readonly onSeek: (clipT: number) => void;
}

const band = (colour: string): string => `${colour}33`;

/** Axes a PT can read at arm's length: larger type, dark ticks, light grid, named units. */
const FONT = '12px system-ui, sans-serif';
const axis = (label: string): uPlot.Axis => ({
  label,
  font: FONT,
  labelFont: `600 ${FONT}`,
  stroke: '#1c2430',
  grid: { stroke: '#e3e7ec', width: 1 },
  ticks: { stroke: '#c9d1d9', width: 1 },
});
/*
 * uPlot's own y splits keep ~30 px apart and, on a 180 px chart with a stride's worth of range, left
 * a single "0": no scale to read a value off. The y scale and its ticks come from niceTicks instead
 * (4–6 ticks of 1, 2 or 5 × 10ⁿ degrees, never narrower than 10° so a still joint still has a scale).
 */
const MIN_SPAN_DEG = 10;
const yTicks = (min: number | null, max: number | null) =>
  niceTicks(min ?? Number.NaN, max ?? Number.NaN, { minSpan: MIN_SPAN_DEG }) ??
  niceTicks(0, 0, { minSpan: MIN_SPAN_DEG })!;
const yLabels = (u: uPlot): string[] =>
  yTicks(u.scales.y!.min ?? null, u.scales.y!.max ?? null).values.map((v) => `${v}°`);
const yScale: uPlot.Scale = {
  range: (_u, min, max) => {
    const t = yTicks(min, max);
    return [t.lo, t.hi];
  },
};
const yAxis = (label: string): uPlot.Axis => ({
  ...axis(label),
  size: 56,
  labelSize: 20,
  splits: (_u, _i, min, max) => yTicks(min, max).values.slice(),
  values: (u) => yLabels(u),
});
/** The tick labels drawn, on the chart's box for tests (a canvas keeps its text to itself). */
const exposeTicks = (u: uPlot): void => {
  u.root.parentElement?.setAttribute('data-y-ticks', yLabels(u).join('|'));
};

function timeOptions(label: string): Omit<uPlot.Options, 'width' | 'height'> {
  return {
    // The legend is drawn by the page (left/right swatches, shading), not uPlot's per-series one.
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false }, y: yScale },
    axes: [axis('Time in the clip (s)'), yAxis(`${label} (°)`)],
    hooks: { draw: [exposeTicks] },
    series: [
      { label: 't (s)' },
      { label: 'Left', stroke: TINTS.left, width: 1.5, spanGaps: false },
      { label: 'Right', stroke: TINTS.right, width: 1.5, spanGaps: false },
    ],
  };
}

function cycleOptions(label: string): Omit<uPlot.Options, 'width' | 'height'> {
  return {
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: [0, 100] }, y: yScale },
    axes: [axis('% of the gait cycle (0 = initial contact)'), yAxis(`${label} (°)`)],
    hooks: { draw: [exposeTicks] },
    series: [
      { label: '%' },
      { label: 'Left mean', stroke: TINTS.left, width: 2 },
      { label: 'L +SD', stroke: 'transparent', show: true },
      { label: 'L −SD', stroke: 'transparent', show: true },
      { label: 'Right mean', stroke: TINTS.right, width: 2 },
      { label: 'R +SD', stroke: 'transparent', show: true },
      { label: 'R −SD', stroke: 'transparent', show: true },
    ],
    bands: [
      { series: [2, 3], fill: band(TINTS.left) },
      { series: [5, 6], fill: band(TINTS.right) },
    ],
  };
}

/*
 * Charts are rebuilt only when their options object changes, and re-fed only when their data array
 * changes: both are cached here by value (label; analysis × angle), so re-renders during playback
 * reuse them.
 */
const timeOptionCache = new Map<string, Omit<uPlot.Options, 'width' | 'height'>>();
const cycleOptionCache = new Map<string, Omit<uPlot.Options, 'width' | 'height'>>();
const timeDataCache = new WeakMap<GaitAnalysis, Map<string, uPlot.AlignedData>>();
const cycleDataCache = new WeakMap<GaitAnalysis, Map<string, uPlot.AlignedData>>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (!v) cache.set(key, (v = make()));
  return v;
}

function dataFor(
  cache: WeakMap<GaitAnalysis, Map<string, uPlot.AlignedData>>,
  gait: GaitAnalysis,
  id: string,
  make: () => uPlot.AlignedData,
): uPlot.AlignedData {
  let m = cache.get(gait);
  if (!m) cache.set(gait, (m = new Map()));
  return cached(m, id, make);
}

function timeSeries(gait: GaitAnalysis, id: string, table: FrameTable): uPlot.AlignedData {
  const get = (side: 'left' | 'right') =>
    (
      gait.angles.find((a) => a.id === id && a.side === side) ??
      gait.angles.find((a) => a.id === id && a.side === 'body')
    )?.values ?? [];
  const l = get('left');
  const r = get('right');
  return [
    table.times.map(Number),
    table.times.map((_, i) => l[i] ?? null),
    table.times.map((_, i) => r[i] ?? null),
  ];
}

/** What the cycle chart's legend says and why a side is missing: once per analysis and angle. */
const notesCache = new WeakMap<GaitAnalysis, Map<string, { strideCounts: string; gaps: string[] }>>();
function notesFor(gait: GaitAnalysis, id: string, label: string) {
  let m = notesCache.get(gait);
  if (!m) notesCache.set(gait, (m = new Map()));
  return cached(m, id, () => {
    const set = curvesOf(gait).find((c) => c.key === id);
    return {
      strideCounts: `left ${set?.left?.n ?? 0}, right ${set?.right?.n ?? 0} strides`,
      gaps: (['left', 'right'] as const).flatMap((side) => cycleGap(gait, id, side, label) ?? []),
    };
  });
}

function cycleSeries(gait: GaitAnalysis, id: string): uPlot.AlignedData {
  const set = curvesOf(gait).find((c) => c.key === id);
  const x = Array.from({ length: 101 }, (_, i) => i);
  const cols = (b: { mean: readonly number[]; sd: readonly number[] } | undefined) =>
    b
      ? [b.mean.slice(), b.mean.map((m, i) => m + b.sd[i]!), b.mean.map((m, i) => m - b.sd[i]!)]
      : [x.map(() => null), x.map(() => null), x.map(() => null)];
  return [x, ...cols(set?.left), ...cols(set?.right)] as uPlot.AlignedData;
}

/** Where `frame` falls in its stride (% of the cycle of the foot that last touched down), if anywhere. */
function cyclePct(gait: GaitAnalysis, frame: number): number | undefined {
  let best: number | undefined;
  let bestFrom = -Infinity;
  for (const side of ['left', 'right'] as const) {
    for (const s of strides(gait, side)) {
      if (frame >= s.from && frame < s.to && s.from > bestFrom) {
        bestFrom = s.from;
        best = (100 * (frame - s.from)) / (s.to - s.from);
      }
    }
  }
  return best;
}

/** Left and right swatches, the playhead, and the shading: what the lines of a chart are. */
function ChartLegend(props: { what: string; shaded?: string }) {
  return (
    <p className="chart-legend">
      <span className="swatch" style={{ background: TINTS.left }} /> Left{' '}
      <span className="swatch" style={{ background: TINTS.right }} /> Right <span className="swatch marker" />{' '}
      {props.what}
      {props.shaded && <> · shaded: ± 1 SD over the strides ({props.shaded})</>}
    </p>
  );
}

export function Curves({ gait, table, frame, onSeek }: CurvesProps) {
  const view = gait.source.view;
  const available = CURVES[view].filter((c) => gait.angles.some((a) => a.id === c.id));
  const [chosen, setChosen] = useState(available[0]?.id ?? '');
  const curveId = available.some((c) => c.id === chosen) ? chosen : (available[0]?.id ?? '');
  const label = CURVES[view].find((c) => c.id === curveId)?.label ?? '';
  const timeOpts = cached(timeOptionCache, label, () => timeOptions(label));
  const cycleOpts = cached(cycleOptionCache, label, () => cycleOptions(label));
  const timeData = dataFor(timeDataCache, gait, curveId, () => timeSeries(gait, curveId, table));
  const cycleData = dataFor(cycleDataCache, gait, curveId, () => cycleSeries(gait, curveId));
  if (!curveId) return <p className="muted">No angle curves for this clip.</p>;
  const { strideCounts, gaps } = notesFor(gait, curveId, label);
  return (
    <div className="curves" data-testid="curves">
      <label className="curve-pick">
        Angle{' '}
        <select value={curveId} onChange={(e) => setChosen(e.target.value)}>
          {available.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <UPlotChart
        label={`${label} over time, left and right; click to go to that moment`}
        options={timeOpts}
        data={timeData}
        height={220}
        marker={table.times[frame]}
        onPick={(t) => onSeek(t)}
      />
      <ChartLegend what="the playhead: the frame on screen" />
      <UPlotChart
        label={`${label} over the gait cycle, mean and SD over strides, left and right`}
        options={cycleOpts}
        data={cycleData}
        height={220}
        marker={cyclePct(gait, frame)}
      />
      <ChartLegend what="where the frame on screen falls in its stride" shaded={strideCounts} />
      {gaps.map((g) => (
        <p key={g} className="curve-gap" data-testid="curve-gap">
          {g}
        </p>
      ))}
    </div>
  );
}
