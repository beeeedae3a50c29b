/**
 * Review's summary (src-renderer/src/review/panels/StepTable.tsx) on the synthetic runner: each side
 * as mean ± SD (n), the 95% interval of the mean beneath (issue 20 item 4); a side with a single step
 * has no spread to give, so it shows its value alone, never "± 0".
 */
import { describe, expect, it } from 'vitest';
import type { GaitAnalysis } from '../../src-shared/gait/schema';
import { analysedRunner } from '../../src-shared/gait/testing/runner';
import { cadenceRow } from '../../src-shared/report/rows';
import { renderHtml, type Component } from '../helpers/react-render';

const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);
const { Summary, StepTable } = (await load('../../src-renderer/src/review/panels/StepTable.tsx')) as {
  Summary: Component<{ gait: GaitAnalysis; view: 'side' }>;
  StepTable: Component<{ gait: GaitAnalysis; view: 'side'; frame: number; onStep: (f: number) => void }>;
};

const gait = analysedRunner({ view: 'side', fps: 60, durationS: 8, seed: 3, noisePx: 1 }).analysis;

/** The words of the step-time row's left cell. */
function leftStepTime(g: GaitAnalysis): string {
  const html = renderHtml(Summary, { gait: g, view: 'side' });
  const row = html.slice(html.indexOf('data-testid="variable-step-time"'));
  const cell = /<td data-side="left">(.*?)<\/td>/s.exec(row)?.[1] ?? '';
  return cell
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe("Review's summary", () => {
  it('gives each side its spread over steps and the 95% interval of its mean', () => {
    const s = gait.variables.find((v) => v.id === 'step-time')!.left;
    const [lo, hi] = s.uncertainty!.interval;
    const ms = (x: number) => `${(x * 1000).toFixed(0)} ms`;
    expect(leftStepTime(gait)).toBe(
      `${(s.mean! * 1000).toFixed(0)} ± ${(s.sd! * 1000).toFixed(0)} ms (n ${s.n}) 95% CI ${ms(lo)} to ${ms(hi)}`,
    );
  });

  it('shows a single step without a spread', () => {
    const one: GaitAnalysis = {
      ...gait,
      variables: gait.variables.map((v) =>
        v.id === 'step-time' ? { ...v, left: { ...v.left, n: 1, sd: null, uncertainty: null } } : v,
      ),
    };
    const mean = gait.variables.find((v) => v.id === 'step-time')!.left.mean!;
    expect(leftStepTime(one)).toBe(`${(mean * 1000).toFixed(0)} ms (n 1)`);
  });

  it('prints a value that rounds to zero without a sign (the sample clip read "-0.0°" as L − R)', () => {
    // Trunk lean with a left mean, a difference and an interval bound just below zero: each rounds to 0.0.
    const tiny: GaitAnalysis = {
      ...gait,
      variables: gait.variables.map((v) =>
        v.id === 'trunk-lean-ms' && v.symmetry?.uncertainty
          ? {
              ...v,
              left: { ...v.left, mean: -0.02 },
              symmetry: {
                ...v.symmetry,
                difference: -0.04,
                uncertainty: { ...v.symmetry.uncertainty, interval: [-0.03, 3] },
              },
            }
          : v,
      ),
    };
    expect(tiny.variables.find((v) => v.id === 'trunk-lean-ms')?.symmetry?.difference).toBe(-0.04);
    const html = renderHtml(Summary, { gait: tiny, view: 'side' });
    const row = html.slice(html.indexOf('data-testid="variable-trunk-lean-ms"'));
    const text = (re: RegExp): string =>
      (re.exec(row)?.[1] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    expect(text(/<td data-side="left">(.*?)<\/td>/s)).toMatch(/^0\.0 ± \d+\.\d°/);
    expect(text(/<td data-side="diff">(.*?)<\/td>/s)).toMatch(/^0\.0° within noise 0\.0° to 3\.0°$/);
  });
});

describe("Review's cadence", () => {
  it('gives its spread over strides and the 95% interval of its mean, as the report prints it', () => {
    const html = renderHtml(Summary, { gait, view: 'side' });
    const row = html.slice(html.indexOf('data-testid="variable-cadence"'));
    const cell = (/<td colSpan="2">(.*?)<\/td>/is.exec(row)?.[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const c = cadenceRow(gait)!.all!;
    expect(c.sd).toBeGreaterThan(0);
    expect(cell).toBe(
      `${c.mean.toFixed(1)} ± ${c.sd.toFixed(1)} steps/min (n ${c.n}) 95% CI ${c.interval![0].toFixed(1)} to ${c.interval![1].toFixed(1)} steps/min`,
    );
  });
});

describe("Review's step table", () => {
  it('keeps a step’s name and its star on one line', () => {
    const html = renderHtml(StepTable, { gait, view: 'side', frame: 0, onStep: () => undefined });
    const rows = html.split('<tr').filter((r) => r.includes('data-ic-frame'));
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(r).toMatch(/<td><span class="nowrap">[LR]\d+( \*)?<\/span>/);
  });
});
