import { niceTicks } from '../../../src-shared/nice-ticks';
import type { CurveBand, CurveSet } from '../../../src-shared/report/model';

/**
 * A joint angle over the gait cycle (0–100 %, initial contact to the next initial contact of the
 * same foot): mean line and ± 1 SD band per side, stance shaded up to the mean toe-off. Plain SVG,
 * so it prints sharp at any size and needs no chart library in the PDF.
 */
const W = 300;
const H = 170;
const PAD = { l: 34, r: 14, t: 16, b: 26 };
const COLOUR = { left: '#2f7dd1', right: '#e8772e' } as const;

export function CurveChart(props: { curve: CurveSet }) {
  const c = props.curve;
  const bands = (['left', 'right'] as const).flatMap((s) => (c[s] ? [[s, c[s]] as const] : []));
  const values = bands.flatMap(([, b]) => b.mean.flatMap((m, i) => [m - (b.sd[i] ?? 0), m + (b.sd[i] ?? 0)]));
  // Never narrower than 10°, so a still joint's flat curve is not stretched into a wave.
  const axis = niceTicks(Math.min(...values), Math.max(...values), { minSpan: 10 });
  if (!axis) return null;
  const { lo, hi, values: ticks } = axis;
  const X = (pct: number) => PAD.l + (pct / 100) * (W - PAD.l - PAD.r);
  const Y = (v: number) => PAD.t + ((hi - v) / (hi - lo)) * (H - PAD.t - PAD.b);
  const pctAt = (i: number, n: number) => (i / (n - 1)) * 100;
  const line = (ys: readonly number[]) =>
    ys.map((v, i) => `${i ? 'L' : 'M'}${X(pctAt(i, ys.length)).toFixed(1)},${Y(v).toFixed(1)}`).join('');
  const band = (b: CurveBand) => {
    const up = b.mean.map((m, i) => m + (b.sd[i] ?? 0));
    const down = b.mean.map((m, i) => m - (b.sd[i] ?? 0));
    const back = down
      .map((v, i) => [X(pctAt(i, down.length)), Y(v)] as const)
      .reverse()
      .map(([x, y]) => `L${x.toFixed(1)},${y.toFixed(1)}`)
      .join('');
    return `${line(up)}${back}Z`;
  };
  return (
    <figure className="curve" data-testid="curve" data-key={c.key}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${c.label} over the gait cycle`}>
        {c.toeOffPct !== undefined && (
          <rect x={X(0)} y={PAD.t} width={X(c.toeOffPct) - X(0)} height={H - PAD.t - PAD.b} fill="#eef2f6" />
        )}
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={Y(v)} y2={Y(v)} stroke="#d5dbe2" strokeWidth={0.6} />
            <text x={PAD.l - 4} y={Y(v) + 3} fontSize={8} textAnchor="end" fill="#4a5566">
              {v}
            </text>
          </g>
        ))}
        {[0, 25, 50, 75, 100].map((p) => (
          <text key={p} x={X(p)} y={H - PAD.b + 11} fontSize={8} textAnchor="middle" fill="#4a5566">
            {p}%
          </text>
        ))}
        <text x={(PAD.l + W - PAD.r) / 2} y={H - 3} fontSize={8} textAnchor="middle" fill="#4a5566">
          gait cycle (from initial contact)
        </text>
        {c.toeOffPct !== undefined && (
          <text x={X(c.toeOffPct / 2)} y={PAD.t + 9} fontSize={7.5} textAnchor="middle" fill="#6b7686">
            stance
          </text>
        )}
        {bands.map(([s, b]) => (
          <path key={`${s}-band`} d={band(b)} fill={COLOUR[s]} opacity={0.16} />
        ))}
        {bands.map(([s, b]) => (
          <path key={`${s}-mean`} d={line(b.mean)} fill="none" stroke={COLOUR[s]} strokeWidth={1.6} />
        ))}
        <text x={PAD.l} y={11} fontSize={9.5} fontWeight={700} fill="#1c2430">
          {c.label} ({c.unit})
        </text>
        <text x={W - PAD.r} y={11} fontSize={7.5} textAnchor="end" fill="#4a5566">
          strides{' '}
          {bands.map(([s, b]) => (
            <tspan key={s} fill={COLOUR[s]} fontWeight={700}>
              {s === 'left' ? ' L' : ' R'} {b.n}
            </tspan>
          ))}
        </text>
      </svg>
    </figure>
  );
}
