/**
 * Gait-engine summaries → lines of the report's tables, in the units a PT reads: degrees, cm (or %
 * of leg length when uncalibrated), milliseconds for times, percent for the duty factor, steps/min.
 * Numbers are converted here once; the PDF, the preview and analysis.json's `report` section then
 * all show the same values (the tests read the PDF back against them).
 */
import { readDifference } from '../gait/difference';
import { beyondDifference } from '../gait/findings';
import { meanUncertainty } from '../gait/interval';
import type { GaitAnalysis, GaitVariable } from '../gait/schema';
import { SOURCES } from '../gait/tables/references';
import { fmt, withUnit } from './format';
import type { NotMeasurable, RowFlag, Stat, VariableRow } from './model';

/** Display unit, scale from the engine's unit, and decimals. */
export function displayUnit(unit: GaitVariable['unit']): { unit: string; scale: number; decimals: number } {
  switch (unit) {
    case 'deg':
      return { unit: '°', scale: 1, decimals: 1 };
    case 'cm':
      return { unit: 'cm', scale: 1, decimals: 1 };
    case '%leg':
      return { unit: '% leg', scale: 1, decimals: 1 };
    case 's':
      return { unit: 'ms', scale: 1000, decimals: 0 };
    case 'ratio':
      return { unit: '%', scale: 100, decimals: 1 };
  }
}

/** "Souza 2016" from a source id of the engine's reference table. */
export function shortCite(id: string): string {
  const src = (SOURCES as Record<string, { citation: string }>)[id];
  if (!src) return id;
  if (src.citation.startsWith('StrideLab')) return 'StrideLab default';
  const surname = /^[A-Z][A-Za-z'-]+/.exec(src.citation)?.[0] ?? id;
  const year = /\b(19|20)\d{2}\b/.exec(src.citation)?.[0];
  const two = /^[A-Z][A-Za-z'-]+ [A-Z]{1,3}, ([A-Z][A-Za-z'-]+) [A-Z]{1,3}\./.exec(src.citation)?.[1];
  return [two ? `${surname} & ${two}` : surname, year].filter(Boolean).join(' ');
}

const EVENT_WORDS: Record<string, string> = {
  'initial-contact': 'IC',
  'toe-off': 'TO',
  midstance: 'MS',
  'late-swing': 'late swing',
  stance: 'stance',
  stride: 'stride',
};

function stat(s: GaitVariable['left'], scale: number): Stat | undefined {
  if (s.mean === null || s.n === 0 || s.notMeasurable) return undefined;
  const iv = s.uncertainty?.interval;
  return {
    mean: s.mean * scale,
    sd: (s.sd ?? 0) * scale,
    n: s.n,
    ...(iv ? { interval: [iv[0] * scale, iv[1] * scale] as const } : {}),
  };
}

function notMeasurable(v: GaitVariable): VariableRow['notMeasurable'] {
  const l: NotMeasurable | null = v.left.notMeasurable;
  const r: NotMeasurable | null = v.right.notMeasurable;
  if (!l && !r) return undefined;
  return { ...(l ? { left: l } : {}), ...(r ? { right: r } : {}) };
}

/** The row of one engine variable; `findingTitles` are findings that rest on it (flag them). */
export function variableRow(
  v: GaitVariable,
  view: 'side' | 'rear',
  findingTitles: readonly string[],
): VariableRow {
  const d = displayUnit(v.unit);
  const left = stat(v.left, d.scale);
  const right = stat(v.right, d.scale);
  const hidden = notMeasurable(v);
  const both = v.symmetry && !v.left.notMeasurable && !v.right.notMeasurable;
  const diff = both && v.symmetry ? v.symmetry.difference * d.scale : undefined;
  const div = both ? v.symmetry?.uncertainty?.interval : undefined;
  // The words beside the interval, the same test the asymmetry finding uses (difference.ts).
  const reading = both ? readDifference(v, (x) => withUnit(fmt(x * d.scale, d.decimals), d.unit)) : null;
  const si = both ? v.symmetry?.indexPct : null;
  const siScale =
    si !== null && si !== undefined && v.symmetry?.difference ? si / v.symmetry.difference : null;
  let flag: RowFlag | undefined;
  if (findingTitles.length) flag = { level: 'attention', text: [...new Set(findingTitles)].join('; ') };
  else if (diff !== undefined && v.sdd && beyondDifference(v, v.sdd.value)) {
    // As for the findings: the whole 95% interval of L − R beyond the SDD, not the mean alone.
    flag = {
      level: 'note',
      text: `L − R beyond the smallest detectable difference (${v.sdd.value}${d.unit === '°' ? '°' : ` ${d.unit}`}), 95% interval included`,
    };
  } else if ((left || right) && (!v.left.enoughSteps || !v.right.enoughSteps)) {
    flag = { level: 'note', text: 'fewer than 7 clean steps on a side: read with care [Dingenen 2018]' };
  }
  return {
    key: v.id,
    label: v.label,
    unit: d.unit,
    view,
    event: EVENT_WORDS[v.event] ?? v.event,
    ...(left ? { left } : {}),
    ...(right ? { right } : {}),
    ...(hidden ? { notMeasurable: hidden } : {}),
    ...(diff !== undefined ? { diff } : {}),
    ...(div ? { diffInterval: [div[0] * d.scale, div[1] * d.scale] as const } : {}),
    ...(reading ? { diffNote: reading.words } : {}),
    ...(both && v.symmetry?.indexPct !== null && v.symmetry?.indexPct !== undefined
      ? { symmetryPct: v.symmetry.indexPct }
      : {}),
    ...(div && siScale !== null ? { symmetryInterval: [div[0] * siScale, div[1] * siScale] as const } : {}),
    ...(v.sdd ? { sdd: v.sdd.value * d.scale } : {}),
    ...(v.reference ? { reference: { text: v.reference.text, source: shortCite(v.reference.source) } } : {}),
    ...(flag ? { flag } : {}),
    decimals: d.decimals,
  };
}

/** Foot strike counts as a categorical row: "rearfoot 10/11". */
export function footStrikeRow(a: GaitAnalysis): VariableRow | undefined {
  const text = (c: GaitAnalysis['footStrike']['left']): string | undefined => {
    const total = c.rearfoot + c.midfoot + c.forefoot;
    if (total === 0) return undefined;
    const [name, count] = (Object.entries(c) as [string, number][]).reduce((x, y) => (y[1] > x[1] ? y : x));
    return `${name} ${count}/${total}`;
  };
  const left = text(a.footStrike.left);
  const right = text(a.footStrike.right);
  if (!left && !right) return undefined;
  return {
    key: 'foot-strike',
    label: 'Foot strike pattern',
    unit: '',
    view: 'side',
    event: 'IC',
    categories: { ...(left ? { left } : {}), ...(right ? { right } : {}) },
    reference: {
      text: 'Rearfoot, midfoot or forefoot from heel vs toe height at contact',
      source: 'Murray 2018',
    },
    decimals: 0,
  };
}

/** Spatiotemporal variables the engine reports for either view, in the order a PT quotes them. */
export const SPATIOTEMPORAL_ORDER = [
  'step-time',
  'contact-time',
  'flight-time',
  'duty-factor',
  'stride-time',
  'vertical-oscillation',
] as const;

export function cadenceRow(a: GaitAnalysis): VariableRow | undefined {
  if (a.cadence.value === null) return undefined;
  // The engine's cadence comes from the stride times (one foot's contact to its next), strides
  // within 25% of their median (summary.ts); its spread is taken over the same strides, each as
  // 120 / stride time. Step times would mix in both feet's contact errors, which cancel in a stride.
  const strides = a.variables.find((v) => v.id === 'stride-time');
  const times = [...(strides?.left.values ?? []), ...(strides?.right.values ?? [])]
    .filter((x) => x.clean && x.value > 0)
    .map((x) => x.value)
    .sort((x, y) => x - y);
  const median = times[times.length >> 1] ?? 0;
  const perStride = times.filter((t) => Math.abs(t - median) <= 0.25 * median).map((t) => 120 / t);
  const mean = a.cadence.value;
  const n = perStride.length;
  const sd = n > 1 ? Math.sqrt(perStride.reduce((s, c) => s + (c - mean) ** 2, 0) / (n - 1)) : 0;
  // A stride's two contacts are the same kind of event of the same foot: a constant timing bias
  // cancels, so the interval is the random part alone (docs/uncertainty.md).
  const iv = n > 1 ? meanUncertainty(mean, sd, n, 0)?.interval : undefined;
  return {
    key: 'cadence',
    label: 'Cadence',
    unit: 'steps/min',
    view: a.source.view,
    event: 'stride',
    all: { mean, sd, n: a.cadence.n, ...(iv ? { interval: [iv[0], iv[1]] as const } : {}) },
    // A personal band where the literature gives one: the runner's own step rate +5–10%
    // [Heiderscheit 2011]. No published band by height, leg length or speed is in StrideLab's
    // sources (docs/report.md, "Reference bands"), so none is made up here.
    reference: {
      text: `+5–10 % lowers knee and hip loading: for this runner ${fmt(mean * 1.05, 0)}–${fmt(mean * 1.1, 0)} steps/min`,
      source: 'Heiderscheit 2011',
      personal: true,
    },
    decimals: 1,
  };
}
