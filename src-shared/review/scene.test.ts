import { describe, expect, it } from 'vitest';
import { Landmark, type LandmarkFrame } from '../pose/landmarks';
import { actionFor } from './keymap';
import { buildScene, DEFAULT_TOGGLES } from './scene';

/** A standing runner seen from the side: landmarks on known positions, all visible but the left wrist. */
function frame(): LandmarkFrame {
  const image = Array.from(
    { length: 33 },
    () => [0, 0, 0, 0.9, 0.9] as [number, number, number, number, number],
  );
  for (const side of ['left', 'right'] as const) {
    // The right side 20 px to the right of the left (the two hips must not coincide).
    const put = (name: keyof typeof Landmark, x: number, y: number, vis = 0.95) =>
      (image[Landmark[name]] = [x + (side === 'right' ? 20 : 0), y, 0, vis, 0.99]);
    put(`${side}Shoulder`, 100, 100);
    put(`${side}Elbow`, 100, 160);
    put(`${side}Wrist`, 100, 210, side === 'left' ? 0.2 : 0.9);
    put(`${side}Hip`, 100, 250);
    put(`${side}Knee`, 100, 350);
    put(`${side}Ankle`, 100, 450);
    put(`${side}Heel`, 90, 460);
    put(`${side}FootIndex`, 130, 460);
  }
  return { index: 0, t: 0, status: 'pose', image };
}

describe('overlay scene', () => {
  it('draws skeleton, arcs with clinical values, reference lines, and marks low confidence', () => {
    const scene = buildScene(frame(), 'side', DEFAULT_TOGGLES);
    const knee = scene.find((p) => p.kind === 'arc' && p.id === 'left-knee');
    expect(knee && knee.kind === 'arc' && knee.label).toBe('0°');
    const trunk = scene.find((p) => p.kind === 'reference' && p.id === 'trunk');
    expect(trunk && trunk.kind === 'reference' && Math.abs(trunk.value)).toBeCloseTo(0, 9);
    const wrist = scene.find((p) => p.kind === 'point' && p.landmark === 'leftWrist');
    expect(wrist && wrist.kind === 'point' && wrist.lowConfidence).toBe(true);
    expect(scene.some((p) => p.kind === 'segment' && p.lowConfidence)).toBe(true);
    expect(scene.some((p) => p.kind === 'reference' && p.id === 'pelvis')).toBe(false);
  });
  it('shows the gait engine’s value of an angle when given, the drawn geometry otherwise', () => {
    const scene = buildScene(frame(), 'side', DEFAULT_TOGGLES, (id, side) =>
      id === 'knee-flexion' && side === 'left'
        ? 12.4
        : id === 'trunk-lean' && side === 'body'
          ? 7
          : undefined,
    );
    const label = (id: string) =>
      scene.find((p) => (p.kind === 'arc' || p.kind === 'reference') && p.id === id);
    expect(label('left-knee')).toMatchObject({ label: '12°' });
    expect(label('right-knee')).toMatchObject({ label: '0°' });
    expect(label('trunk')).toMatchObject({ label: 'trunk 7°' });
  });
  it('each toggle removes its part; the master switch removes all; no pose draws nothing', () => {
    const f = frame();
    expect(buildScene(f, 'side', { ...DEFAULT_TOGGLES, all: false })).toEqual([]);
    expect(buildScene(f, 'side', { ...DEFAULT_TOGGLES, angles: false }).some((p) => p.kind === 'arc')).toBe(
      false,
    );
    expect(
      buildScene(f, 'side', { ...DEFAULT_TOGGLES, tibia: false }).filter((p) => p.kind === 'reference'),
    ).toHaveLength(1);
    expect(
      buildScene(f, 'rear', DEFAULT_TOGGLES).some((p) => p.kind === 'reference' && p.id === 'pelvis'),
    ).toBe(true);
    expect(buildScene({ index: 0, t: 0, status: 'no-pose' }, 'side', DEFAULT_TOGGLES)).toEqual([]);
  });
});

describe('keyboard map', () => {
  const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean }> = {}) =>
    actionFor({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });
  it('follows the conventions of video-analysis tools', () => {
    expect(key('ArrowRight')).toEqual({ type: 'step', delta: 1 });
    expect(key('ArrowLeft', { shiftKey: true })).toEqual({ type: 'step', delta: -10 });
    expect(key(' ')).toEqual({ type: 'play-pause' });
    expect(key(']')).toEqual({ type: 'event', dir: 1 });
    expect(key('+', { shiftKey: true })).toEqual({ type: 'rate', dir: 1 });
    expect(key('-')).toEqual({ type: 'rate', dir: -1 });
    expect(key('l')).toEqual({ type: 'loop', kind: 'stride' });
    expect(key('L', { shiftKey: true })).toEqual({ type: 'loop', kind: 'step' });
    expect(key('o')).toEqual({ type: 'overlays' });
    expect(key('z', { ctrlKey: true })).toEqual({ type: 'undo' });
    expect(key('Z', { ctrlKey: true, shiftKey: true })).toEqual({ type: 'redo' });
    expect(key('z')).toEqual({ type: 'zoom', dir: 1 });
    expect(key('q')).toBeUndefined();
  });
});
