/**
 * What the treadmill speed makes possible (issue 19 item 4): with the belt speed of the condition,
 * each stride's length is speed × stride time, and its vertical ratio is the pelvis's vertical
 * oscillation over that stride divided by the stride's length. Both are taken stride by stride,
 * pairing the engine's stride time and vertical oscillation of the same stride (same foot, same
 * initial contact: src-shared/gait/steps.ts), clean strides only; their means carry the 95%
 * interval of the engine's (docs/uncertainty.md). The belt speed is taken as set: treadmills are
 * not checked here, so any error of the belt scales stride length and the ratio alike.
 */
import { meanUncertainty } from '../gait/interval';
import type { GaitAnalysis, GaitVariable } from '../gait/schema';
import type { NotMeasurable, Stat, VariableRow } from './model';

const KMH_TO_CM_S = 100_000 / 3600;

type SideSummary = GaitVariable['left'];

/** Mean, SD, n and 95% interval of per-stride values, with a systematic part carried over. */
function statOf(values: readonly number[], systematic: number): Stat | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const mean = values.reduce((s, x) => s + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const iv = meanUncertainty(mean, sd, n, systematic)?.interval;
  return { mean, sd, n, ...(iv ? { interval: [iv[0], iv[1]] as const } : {}) };
}

const cleanValues = (s: SideSummary) => s.values.filter((v) => v.clean && Number.isFinite(v.value));

/** Stride length in metres: speed × stride time, per side. Linear in stride time, so the mean,
 *  SD and interval are the stride time's times the speed. */
function strideLength(st: GaitVariable, speedCmS: number, view: 'side' | 'rear'): VariableRow {
  const side = (s: SideSummary): Stat | undefined => {
    if (s.notMeasurable) return undefined;
    const sys = s.uncertainty?.systematic ?? 0;
    return statOf(
      cleanValues(s).map((v) => (v.value * speedCmS) / 100),
      (sys * speedCmS) / 100,
    );
  };
  const left = side(st.left);
  const right = side(st.right);
  const div = st.symmetry?.uncertainty?.interval;
  return {
    key: 'stride-length',
    label: 'Stride length',
    unit: 'm',
    view,
    event: 'stride',
    ...(left ? { left } : {}),
    ...(right ? { right } : {}),
    ...(left && right && st.symmetry ? { diff: (st.symmetry.difference * speedCmS) / 100 } : {}),
    ...(left && right && div
      ? { diffInterval: [(div[0] * speedCmS) / 100, (div[1] * speedCmS) / 100] as const }
      : {}),
    reference: {
      text: 'Speed × stride time; no general band (it grows with speed and stature): compare with the runner’s own at the same speed',
      source: 'StrideLab default',
    },
    decimals: 2,
  };
}

/** Vertical ratio in percent: vertical oscillation / stride length, stride by stride. */
function verticalRatio(
  st: GaitVariable,
  vo: GaitVariable,
  speedCmS: number,
  view: 'side' | 'rear',
): VariableRow {
  const hidden: { left?: NotMeasurable; right?: NotMeasurable } = {};
  const side = (k: 'left' | 'right'): Stat | undefined => {
    const a = st[k];
    const b = vo[k];
    if (a.notMeasurable || b.notMeasurable) {
      const why = (b.notMeasurable ?? a.notMeasurable)!;
      hidden[k] = why;
      return undefined;
    }
    const times = new Map(cleanValues(a).map((v) => [v.step, v.value]));
    const ratios = cleanValues(b).flatMap((v) => {
      const t = times.get(v.step);
      return t ? [(100 * v.value) / (speedCmS * t)] : [];
    });
    if (ratios.length === 0) return undefined;
    const mean = ratios.reduce((s, x) => s + x, 0) / ratios.length;
    // What does not average over strides, relative, from both (the event timing of the stride,
    // the pelvis's height): combined in quadrature as for a quotient (GUM, JCGM 2008, 5.1.6).
    const rel = Math.hypot(
      (a.uncertainty?.systematic ?? 0) / (a.mean ?? Infinity),
      (b.uncertainty?.systematic ?? 0) / (b.mean ?? Infinity),
    );
    return statOf(ratios, Math.abs(mean) * rel);
  };
  const left = side('left');
  const right = side('right');
  const both = left && right;
  return {
    key: 'vertical-ratio',
    label: 'Vertical ratio',
    unit: '%',
    view,
    event: 'stride',
    ...(left ? { left } : {}),
    ...(right ? { right } : {}),
    ...(Object.keys(hidden).length ? { notMeasurable: hidden } : {}),
    ...(both ? { diff: left.mean - right.mean } : {}),
    reference: {
      text: 'Vertical oscillation / stride length; no published clinical band: lower = less bounce for the distance covered',
      source: 'StrideLab default',
    },
    decimals: 1,
  };
}

/**
 * Stride length and vertical ratio of a clip at `speedKmh`; none without a speed. The ratio needs
 * lengths in cm (a calibrated clip: the runner's height or a known distance); uncalibrated, it
 * says so instead of a number.
 */
export function speedRows(a: GaitAnalysis, speedKmh: number | undefined): VariableRow[] {
  if (speedKmh === undefined || !(speedKmh > 0)) return [];
  const view = a.source.view;
  const speedCmS = speedKmh * KMH_TO_CM_S;
  const st = a.variables.find((v) => v.id === 'stride-time');
  if (!st || (st.left.n === 0 && st.right.n === 0)) return [];
  const rows = [strideLength(st, speedCmS, view)];
  const vo = a.variables.find((v) => v.id === 'vertical-oscillation');
  if (vo && (vo.left.n > 0 || vo.right.n > 0)) {
    if (vo.unit === 'cm') rows.push(verticalRatio(st, vo, speedCmS, view));
    else {
      const why = {
        reason: 'the vertical oscillation is in % of the leg length, not in cm',
        remedy: 'enter the runner’s height (or a known distance) so lengths are in cm',
      };
      rows.push({
        key: 'vertical-ratio',
        label: 'Vertical ratio',
        unit: '%',
        view,
        event: 'stride',
        notMeasurable: { left: why, right: why },
        decimals: 1,
      });
    }
  }
  return rows;
}
