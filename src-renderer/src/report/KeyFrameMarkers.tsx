/**
 * Skin markers on a report key frame (issue 15 item 4): each marker a ringed dot tinted by side (as
 * the skeleton), the segments the marker variables measure between them, uncertain points hollow and
 * dashed (the review's LOW_CONFIDENCE), points placed by hand ringed white, each named where there
 * is room (keyframe-marker-names.ts: "ASIS", "mall."). SVG in the picture's
 * coordinates, inside KeyFrameFigure's drawing.
 */
import type { KeyFrame, ReportMarker } from '../../../src-shared/report/model';
import { markerNameFontPx, markerNameOutlinePx } from '../../../src-shared/report/keyframe-marker-names';
import { markerDotOutline, markerDotRadius } from '../../../src-shared/report/keyframe-labels';
import { MARKER_SEGMENTS } from '../../../src-shared/review/marker-report';
import { LOW_CONFIDENCE } from '../../../src-shared/review/overlay-tables';

const COLOUR = { left: '#2f7dd1', right: '#e8772e' } as const;
const sideOf = (name: string): 'left' | 'right' => (name.startsWith('left') ? 'left' : 'right');

export function KeyFrameMarkers(props: {
  markers: readonly ReportMarker[];
  names: KeyFrame['markerNames'];
  crop: KeyFrame['crop'];
  stroke: number;
}) {
  const { markers, names, crop, stroke } = props;
  const at = new Map(markers.map((m) => [m.name, m]));
  return (
    <g data-testid="keyframe-markers">
      {MARKER_SEGMENTS.flatMap(([a, b]) =>
        (['left', 'right'] as const).map((side) => {
          const p = at.get(`${side}${a}`);
          const q = at.get(`${side}${b}`);
          if (!p || !q) return null;
          const weak = p.confidence < LOW_CONFIDENCE || q.confidence < LOW_CONFIDENCE;
          return (
            <line
              key={`${side}${a}`}
              x1={p.x}
              y1={p.y}
              x2={q.x}
              y2={q.y}
              stroke={weak ? '#d4a72c' : COLOUR[side]}
              strokeWidth={stroke * 0.9}
              strokeDasharray={weak ? `${stroke * 2} ${stroke * 1.5}` : undefined}
            />
          );
        }),
      )}
      {markers.map((m) => {
        const weak = m.confidence < LOW_CONFIDENCE;
        return (
          <circle
            key={m.name}
            data-marker={m.name}
            cx={m.x}
            cy={m.y}
            r={markerDotRadius(stroke)}
            fill={weak ? 'none' : COLOUR[sideOf(m.name)]}
            stroke={m.byHand ? '#ffffff' : weak ? '#d4a72c' : '#111'}
            strokeWidth={markerDotOutline(stroke, m.byHand)}
            strokeDasharray={weak ? `${stroke} ${stroke * 0.7}` : undefined}
          />
        );
      })}
      {names?.map((n) => (
        <text
          key={`name-${n.name}`}
          data-marker-name={n.name}
          x={n.x}
          y={n.y}
          fontSize={markerNameFontPx(crop)}
          fontWeight={700}
          fill={COLOUR[sideOf(n.name)]}
          stroke="#111"
          strokeWidth={markerNameOutlinePx(crop)}
          paintOrder="stroke"
        >
          {n.text}
        </text>
      ))}
    </g>
  );
}
