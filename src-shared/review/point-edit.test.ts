import { describe, expect, it } from 'vitest';
import { Landmark, LANDMARK_COUNT, type LandmarkFrame } from '../pose/landmarks';
import { actionFor } from './keymap';
import { EDITABLE_LANDMARKS } from './overlay-tables';
import { choosePoint, draftOn, nudgePoint, pointWords, revertPoint } from './point-edit';

/** A frame whose landmark i sits at (10 + i, 100 + 2i): every point distinct and known. */
const frame = (index: number): LandmarkFrame => ({
  index,
  t: index / 60,
  status: 'pose',
  image: Array.from({ length: LANDMARK_COUNT }, (_, i) => [10 + i, 100 + 2 * i, 0, 0.9, 0.9]),
});
const SIZE = { width: 640, height: 360 };

describe('keyboard hand correction', () => {
  it('walks through the editable points both ways, wrapping at the ends', () => {
    const f = frame(7);
    const first = choosePoint(f, 'rec', null, 1)!;
    expect(first).toMatchObject({
      recordingId: 'rec',
      frame: 7,
      landmark: EDITABLE_LANDMARKS[0],
      moved: false,
    });
    expect(first.at).toEqual({ x: 10 + Landmark.nose, y: 100 + 2 * Landmark.nose });
    expect(choosePoint(f, 'rec', null, -1)!.landmark).toBe(EDITABLE_LANDMARKS.at(-1));
    let d = first;
    const seen = [d.landmark];
    for (let i = 1; i < EDITABLE_LANDMARKS.length; i++)
      seen.push((d = choosePoint(f, 'rec', d, 1)!).landmark);
    expect(seen).toEqual(EDITABLE_LANDMARKS);
    expect(choosePoint(f, 'rec', d, 1)!.landmark).toBe(EDITABLE_LANDMARKS[0]);
    expect(choosePoint(f, 'rec', first, -1)!.landmark).toBe(EDITABLE_LANDMARKS.at(-1));
  });

  it('has nothing to choose on a frame without a pose', () => {
    expect(choosePoint({ index: 3, t: 0.05, status: 'no-pose' }, 'rec', null, 1)).toBeNull();
    expect(choosePoint(undefined, 'rec', null, 1)).toBeNull();
  });

  it('moves the point by whole video pixels, never out of the picture, and puts it back on Escape', () => {
    const f = frame(0);
    let d = choosePoint(f, 'rec', null, 1)!;
    while (d.landmark !== 'leftKnee') d = choosePoint(f, 'rec', d, 1)!;
    const start = d.at;
    d = nudgePoint(nudgePoint(d, 10, 0, SIZE), 1, -3, SIZE);
    expect(d).toMatchObject({ moved: true, at: { x: start.x + 11, y: start.y - 3 } });
    expect(nudgePoint(d, -1e4, 1e4, SIZE).at).toEqual({ x: 0, y: SIZE.height });
    expect(revertPoint(d, f)).toMatchObject({ landmark: 'leftKnee', at: start, moved: false });
    expect(pointWords('leftFootIndex')).toBe('left foot index');
  });

  it('belongs to its clip and frame only', () => {
    const d = choosePoint(frame(5), 'rec', null, 1);
    expect(draftOn(d, 'rec', 5)).toBe(d);
    expect(draftOn(d, 'rec', 6)).toBeNull();
    expect(draftOn(d, 'other', 5)).toBeNull();
  });

  it('is bound to keys that do not collide with stepping frames', () => {
    const press = (
      key: string,
      mods: Partial<{ shiftKey: boolean; altKey: boolean; ctrlKey: boolean }> = {},
    ) => actionFor({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });
    expect(press('.')).toEqual({ type: 'select-point', dir: 1 });
    expect(press(',')).toEqual({ type: 'select-point', dir: -1 });
    expect(press('ArrowLeft', { altKey: true })).toEqual({ type: 'nudge-point', dx: -1, dy: 0 });
    expect(press('ArrowDown', { altKey: true, shiftKey: true })).toEqual({
      type: 'nudge-point',
      dx: 0,
      dy: 10,
    });
    expect(press('ArrowRight')).toEqual({ type: 'step', delta: 1 });
    expect(press('ArrowRight', { shiftKey: true })).toEqual({ type: 'step', delta: 10 });
    expect(press('Enter')).toEqual({ type: 'save-point' });
    expect(press('Escape')).toEqual({ type: 'cancel' });
    expect(press('p', { ctrlKey: true })).toEqual({ type: 'report' });
    expect(press('p')).toBeUndefined();
    expect(press('z', { altKey: true })).toBeUndefined();
  });
});
