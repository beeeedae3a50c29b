import type { KeyFrame } from '../../../src-shared/report/model';
import { Landmark, type LandmarkName } from '../../../src-shared/pose/landmarks';
import { LOW_CONFIDENCE, SKELETON_SEGMENTS } from '../../../src-shared/review/overlay-tables';
import {
  KEYFRAME_POINTS,
  keyFrameFontPx,
  keyFrameOutlinePx,
  keyFrameStrokePx,
  LANDMARK_DOT,
} from '../../../src-shared/report/keyframe-labels';
import { KeyFrameMarkers } from './KeyFrameMarkers';

/**
 * One key frame: the clip's picture cropped to the runner, with the skeleton drawn over it in SVG
 * (one coordinate system for the picture and the drawing, so the crop can never misalign them).
 * Left limbs blue, right limbs orange, as in the review overlays; uncertain points are hollow.
 */
const EVENT_NAME = { IC: 'initial contact', MS: 'midstance', TO: 'toe-off' } as const;

function sideOf(name: LandmarkName): 'left' | 'right' | 'mid' {
  if (name.startsWith('left')) return 'left';
  if (name.startsWith('right')) return 'right';
  return 'mid';
}

const COLOUR = { left: '#2f7dd1', right: '#e8772e', mid: '#f4f4f4' } as const;

export function KeyFrameFigure(props: { frame: KeyFrame; image: string | undefined }) {
  const { frame: k, image } = props;
  const { x, y, w, h } = k.crop;
  const stroke = keyFrameStrokePx(k.crop);
  const pt = (name: LandmarkName) => k.landmarks?.[Landmark[name]];
  return (
    <figure
      className="keyframe"
      data-testid="keyframe"
      data-event={k.event}
      data-side={k.side}
      data-view={k.view}
    >
      <svg
        viewBox={`${x} ${y} ${w} ${h}`}
        role="img"
        aria-label={`${k.view} view, ${k.side}, ${EVENT_NAME[k.event]}`}
      >
        {image ? (
          <image href={image} x={0} y={0} width={k.width} height={k.height} preserveAspectRatio="none" />
        ) : (
          <rect x={x} y={y} width={w} height={h} fill="#ddd" />
        )}
        {k.landmarks &&
          SKELETON_SEGMENTS.map(([a, b]) => {
            const p = pt(a);
            const q = pt(b);
            if (!p || !q) return null;
            const side = sideOf(a) === sideOf(b) ? sideOf(a) : 'mid';
            const weak = p[2] < LOW_CONFIDENCE || q[2] < LOW_CONFIDENCE;
            return (
              <line
                key={`${a}-${b}`}
                x1={p[0]}
                y1={p[1]}
                x2={q[0]}
                y2={q[1]}
                stroke={COLOUR[side]}
                strokeWidth={stroke}
                strokeLinecap="round"
                strokeDasharray={weak ? `${stroke * 2} ${stroke * 1.5}` : undefined}
                opacity={0.95}
              />
            );
          })}
        {k.landmarks &&
          KEYFRAME_POINTS.map((n) => {
            const p = pt(n);
            if (!p) return null;
            const weak = p[2] < LOW_CONFIDENCE;
            return (
              <circle
                key={n}
                cx={p[0]}
                cy={p[1]}
                r={stroke * LANDMARK_DOT.r}
                fill={weak ? 'none' : COLOUR[sideOf(n)]}
                stroke={weak ? COLOUR[sideOf(n)] : '#111'}
                strokeWidth={stroke * LANDMARK_DOT.outline}
              />
            );
          })}
        {k.markers && (
          <KeyFrameMarkers markers={k.markers} names={k.markerNames} crop={k.crop} stroke={stroke} />
        )}
        {k.labels.map((l, i) => (
          <text
            key={i}
            x={l.x}
            y={l.y}
            fontSize={keyFrameFontPx(k.crop)}
            fontWeight={700}
            fill="#fff"
            stroke="#000"
            strokeWidth={keyFrameOutlinePx(k.crop)}
            paintOrder="stroke"
          >
            {l.text}
          </text>
        ))}
      </svg>
      <figcaption>
        <strong>
          {k.side === 'left' ? 'L' : 'R'} {k.event}
        </strong>{' '}
        <span className="muted">
          {k.view} · {k.t.toFixed(2)} s{k.chosenBy === 'pt' ? ' · marked by PT' : ''}
        </span>
      </figcaption>
    </figure>
  );
}
