import { describe, expect, it } from 'vitest';
import { createPoseTimeLeft } from './time-left';
import { createRunHold } from './engine-session';

/**
 * The process's one time left, fed as run.ts feeds it: batches of 24 frames at known times on a
 * clock the test moves. The maths is src-shared/analysis/time-left.test.ts's; here, that every
 * caller's run lands in one estimate and reads back the same number.
 */
function clock(): { now: () => number; set: (t: number) => void } {
  let t = 0;
  return { now: () => t, set: (s) => (t = s) };
}

describe('poseTimeLeft', () => {
  it('one run at 12 frames/s: estimating, then the true time left, falling between batches', () => {
    const c = clock();
    const est = createPoseTimeLeft(2, c.now);
    const run = est.follow('clip', 'full');
    expect(run.report({ framesDone: 0, totalFrames: 600, restarted: true }).secondsLeft).toBeNull();
    let last = run.report({ framesDone: 0, totalFrames: 600 });
    // A batch of 24 every 2 s: 12 frames/s. The first is start-up (not timed).
    for (let k = 1; k <= 10; k++) {
      c.set(2 * k);
      last = run.report({ framesDone: 24 * k, totalFrames: 600 });
    }
    expect(last.fps).toBeCloseTo(12, 6);
    // 360 frames left at 12 frames/s.
    expect(last.secondsLeft).toBeCloseTo(30, 1);
    // Read 1 s after the landing (the queue's status does): the frames in hand count, it is 29.
    c.set(21);
    expect(est.secondsLeft('clip', 'full')).toBeCloseTo(29, 1);
    run.end();
    expect(est.secondsLeft('clip', 'full')).toBeNull();
    // The rate stays for the next clip of the model.
    expect(est.rate('full')).toBeCloseTo(12, 6);
    expect(est.rate('lite')).toBeNull();
  });

  it('two runs on one core share it; a run held for a capture is left out of the rate', () => {
    const c = clock();
    const est = createPoseTimeLeft(1, c.now);
    const a = est.follow('a', 'full');
    const hold = createRunHold();
    const b = est.follow('b', 'full', hold);
    a.report({ framesDone: 0, totalFrames: 600, restarted: true });
    b.report({ framesDone: 0, totalFrames: 600, restarted: true });
    // Each gets half of a core going 12 frames/s: a batch of 24 every 4 s each, out of phase.
    for (let k = 1; k <= 8; k++) {
      c.set(4 * k);
      a.report({ framesDone: 24 * k, totalFrames: 600 });
      c.set(4 * k + 2);
      b.report({ framesDone: 24 * k, totalFrames: 600 });
    }
    expect(est.rate('full')).toBeCloseTo(12, 6);
    expect(a.report({ framesDone: 192, totalFrames: 600 }).fps).toBeCloseTo(6, 6);
    // b held at 34 s: a alone on the core from then on (its batch under way lands at 35 s: 12
    // frames at half a core, 12 at a whole one), then 24 frames every 2 s; the rate stays 12.
    c.set(34);
    hold.set(true);
    let told = a.report({ framesDone: 192, totalFrames: 600 });
    for (let k = 1; k <= 5; k++) {
      c.set(33 + 2 * k);
      told = a.report({ framesDone: 192 + 24 * k, totalFrames: 600 });
    }
    expect(est.rate('full')).toBeCloseTo(12, 6);
    // What pose:progress and the CLI were told is what the queue's status reads at that moment.
    expect(told.secondsLeft).not.toBeNull();
    expect(est.secondsLeft('a', 'full')).toBeCloseTo(told.secondsLeft!, 6);
  });
});
