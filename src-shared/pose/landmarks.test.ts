import { describe, expect, it } from 'vitest';
import { generateRunner } from '../gait/synthetic';
import { landmarkProblems, LandmarkSeriesSchema } from './landmarks';

/** Why a file is not a landmark series, said whole: on a generated runner with known faults. */
const problemsOf = (raw: unknown): string => {
  const parsed = LandmarkSeriesSchema.safeParse(raw);
  if (parsed.success) throw new Error('parsed');
  return landmarkProblems(parsed.error.issues);
};
/** A generated series, its fields open to be broken (a JSON file as another tool wrote it). */
const series = () =>
  structuredClone(generateRunner({ view: 'side', durationS: 2 }).series) as unknown as {
    source: Record<string, unknown>;
    frames: Record<string, unknown>[];
  };

describe('the problems of a file that is not a landmark series', () => {
  it('says each fault where it is, a frame by its number', () => {
    const s = series();
    s.source.width = 0;
    s.frames[3]!.t = 'late';
    s.frames[7]!.status = 'maybe';
    const said = problemsOf(s);
    expect(said.split('; ').map((p) => p.split(': ')[0])).toEqual([
      'source.width',
      'frame 3, t',
      'frame 7, status',
    ]);
  });

  it('says the first five and how many more, and names the file where the fault is the whole of it', () => {
    const s = series();
    for (let i = 0; i < 9; i++) s.frames[i]!.t = -1;
    const said = problemsOf(s).split('; ');
    expect(said).toHaveLength(6);
    expect(said[4]).toMatch(/^frame 4, t: /);
    expect(said[5]).toBe('and 4 more');
    expect(problemsOf(42)).toMatch(/^the file: /);
  });
});
