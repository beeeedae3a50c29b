/**
 * A uPlot chart in React: built once per `options`, fed new `data` in place, with a playhead marker
 * drawn as a plain positioned line (no chart redraw per frame during playback) and click-to-value.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface UPlotChartProps {
  readonly options: Omit<uPlot.Options, 'width' | 'height'>;
  readonly data: uPlot.AlignedData;
  readonly height: number;
  /** x value of the playhead marker, or undefined for none. */
  readonly marker?: number;
  /** Clicked x value (in the x scale's units). */
  readonly onPick?: (x: number) => void;
  readonly label: string;
}

export function UPlotChart(props: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const onPick = useRef(props.onPick);
  const marker = useRef<HTMLSpanElement>(null);
  const [version, setVersion] = useState(0);
  const dataRef = useRef(props.data);

  useEffect(() => {
    onPick.current = props.onPick;
    dataRef.current = props.data;
  });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot(
      { ...props.options, width: Math.max(200, el.clientWidth), height: props.height },
      dataRef.current,
      el,
    );
    chart.current = u;
    const click = (e: MouseEvent): void => {
      const rect = u.over.getBoundingClientRect();
      onPick.current?.(u.posToVal(e.clientX - rect.left, 'x'));
    };
    u.over.addEventListener('click', click);
    const resize = new ResizeObserver(() => {
      u.setSize({ width: Math.max(200, el.clientWidth), height: props.height });
      setVersion((v) => v + 1);
    });
    resize.observe(el);
    setVersion((v) => v + 1);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('click', click);
      u.destroy();
      chart.current = null;
    };
  }, [props.options, props.height]);

  useEffect(() => {
    chart.current?.setData(props.data);
  }, [props.data]);

  useEffect(() => {
    const u = chart.current;
    const line = marker.current;
    if (!line) return;
    if (!u || props.marker === undefined || !Number.isFinite(props.marker)) {
      line.style.display = 'none';
      return;
    }
    // Plot-area offset inside the chart box plus the value's position in it; set on the element
    // directly so playback does not re-render the chart's React tree every frame.
    const over = u.over.getBoundingClientRect();
    const root = box.current!.getBoundingClientRect();
    // 'block', not '': the stylesheet hides the marker until it has a place.
    line.style.display = 'block';
    line.style.left = `${over.left - root.left + u.valToPos(props.marker, 'x')}px`;
    line.style.top = `${over.top - root.top}px`;
    line.style.height = `${over.height}px`;
  }, [props.marker, version]);

  return (
    <div className="uplot-box" ref={box} role="img" aria-label={props.label}>
      <span className="chart-marker" ref={marker} />
    </div>
  );
}
