/**
 * A small trend plot of one variable over the visits: one line per side, a point per session, the
 * 95% interval of each mean as a whisker (drawn in a uPlot `draw` hook: uPlot has no error bars).
 * Lines, whiskers and points are all drawn by the hook, each side a few pixels off the visit's place
 * (sideOffsetPx), so left and right with the same value show as two marks side by side.
 * x is the visit's place in the timeline (visits are weeks apart and unevenly spaced; the table
 * below gives the dates).
 *
 * Where skin markers measured some visit (issue 15), each point's shape says its source (a square
 * from taped markers, a circle from the pose model; trend-marks.ts) and a dashed line stands between
 * two visits whose sources differ, with a note under the plot: skin markers and the pose model's joint
 * centres read the same runner a few degrees apart (docs/progress.md §2), so a step across that line
 * can be the change of source and not the runner. What the hook drew is left on the figure
 * (`data-marks`, every point with its size), so a test reads the marks the PT sees.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import {
  drawMark,
  markHalfPx,
  sideOffsetPx,
  type DrawnMark,
  type PointSource,
  type SourceChange,
} from './trend-marks';

export interface TrendSeries {
  readonly label: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
  readonly intervals: readonly (readonly [number, number] | null)[];
  /** Each visit's source, where markers measured some visit of this variable; absent: no shapes. */
  readonly sources?: readonly (PointSource | null)[];
}

export function TrendPlot(props: {
  readonly title: string;
  readonly dates: readonly string[];
  readonly series: readonly TrendSeries[];
  readonly width?: number;
  readonly height?: number;
  readonly yRange?: readonly [number, number];
  /** Between visit `at - 1` and `at` the source changed (on some side). */
  readonly sourceChanges?: readonly SourceChange[];
  /** The variable plotted, on the figure (`data-variable`) as on the table's rows. */
  readonly variable?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const fig = useRef<HTMLElement>(null);
  const { title, dates, series, width = 230, height = 120, yRange, sourceChanges = [] } = props;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = dates.map((_, i) => i);
    const all = series.flatMap((s) => [
      ...s.values.filter((v): v is number => v !== null),
      ...s.intervals.flatMap((iv) => (iv ? [iv[0], iv[1]] : [])),
    ]);
    const lo = all.length ? Math.min(...all) : 0;
    const hi = all.length ? Math.max(...all) : 1;
    const pad = Math.max((hi - lo) * 0.15, 0.5);
    const whiskers = (u: uPlot): void => {
      const ctx = u.ctx;
      const dpr = devicePixelRatio;
      // The change of source first, under the data: a dashed line halfway between the two visits.
      ctx.save();
      ctx.strokeStyle = '#6b7280';
      ctx.lineWidth = 1 * dpr;
      ctx.setLineDash([3 * dpr, 3 * dpr]);
      for (const ch of sourceChanges) {
        const x = u.valToPos(ch.at - 0.5, 'x', true);
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
      }
      ctx.restore();
      const drawn: DrawnMark[] = [];
      series.forEach((s, k) => {
        // Each side a few pixels off the visit's place, its line, whiskers and marks alike
        // (trend-marks.ts: equal values of the two sides show as two marks, not one).
        const dx = sideOffsetPx(k, series.length) * dpr;
        const xAt = (i: number): number => u.valToPos(i, 'x', true) + dx;
        ctx.strokeStyle = s.color;
        ctx.lineWidth = 1.5 * dpr;
        // The line through the visits with a number (gaps spanned), under the whiskers and marks.
        ctx.beginPath();
        let started = false;
        s.values.forEach((v, i) => {
          if (v === null) return;
          const y = u.valToPos(v, 'y', true);
          if (started) ctx.lineTo(xAt(i), y);
          else ctx.moveTo(xAt(i), y);
          started = true;
        });
        ctx.stroke();
        s.intervals.forEach((iv, i) => {
          if (!iv) return;
          ctx.beginPath();
          ctx.moveTo(xAt(i), u.valToPos(iv[0], 'y', true));
          ctx.lineTo(xAt(i), u.valToPos(iv[1], 'y', true));
          ctx.stroke();
        });
        // The marks on top: the source's shape where markers measured some visit, else a plain dot.
        s.values.forEach((v, i) => {
          if (v === null) return;
          const from = s.sources ? (s.sources[i] ?? null) : null;
          const x = xAt(i);
          const y = u.valToPos(v, 'y', true);
          drawMark(ctx, from, x, y, s.color, dpr);
          drawn.push({
            series: s.label,
            visit: i,
            source: from,
            x: x / dpr,
            y: y / dpr,
            half: markHalfPx(from),
          });
        });
      });
      if (fig.current) fig.current.dataset.marks = JSON.stringify(drawn);
    };
    const u = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: [-0.4, Math.max(dates.length - 1, 1) + 0.4] },
          y: { range: yRange ? [yRange[0], yRange[1]] : [lo - pad, hi + pad] },
        },
        axes: [
          {
            size: 28,
            splits: () => xs,
            values: (_u, vals) => vals.map((v) => dates[v]?.slice(5) ?? ''),
            font: '10px system-ui',
          },
          { size: 34, font: '10px system-ui' },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 1.5,
            // Line and points drawn by the hook, each side at its offset (uPlot's share one x).
            paths: () => null,
            points: { show: false },
          })),
        ],
        hooks: { draw: [whiskers] },
      },
      [xs, ...series.map((s) => s.values.map((v) => v))] as uPlot.AlignedData,
      el,
    );
    return () => u.destroy();
  }, [dates, series, width, height, yRange, sourceChanges]);
  return (
    <figure
      ref={fig}
      className="trend"
      aria-label={`${title}: trend over the visits`}
      data-variable={props.variable}
      data-source-changes={sourceChanges.map((c) => c.at).join(',') || undefined}
    >
      <figcaption title={title}>{title}</figcaption>
      <div ref={box} />
      {sourceChanges.map((c) => (
        <p key={c.at} className="trend-note" data-testid="trend-source-change" style={{ maxWidth: width }}>
          ┆ {dates[c.at - 1]?.slice(5)} → {dates[c.at]?.slice(5)}: {c.words}. A change of source can itself
          move the value: not the same measurement.
        </p>
      ))}
    </figure>
  );
}
