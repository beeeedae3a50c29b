/** Numbers of the timeline as a PT reads them: one decimal for angles and lengths, whole ms and steps/min. */
import type { Change, ProgressUnit } from './types';

const DIGITS: Record<ProgressUnit, number> = {
  deg: 1,
  ms: 0,
  'steps/min': 0,
  cm: 1,
  '%leg': 1,
  ratio: 2,
  '%': 1,
};
const SUFFIX: Record<ProgressUnit, string> = {
  deg: '°',
  ms: ' ms',
  'steps/min': ' steps/min',
  cm: ' cm',
  '%leg': ' % leg',
  ratio: '',
  '%': '%',
};

export const formatNumber = (x: number, unit: ProgressUnit): string => x.toFixed(DIGITS[unit]);
export const formatValue = (x: number, unit: ProgressUnit): string =>
  `${formatNumber(x, unit)}${SUFFIX[unit]}`;
/** The unit as written after a number: '°', ' ms', ' steps/min'. */
export const suffixOf = (unit: ProgressUnit): string => SUFFIX[unit];
export const unitSuffix = (unit: ProgressUnit): string => SUFFIX[unit].trim();

/** " ±0.8": the half-width of a 95% interval, one more digit when it would read ±0. */
function plusMinus(u95: number, unit: ProgressUnit): string {
  const digits = Number(u95.toFixed(DIGITS[unit])) === 0 ? DIGITS[unit] + 1 : DIGITS[unit];
  return ` ±${u95.toFixed(digits)}`;
}

/** "6.9 ±0.8°", "160 ±0.2 steps/min": a mean and the half-width of its 95% interval (one more digit when it would read ±0). */
export function formatMeanU95(mean: number, u95: number | null, unit: ProgressUnit): string {
  if (u95 === null) return formatValue(mean, unit);
  return `${formatNumber(mean, unit)}${plusMinus(u95, unit)}${SUFFIX[unit]}`;
}

/**
 * A sign before a change's size as written; none when it reads zero, since "±" beside a mean in the
 * same tables means half an interval ("13.0 ±8.5°"), and "±0.0°" read as one.
 */
const withSign = (x: number, size: string): string =>
  Number(size) === 0 ? size : `${x > 0 ? '+' : '−'}${size}`;

/** "+2.9°", "−10 steps/min", "0.0°": a change with its sign. */
export function formatSigned(x: number, unit: ProgressUnit): string {
  return `${withSign(x, formatNumber(Math.abs(x), unit))}${SUFFIX[unit]}`;
}

/**
 * "−3.7 ±1.2°": a change between two visits with the half-width of its 95% interval (√(U₁² + U₂²),
 * compare.ts), written as the means beside it are; the sign alone where the interval is unknown.
 * A PT reads from it how far the change stands beyond its noise, not only the verdict.
 */
export function formatSignedU95(x: number, u95: number | null, unit: ProgressUnit): string {
  if (u95 === null) return formatSigned(x, unit);
  return `${withSign(x, formatNumber(Math.abs(x), unit))}${plusMinus(u95, unit)}${SUFFIX[unit]}`;
}

/** "+2", "−0.5", "0": a change of a pain score or of km per week (one decimal only where there is one). */
export const formatSignedScore = (d: number): string =>
  withSign(d, Number.isInteger(d) ? String(Math.abs(d)) : Math.abs(d).toFixed(1));

/**
 * A change in a table cell: "−3.1 ±1.4° real", "+1.0 ±2.2° within noise", "—"; between a marker value
 * and a landmark value the sources beside it: "−4.0 ±5.1° within noise (pose landmarks then, markers now)".
 */
export function formatChange(c: Change | null, unit: ProgressUnit): string {
  if (!c) return '—';
  if (c.difference === null) return 'no value';
  const word =
    c.verdict === 'real'
      ? 'real'
      : c.verdict === 'within-noise'
        ? 'within noise'
        : c.sourcesDiffer
          ? 'not judged'
          : 'uncertain';
  const sources = c.sourcesDiffer ? ` (${c.sourcesDiffer})` : '';
  return `${formatSignedU95(c.difference, c.u95, unit)} ${word}${c.settingsDiffer ? ' *' : ''}${sources}`;
}
