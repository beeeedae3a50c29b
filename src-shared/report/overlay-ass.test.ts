import { describe, expect, it } from 'vitest';
import { generateRunner } from '../gait/synthetic';
import { assTime, overlayAss, segmentShape } from './overlay-ass';

describe('annotated video overlay (ASS)', () => {
  it('formats ASS times in centiseconds', () => {
    expect(assTime(0)).toBe('0:00:00.00');
    expect(assTime(6123)).toBe('0:01:01.23');
    expect(assTime(360000 + 5)).toBe('1:00:00.05');
  });

  it('draws a segment as a quad of the given width around the line', () => {
    const shape = segmentShape(0, 0, 10, 0, 4);
    expect(shape).toBe('m 0 2 l 10 2 10 -2 0 -2');
    expect(segmentShape(5, 5, 5, 5, 4)).toBe('');
  });

  it('covers every posed frame once, back to back, scaled to the output size', () => {
    const clip = generateRunner({ view: 'side', fps: 50, durationS: 2, seed: 3, noPoseRate: 0.1 });
    const ass = overlayAss(clip.series, { view: 'side', width: 640, height: 360 });
    expect(ass).toContain('PlayResX: 640');
    const posed = clip.series.frames.filter((f) => f.status === 'pose').length;
    const bones = ass.split('\n').filter((l) => l.startsWith('Dialogue: 0,') && l.includes(',left,'));
    expect(bones.length).toBe(posed);
    // At 50 fps each frame lasts exactly 2 cs, and the first posed frame starts at its own time.
    const first = clip.series.frames.find((f) => f.status === 'pose')!;
    expect(bones[0]).toContain(
      `${assTime(Math.round(first.t * 100))},${assTime(Math.round(first.t * 100) + 2)}`,
    );
    // All drawn coordinates are inside the output picture (the runner is inside the synthetic frame).
    const coords = bones.flatMap((l) => (l.split('\\p1}')[1] ?? '').match(/-?\d+(\.\d+)?/g)!.map(Number));
    expect(Math.max(...coords)).toBeLessThanOrEqual(640);
    expect(Math.min(...coords)).toBeGreaterThanOrEqual(-5);
    // Knee angles are written per side, in degrees.
    expect(ass).toMatch(/L knee \d+°/);
    expect(ass).toMatch(/R knee \d+°/);
  });

  it('skips frames shorter than a centisecond at high frame rates', () => {
    const clip = generateRunner({ view: 'side', fps: 240, durationS: 1, seed: 1 });
    const ass = overlayAss(clip.series, { view: 'side', width: 1280, height: 720 });
    const bones = ass.split('\n').filter((l) => l.startsWith('Dialogue: 0,') && l.includes(',left,'));
    expect(bones.length).toBeGreaterThan(90);
    expect(bones.length).toBeLessThanOrEqual(101);
  });
});
