import { describe, expect, it } from 'vitest';
import { analyzeGait, type GaitAnalysis } from '../gait';
import { generateRunner } from '../gait/synthetic';
import { keyFramesOf } from './keyframe-model';

/**
 * A contact the PT marked as a key frame near the clip's start (the sample clip's walk: a left
 * contact at 0.60 s) is pictured beside its own stance's midstance and toe-off, never beside those
 * of the automatic choice's stride in the middle of the clip.
 */
describe('key frames with a marked contact', () => {
  // 12 s at 30 fps, as the sample clip; its first left contact falls at 0.60 s.
  const clip = generateRunner({ view: 'side', fps: 30, durationS: 12, seed: 11 });
  const analysis = analyzeGait({ series: clip.series, view: 'side' });
  const left = (kind: string) => analysis.events.filter((e) => e.kind === kind && e.side === 'left');
  const ic = left('initial-contact')[0]!;
  const nextIc = left('initial-contact')[1]!;
  const ownTo = left('toe-off').find((e) => e.t > ic.t && e.t < nextIc.t)!;
  const marks = [{ frame: ic.frame, t: ic.t, event: 'IC' as const, side: 'left' as const }];
  const framesOf = (a: GaitAnalysis) =>
    keyFramesOf('c', {
      view: 'side',
      file: 'clip.mp4',
      model: 'm',
      analysis: a,
      series: clip.series,
      marks,
    }).frames.filter((f) => f.side === 'left');

  it('pairs the marked contact with the toe-off and midstance of its own stance', () => {
    expect(ic.t).toBeLessThan(1);
    const [fIc, ms, to, ...rest] = framesOf(analysis);
    expect([fIc?.event, ms?.event, to?.event, rest.length]).toEqual(['IC', 'MS', 'TO', 0]);
    expect(fIc!.frame).toBe(ic.frame);
    expect(to!.frame).toBe(ownTo.frame);
    expect(ms!.t).toBeGreaterThan(ic.t);
    expect(ms!.t).toBeLessThan(ownTo.t);
  });

  it('shows no toe-off where its stance has none, rather than another stride’s', () => {
    const frames = framesOf({ ...analysis, events: analysis.events.filter((e) => e !== ownTo) });
    expect(frames.map((f) => f.event)).toEqual(['IC', 'MS']);
    for (const f of frames) expect(f.t).toBeLessThan(nextIc.t);
  });

  it('pictures a marked toe-off alone with its own stance’s contact and midstance', () => {
    const only = [{ frame: ownTo.frame, t: ownTo.t, event: 'TO' as const, side: 'left' as const }];
    const frames = keyFramesOf('c', {
      view: 'side',
      file: 'clip.mp4',
      model: 'm',
      analysis,
      series: clip.series,
      marks: only,
    }).frames.filter((f) => f.side === 'left');
    expect(frames.map((f) => [f.event, f.chosenBy])).toEqual([
      ['IC', 'auto'],
      ['MS', 'auto'],
      ['TO', 'pt'],
    ]);
    expect(frames[0]!.frame).toBe(ic.frame);
    expect(frames[1]!.t).toBeGreaterThan(ic.t);
    expect(frames[1]!.t).toBeLessThan(ownTo.t);
  });

  it('keeps the automatic stride, whole, for the foot with no marked contact', () => {
    const right = keyFramesOf('c', {
      view: 'side',
      file: 'clip.mp4',
      model: 'm',
      analysis,
      series: clip.series,
      marks,
    }).frames.filter((f) => f.side === 'right');
    expect(right.map((f) => f.event)).toEqual(['IC', 'MS', 'TO']);
    expect(right[2]!.t - right[0]!.t).toBeLessThan(clip.truth.strideS);
  });
});
