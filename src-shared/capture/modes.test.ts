import { describe, expect, it } from 'vitest';
import { bestMode, describeMode, frameRateWarning, ratesFor, sizesFor } from './modes';

describe('capture modes from camera capabilities', () => {
  it('picks the highest frame rate, then the largest standard size inside the ranges', () => {
    const caps = {
      width: { min: 1, max: 1920 },
      height: { min: 1, max: 1080 },
      frameRate: { min: 0, max: 60 },
    };
    expect(bestMode(caps)).toEqual({ width: 1920, height: 1080, fps: 60 });
    expect(sizesFor(caps).map((s) => `${s.width}x${s.height}`)).toEqual([
      '1920x1080',
      '1280x720',
      '960x540',
      '800x600',
      '640x480',
      '640x360',
      '320x240',
    ]);
    expect(ratesFor(caps)).toEqual([60, 50, 30, 25, 24, 20, 15]);
  });

  it('stops at 1920×1080 by default: a 4K camera is asked for 1080p at its top rate', () => {
    const caps = { width: { max: 3840 }, height: { max: 2160 }, frameRate: { max: 60 } };
    expect(bestMode(caps)).toEqual({ width: 1920, height: 1080, fps: 60 });
    expect(sizesFor(caps)[0]).toEqual({ width: 3840, height: 2160 });
  });

  it("puts a camera's non-standard maximum first", () => {
    const caps = { width: { max: 1088 }, height: { max: 1920 }, frameRate: { max: 59.94 } };
    expect(bestMode(caps)).toEqual({ width: 1088, height: 1920, fps: 59.94 });
    expect(describeMode(bestMode(caps))).toBe('1088×1920 at 59.94 fps');
  });

  it('respects minimums and falls back when the driver reports nothing', () => {
    expect(sizesFor({ width: { min: 1280, max: 1920 }, height: { min: 720, max: 1080 } })).toHaveLength(2);
    expect(ratesFor({ frameRate: { min: 30, max: 30 } })).toEqual([30]);
    expect(bestMode({})).toEqual({ width: 1280, height: 720, fps: 60 });
  });

  it('warns below 60 fps in plain words, not at 60 or 59.94', () => {
    expect(frameRateWarning(60)).toBeUndefined();
    expect(frameRateWarning(59.94)).toBeUndefined();
    expect(frameRateWarning(120)).toBeUndefined();
    expect(frameRateWarning(30)).toMatch(/^30 fps is below the 60 fps needed/);
    expect(frameRateWarning(29.97)).toMatch(/^29\.97 fps/);
    expect(frameRateWarning(0)).toMatch(/does not say its frame rate/);
  });
});
