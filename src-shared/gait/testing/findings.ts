/**
 * Test helper: findings made by hand with known answers, for the tests of ranking, merging and
 * wording (findings-rank.ts, src-shared/report/). The usual one is a stiff knee in stance: peak
 * flexion `mean` below the 40° threshold with the variable's SDD 3.8° (tables/variables.ts) and a 95%
 * interval of mean ± 1°, so its effect size is (40 − mean) / 3.8.
 */
import { MIN_STEPS, type GaitFinding } from '../schema';

export type Evidence = GaitFinding['evidence'][number];

/** A finding of rule `id` resting on `evidence`, on the first evidence's side, firm, linking no
 *  exercise; `more` sets anything else. */
export function gaitFinding(
  id: string,
  evidence: readonly Evidence[],
  more: Partial<GaitFinding> = {},
): GaitFinding {
  return {
    id,
    title: id,
    side: evidence[0]!.side,
    provisional: false,
    evidence: [...evidence],
    basis: { text: '', source: 'stridelabDefault' },
    exercises: [],
    ...more,
  };
}

/** One side's peak knee flexion in stance: `mean` over `n` steps, below 40° (SDD 3.8°). */
export const stiffKneeEvidence = (side: 'left' | 'right', mean: number, n: number): Evidence => ({
  variableId: 'peak-knee-flexion-stance',
  label: 'Peak knee flexion in stance',
  side,
  value: mean,
  sd: 1,
  n,
  unit: 'deg',
  op: '<',
  threshold: 40,
  interval: [mean - 1, mean + 1],
  sdd: 3.8,
});

/** A side's stiff knee in stance on `n` steps (tentative under MIN_STEPS); `id` names another rule
 *  with the same evidence. */
export const stiffKnee = (
  side: 'left' | 'right',
  mean: number,
  n = 11,
  id = 'stiff-knee-stance',
): GaitFinding =>
  gaitFinding(id, [stiffKneeEvidence(side, mean, n)], {
    title: 'Stiff knee in stance',
    provisional: n < MIN_STEPS,
    basis: { text: 'About 45° typical [Souza 2016].', source: 'Souza 2016' },
  });
