/**
 * The review's overlay shows the arms (issue 19 item 5): shoulder–elbow–wrist segments for both
 * arms and, in a side view, each elbow's flexion as an arc whose number is the report's elbow
 * flexion (180° − shoulder–elbow–wrist), on a synthetic runner with a designed carriage.
 */
import { describe, expect, it } from 'vitest';
import { generateRunner } from '../gait/synthetic';
import { buildScene, DEFAULT_TOGGLES } from './scene';

describe('arm overlay', () => {
  const clip = generateRunner({
    view: 'side',
    fps: 60,
    durationS: 2,
    seed: 1,
    leftArm: { elbowDeg: 80 },
    rightArm: { elbowDeg: 95 },
  });
  it('draws both elbows with the designed flexion, on every frame', () => {
    for (const frame of clip.series.frames.slice(0, 60)) {
      const scene = buildScene(frame, 'side', DEFAULT_TOGGLES);
      const arc = (id: string) => scene.find((p) => p.kind === 'arc' && p.id === id);
      const left = arc('left-elbow');
      const right = arc('right-elbow');
      expect(left?.kind === 'arc' && Math.abs(left.value - 80)).toBeLessThan(0.5);
      expect(right?.kind === 'arc' && Math.abs(right.value - 95)).toBeLessThan(0.5);
      expect(scene.filter((p) => p.kind === 'segment').length).toBeGreaterThanOrEqual(4);
    }
  });
  it('draws no elbow number for an arm the pose model does not see (the far arm behind the trunk)', () => {
    const frame = clip.series.frames[10]!;
    const hidden = {
      ...frame,
      image: frame.image!.map((p, i) => (i === 13 || i === 15 ? [p[0], p[1], p[2], 0.05, 0.05] : p)),
    } as typeof frame;
    const scene = buildScene(hidden, 'side', DEFAULT_TOGGLES);
    expect(scene.some((p) => p.kind === 'arc' && p.id === 'left-elbow')).toBe(false);
    expect(scene.some((p) => p.kind === 'arc' && p.id === 'right-elbow')).toBe(true);
    // Its segments are still drawn, dashed as unsure.
    expect(scene.some((p) => p.kind === 'segment' && p.lowConfidence && p.tint === 'left')).toBe(true);
  });
  it('shows no elbow arc in a rear view (the trunk line is the midline the wrists are read against)', () => {
    const rear = generateRunner({ view: 'rear', fps: 30, durationS: 1, seed: 1 });
    const scene = buildScene(rear.series.frames[5], 'rear', DEFAULT_TOGGLES);
    expect(scene.some((p) => p.kind === 'arc' && p.id.endsWith('elbow'))).toBe(false);
    expect(scene.some((p) => p.kind === 'reference' && p.id === 'trunk')).toBe(true);
  });
});
