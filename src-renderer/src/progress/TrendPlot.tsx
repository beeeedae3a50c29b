/**
 * A small trend plot of one variable over the visits: one line per side, a point per session, the
 * 95% interval of each mean as a whisker (drawn in a uPlot `draw` hook: uPlot has no error bars).
 * x is the visit's place in the timeline (visits are weeks apart and unevenly spaced; the table
 * below gives the dates).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TrendSeries {
  readonly label: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
  readonly intervals: readonly (readonly [number, number] | null)[];
}

export function TrendPlot(props: {
  readonly title: string;
  readonly dates: readonly string[];
  readonly series: readonly TrendSeries[];
  readonly width?: number;
  readonly height?: number;
  readonly yRange?: readonly [number, number];
}) {
  const box = useRef<HTMLDivElement>(null);
  const { title, dates, series, width = 230, height = 120, yRange } = props;
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
      series.forEach((s, k) => {
        ctx.strokeStyle = s.color;
        ctx.lineWidth = 1.5 * devicePixelRatio;
        s.intervals.forEach((iv, i) => {
          if (!iv) return;
          // Sides side by side, so the whiskers of left and right do not hide each other.
          const x = u.valToPos(i + (k - (series.length - 1) / 2) * 0.06, 'x', true);
          ctx.beginPath();
          ctx.moveTo(x, u.valToPos(iv[0], 'y', true));
          ctx.lineTo(x, u.valToPos(iv[1], 'y', true));
          ctx.stroke();
        });
      });
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
            spanGaps: true,
            points: { size: 6, fill: s.color },
          })),
        ],
        hooks: { draw: [whiskers] },
      },
      [xs, ...series.map((s) => s.values.map((v) => v))] as uPlot.AlignedData,
      el,
    );
    return () => u.destroy();
  }, [dates, series, width, height, yRange]);
  return (
    <figure className="trend" aria-label={`${title}: trend over the visits`}>
      <figcaption title={title}>{title}</figcaption>
      <div ref={box} />
    </figure>
  );
}
