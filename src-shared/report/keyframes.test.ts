import { describe, expect, it } from 'vitest';
import { generateRunner } from '../gait/synthetic';
import { chooseKeyFrames, cropAround, type EventLike } from './keyframes';

/** Truth events of the synthetic runner, placed on their nearest frame, as the engine reports them. */
function truthEvents(clip: ReturnType<typeof generateRunner>, confidence = (_i: number) => 0.9): EventLike[] {
  const fps = clip.series.source.fps;
  return clip.truth.events
    .map((e, i) => ({
      ...e,
      at: Math.round(e.t * fps),
      confidence: confidence(i),
      source: 'detected' as const,
    }))
    .filter((e) => e.at >= 0 && e.at < clip.series.frames.length);
}

describe('default key frames', () => {
  const clip = generateRunner({ view: 'side', fps: 60, durationS: 8, seed: 5 });

  it('takes IC, MS and TO of one stride per side, near the middle of the clip', () => {
    const chosen = chooseKeyFrames(truthEvents(clip), clip.series);
    for (const side of ['left', 'right'] as const) {
      const mine = chosen.filter((c) => c.side === side);
      expect(mine.map((c) => c.event)).toEqual(['IC', 'MS', 'TO']);
      const [ic, ms, to] = mine;
      // One stride: IC < MS < TO, all within one stride time.
      expect(ic!.t).toBeLessThan(ms!.t);
      expect(ms!.t).toBeLessThan(to!.t);
      expect(to!.t - ic!.t).toBeLessThan(clip.truth.strideS);
      // Near the middle: within one stride of the centre of the 8 s clip.
      expect(Math.abs(ic!.t - 4)).toBeLessThan(clip.truth.strideS);
    }
  });

  it('prefers confident contacts and skips frames without a pose', () => {
    const events = truthEvents(clip, (i) => (i % 3 === 0 ? 0.95 : 0.3));
    const chosen = chooseKeyFrames(events, clip.series);
    const ics = chosen.filter((c) => c.event === 'IC');
    for (const c of ics) {
      const e = events.find((x) => x.at === c.at && x.kind === 'initial-contact');
      expect(e!.confidence).toBe(0.95);
    }
    const noPose = generateRunner({ view: 'side', fps: 60, durationS: 4, seed: 5, noPoseRate: 1 });
    expect(chooseKeyFrames(truthEvents(noPose), noPose.series)).toEqual([]);
  });

  it('crops around the runner at the requested aspect, inside the picture', () => {
    const chosen = chooseKeyFrames(truthEvents(clip), clip.series);
    const crop = cropAround(
      clip.series,
      chosen.map((c) => c.at),
      0.6,
    );
    expect(crop.w / crop.h).toBeCloseTo(0.6, 2);
    expect(crop.x).toBeGreaterThanOrEqual(0);
    expect(crop.y).toBeGreaterThanOrEqual(0);
    expect(crop.x + crop.w).toBeLessThanOrEqual(clip.series.source.width + 0.1);
    expect(crop.y + crop.h).toBeLessThanOrEqual(clip.series.source.height + 0.1);
    // Every visible landmark of the chosen frames lies inside the crop.
    for (const c of chosen) {
      for (const p of clip.series.frames[c.at]!.image!) {
        expect(p[0]).toBeGreaterThanOrEqual(crop.x - 0.1);
        expect(p[0]).toBeLessThanOrEqual(crop.x + crop.w + 0.1);
        expect(p[1]).toBeGreaterThanOrEqual(crop.y - 0.1);
        expect(p[1]).toBeLessThanOrEqual(crop.y + crop.h + 0.1);
      }
    }
  });
});
