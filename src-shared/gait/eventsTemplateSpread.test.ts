/**
 * The bootstrap spread of a template's event (eventsTemplateSpread.ts) on generated strides with
 * known answers: a clean landing gives a spread near 0, a landing whose shape half the strides
 * contradict (a two-frame rebound after impact in 6 of 12, which the landing rule reads as the
 * descent where the median template shows it) a spread of frames, and the fast replicate template
 * is the template's own median (alignOnTemplate's `templateOf`) of the same strides.
 */
import { describe, expect, it } from 'vitest';
import { alignOnTemplate, landing, type TemplateFit } from './eventsTemplate';
import {
  bootstrapTemplates,
  templateSpread,
  timingSpreadFlag,
  withTemplateSpread,
  type TemplateFits,
} from './eventsTemplateSpread';
import type { Step } from './steps';
import type { GaitEvent } from './types';
import { createPrng } from './synthetic/prng';

const FPS = 30;
const LO = -4;
const HI = 12;
const AT0 = -LO;
const FRAMES = 400;
const STRIDE = 24;

/**
 * K strides of heel, toe and ankle heights above the belt (px), each landing at 20 + 24k plus a
 * sub-frame phase: a descent of 10 px a frame, a plateau, a lift at 15 px a frame 9 frames later;
 * 1 px of noise. `rebound` strides rise `reboundPx` for frames 1 and 2 after the landing (two
 * frames at 30 fps: longer than the 40 ms the landing rule skips). Missing frames as NaN where asked.
 */
function strides(K: number, seed: number, rebound: (k: number) => boolean, reboundPx = 12, gaps = false) {
  const rng = createPrng(seed);
  const truth: number[] = [];
  const channels = Array.from({ length: K }, (_, k) => {
    const a = 20 + STRIDE * k + rng.next();
    truth.push(a);
    const heel = Float64Array.from({ length: FRAMES }, (_, i) => {
      const t = i - a;
      const h = t < 0 ? Math.min(40, -10 * t) : t > 9 ? Math.min(60, 15 * (t - 9)) : 0;
      const r = rebound(k) && t >= 1 && t < 3 ? reboundPx : 0;
      return h + r + rng.gaussian();
    });
    if (gaps && k % 3 === 0) heel[Math.round(a) + 4] = NaN;
    return [heel, Float64Array.from(heel, (v) => v + 3), Float64Array.from(heel, (v) => v + 20)];
  });
  const rng2 = createPrng(seed + 1);
  // Coarse anchors within a frame of the truth, as the threshold crossings give them.
  const fit = alignOnTemplate(
    channels,
    truth.map((a) => a + (rng2.next() - 0.5) * 2),
    LO,
    HI,
    3,
    [1, 1, 1],
  );
  return { fit, truth };
}

/** The contact on a template as eventsTemplate.ts reads it: the landing of the lower of heel and
 *  toe, back from its lowest point in early stance, guard 4 px, band 2 px. */
function readContact(T: readonly Float64Array[]): number | null {
  const [heel, toe] = T as [Float64Array, Float64Array];
  const lowest = Float64Array.from(heel, (v, o) => Math.min(v, toe[o] as number));
  let start = AT0;
  for (let o = AT0; o <= AT0 + 6; o++) if ((lowest[o] as number) < (lowest[start] as number)) start = o;
  return landing(lowest, start, 4, 2, FPS);
}

const fitsOf = (fit: TemplateFit, K: number): TemplateFits => ({
  builders: Array.from({ length: K }, () => true),
  ic: { fit, read: readContact },
  to: { fit, read: readContact },
});

describe('bootstrapTemplates: a replicate\u2019s template is the median of the strides it drew', () => {
  it('equals templateOf(members) for random multisets, gaps included', () => {
    const K = 11;
    const { fit } = strides(K, 3, (k) => k % 2 === 0, 8, true);
    const pool = Array.from({ length: K }, (_, k) => k);
    const of = bootstrapTemplates(fit, pool);
    const rng = createPrng(99);
    for (let r = 0; r < 50; r++) {
      const counts = new Int32Array(K);
      for (let j = 0; j < K; j++) (counts[Math.floor(rng.next() * K)] as number)++;
      const members = pool.flatMap((k) => Array.from({ length: counts[k] as number }, () => k));
      expect(of(counts)).toEqual(fit.templateOf(members));
    }
  });
});

describe('templateSpread on generated strides (known answers)', () => {
  const K = 12;

  it('a clean landing: the contact is read within a fifth of a frame of the clip\u2019s on any set of strides', () => {
    for (const seed of [1, 2, 3]) {
      const { fit, truth } = strides(K, seed, () => false);
      const own = readContact(fit.template) as number;
      // The reading is the landing: each stride's contact at its anchor + LO + own, within a frame.
      fit.anchors.forEach((a, k) => expect(Math.abs(a + LO + own - (truth[k] as number))).toBeLessThan(1));
      const s = templateSpread(fitsOf(fit, K));
      expect(s.ic).not.toBeNull();
      expect(s.ic as number).toBeLessThan(0.2);
    }
  });

  it('a rebound in a minority of strides (2 of 12) stays out of the median: the spread stays small', () => {
    const { fit } = strides(K, 4, (k) => k === 3 || k === 8);
    expect(templateSpread(fitsOf(fit, K)).ic as number).toBeLessThan(0.3);
  });

  it('a rebound in half the strides: the reading flips between the landing and the rebound, a spread of frames', () => {
    for (const seed of [1, 2, 3]) {
      const { fit } = strides(K, seed, (k) => k % 2 === 0);
      // The two readings lie ~3 frames apart (the landing, and the rebound's fall 3 frames later).
      const s = templateSpread(fitsOf(fit, K)).ic as number;
      expect(s).toBeGreaterThan(1);
      expect(s).toBeLessThan(3.5);
    }
  });

  it('is the same on every call (seeded draws), and null where the template shows no event', () => {
    const { fit } = strides(K, 5, (k) => k % 2 === 0);
    expect(templateSpread(fitsOf(fit, K))).toEqual(templateSpread(fitsOf(fit, K)));
    const none: TemplateFits = { ...fitsOf(fit, K), to: { fit, read: () => null } };
    expect(templateSpread(none).to).toBeNull();
  });
});

describe('timingSpreadFlag: a foot its template cannot time to the frame, in words', () => {
  const ev = (kind: GaitEvent['kind'], at: number): GaitEvent => ({
    kind,
    side: 'left',
    at,
    atF: at,
    t: at / 30,
    confidence: 1,
    source: 'detected',
  });
  const steps = (ic: number | null, to: number | null): Step[] =>
    [10, 30, 50].map((at, index) => {
      const s = { ic, to };
      return {
        side: 'left',
        index,
        ic: withTemplateSpread(ev('initial-contact', at), s),
        to: withTemplateSpread(ev('toe-off', at + 7), s),
        ms: null,
        ls: null,
        prevOtherIc: null,
        nextOtherIc: null,
        nextIc: null,
        values: {},
        clean: true,
        footStrike: null,
      };
    });

  it('says nothing below a frame, nor of the other foot', () => {
    expect(timingSpreadFlag(steps(0.9, 0.4), 'left', 30)).toBeNull();
    expect(timingSpreadFlag(steps(1.5, 0.4), 'right', 30)).toBeNull();
  });
  it('names the contacts, their shift in ms at this frame rate, what widens and what to do', () => {
    const f = timingSpreadFlag(steps(1.2, 0.4), 'left', 30)!;
    expect(f).toMatchObject({ code: 'event-timing-uncertain', severity: 'warning', side: 'left' });
    expect(f.message).toContain('all left contacts may sit about ±40 ms early or late together');
    expect(f.message).toContain('Contact time, step time and the angles at initial contact of the left leg');
    expect(f.message).toContain('Check a few left contacts in Review, or film a longer clip.');
    expect(f.values).toEqual({ frames: 1.2, contactFrames: 1.2, toeOffFrames: 0.4 });
    expect(timingSpreadFlag(steps(1.2, 1.5), 'left', 60)!.message).toContain(
      'all left contacts and toe-offs may sit about ±25 ms',
    );
  });
});
