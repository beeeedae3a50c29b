import { describe, expect, it } from 'vitest';
import { generateRunner } from '../gait/synthetic';
import { analyseClip, WHOLE_CLIP } from './analyse';
import { importNotice, MIN_ANALYSED_S, tooShortToAnalyse } from './clip-length';

describe('how long a clip must last', () => {
  it('is 2 s: under it the words give the length and what to film', () => {
    expect(MIN_ANALYSED_S).toBe(2);
    expect(tooShortToAnalyse(2, false)).toBeNull();
    expect(tooShortToAnalyse(12, true)).toBeNull();
    expect(tooShortToAnalyse(1.6, false)).toBe(
      'The clip lasts 1.6 s: too short to measure steps and how much they vary (at least 2 s, two steps a side, are needed). Film 10 to 15 s of steady running.',
    );
    expect(tooShortToAnalyse(1.94, true)).toMatch(
      /^The clip as trimmed lasts 1\.9 s: .* Trim less of it, or film 10/,
    );
  });

  it('the import tells the PT what the analysis will say, for the same clip', () => {
    expect(importNotice(12)).toBeNull();
    expect(importNotice(2)).toBeNull();
    // A 1.5 s synthetic runner at 30 fps: the analysis' reason is the import's, word for word.
    const { series } = generateRunner({ view: 'side', fps: 30, durationS: 1.5, seed: 1 });
    const n = series.frames.length;
    const durationS = series.frames[n - 1]!.t - series.frames[0]!.t + 1 / 30;
    const refused = analyseClip(series, [], { view: 'side', trim: WHOLE_CLIP });
    expect(refused.error).toBeDefined();
    expect(importNotice(durationS)).toBe(`Imported, but it will give no numbers. ${refused.error}`);
  });
});
