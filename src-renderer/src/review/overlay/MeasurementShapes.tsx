/**
 * The PT's measurements on the frame they were made on: the points and lines of each tool with its
 * value (src-shared/review/measure.ts computes it), plus the tool being drawn.
 */
import { Circle, Group, Line, Text } from 'react-konva';
import { measure, type Measurement } from '../../../../src-shared/review/measure';

const COLOUR = '#ffd33d';

export interface MeasurementShapesProps {
  readonly measurements: readonly Pick<Measurement, 'id' | 'tool' | 'points' | 'text' | 'lengthCm'>[];
  readonly scale: number;
  readonly cmPerPx?: number;
}

export function MeasurementShapes({ measurements, scale, cmPerPx }: MeasurementShapesProps) {
  const u = 1 / scale;
  return (
    <>
      {measurements.map((m) => {
        const flat = m.points.flatMap((p) => [p[0], p[1]]);
        const value = measure(m, cmPerPx);
        const anchor = m.tool === 'angle' ? m.points[1] : m.points[m.points.length - 1];
        return (
          <Group key={m.id}>
            {m.tool !== 'note' && (
              <Line
                points={flat}
                stroke={COLOUR}
                strokeWidth={2 * u}
                lineCap="round"
                lineJoin="round"
                listening={false}
              />
            )}
            {(m.tool === 'line-vertical' || m.tool === 'line-horizontal') && m.points[0] && (
              <Line
                points={
                  m.tool === 'line-vertical'
                    ? [m.points[0][0], m.points[0][1] - 80 * u, m.points[0][0], m.points[0][1] + 80 * u]
                    : [m.points[0][0] - 80 * u, m.points[0][1], m.points[0][0] + 80 * u, m.points[0][1]]
                }
                stroke="rgba(255,255,255,0.6)"
                dash={[4 * u, 4 * u]}
                strokeWidth={1 * u}
                listening={false}
              />
            )}
            {m.points.map((p, i) => (
              <Circle key={i} x={p[0]} y={p[1]} radius={3.5 * u} fill={COLOUR} listening={false} />
            ))}
            {anchor && (
              <Text
                x={anchor[0] + 8 * u}
                y={anchor[1] - 18 * u}
                text={value.label}
                fontSize={13 * u}
                fontStyle="bold"
                fill={COLOUR}
                stroke="rgba(0,0,0,0.7)"
                strokeWidth={3 * u}
                fillAfterStrokeEnabled
                listening={false}
              />
            )}
          </Group>
        );
      })}
    </>
  );
}
