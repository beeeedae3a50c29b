/**
 * The spatiotemporal cards (cards.ts) on generated data: a per-side time measured on both sides is
 * headlined by both sides (all their steps), each side following with its spread and interval;
 * never by the left side alone (the sample report's "step time 341 ms", issue 20).
 */
import { describe, expect, it } from 'vitest';
import { analysedRunner } from '../gait/testing/runner';
import { cardFigure, poolSides } from './cards';
import type { Stat, VariableRow } from './model';
import { variableRow } from './rows';

const mean = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
const sd = (x: readonly number[]): number => {
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
};
const statOf = (x: readonly number[], interval?: readonly [number, number]): Stat => ({
  mean: mean(x),
  sd: sd(x),
  n: x.length,
  ...(interval ? { interval } : {}),
});

const row = (over: Partial<VariableRow>): VariableRow => ({
  key: 'step-time',
  label: 'Step time',
  unit: 'ms',
  view: 'side',
  event: 'step',
  decimals: 0,
  ...over,
});

describe('spatiotemporal cards', () => {
  it('pools both sides as the SD of all their steps together', () => {
    // Left steps shorter than right ones, as on the sample clip (338 vs 376 ms).
    const left = [320, 331, 338, 342, 350, 347, 329];
    const right = [361, 372, 380, 376, 390, 368];
    const pooled = poolSides(statOf(left), statOf(right));
    expect(pooled.n).toBe(13);
    expect(pooled.mean).toBeCloseTo(mean([...left, ...right]), 9);
    expect(pooled.sd).toBeCloseTo(sd([...left, ...right]), 9);
  });

  it('headlines both sides, then each with its spread, n and 95% interval', () => {
    const left = statOf([320, 331, 338, 342, 350, 347, 329], [325, 349]);
    const right = statOf([361, 372, 380, 376, 390, 368], [362, 387]);
    const c = cardFigure(row({ left, right, diff: left.mean - right.mean }));
    expect(c.notMeasurable).toBe(false);
    expect(c.value).toBe('354'); // (7·336.7 + 6·374.5) / 13, not the left side's 337
    expect(c.spread).toMatch(/^± 22 · n=13 · both sides$/);
    expect(c.sides.map((s) => s.side)).toEqual(['left', 'right']);
    expect(c.sides[0]).toEqual({ side: 'left', text: '337 ± 11 ms, n=7', interval: '95% CI 325 to 349 ms' });
    expect(c.sides[1]).toEqual({ side: 'right', text: '375 ± 10 ms, n=6', interval: '95% CI 362 to 387 ms' });
    expect(c.interval).toBeUndefined();
  });

  it('says which side it is when only one side is measurable, with that side\u2019s interval', () => {
    const left = statOf([320, 331, 338, 342], [318, 347]);
    const c = cardFigure(
      row({ left, notMeasurable: { right: { reason: 'hidden', remedy: 'film the right side' } } }),
    );
    expect(c.value).toBe('333');
    expect(c.spread).toBe('± 10 · n=4 · left only');
    expect(c.interval).toBe('95% CI 318 to 347 ms');
    expect(c.sides).toEqual([]);
    expect(cardFigure(row({})).notMeasurable).toBe(true);
  });

  it('says a single step has no spread, on the card and per side, never "± 0"', () => {
    const one = { mean: 265, sd: 0, n: 1 };
    const c = cardFigure(row({ left: one, right: statOf([300, 310, 320], [290, 330]) }));
    expect(c.sides[0]!.text).toBe('265 ms, n=1');
    const alone = cardFigure(
      row({ left: one, notMeasurable: { right: { reason: 'hidden', remedy: 'film it' } } }),
    );
    expect(alone.spread).toBe('one step: no spread · n=1 · left only');
  });

  it('keeps a value without sides (cadence) as it is', () => {
    const all = statOf([168, 170, 169, 171], [167.5, 171.5]);
    const c = cardFigure(row({ key: 'cadence', unit: 'steps/min', decimals: 1, all }));
    expect(c.value).toBe('169.5');
    expect(c.spread).toBe('± 1.3 · n=4');
    expect(c.interval).toBe('95% CI 167.5 to 171.5 steps/min');
  });

  it('on the synthetic runner: the step-time card is the mean of every clean step of both feet', () => {
    const clip = analysedRunner({ view: 'side', fps: 60, durationS: 8, seed: 3, noisePx: 1 });
    const a = clip.analysis;
    const v = a.variables.find((x) => x.id === 'step-time');
    expect(v).toBeDefined();
    if (!v) return;
    const r = variableRow(v, 'side', []);
    const c = cardFigure(r);
    expect(c.sides).toHaveLength(2);
    // Step values are stored in seconds; the report prints ms.
    const steps = [...v.left.values, ...v.right.values].filter((s) => s.clean).map((s) => s.value * 1000);
    expect(Number(c.value)).toBeCloseTo(mean(steps), -0.5); // printed to the ms
    expect(c.spread).toContain(`n=${steps.length}`);
    expect(c.sides[0]?.interval).toMatch(/^95% CI \d+ to \d+ ms$/);
    // The true step time of the generated runner: 60 / cadence.
    expect(Math.abs(Number(c.value) - 60000 / clip.truth.cadence)).toBeLessThan(5);
  });
});
