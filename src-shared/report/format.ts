/**
 * How the report prints numbers: one set of rules for the PDF, the preview and the tests that read
 * the PDF back (pdftotext) and compare it with analysis.json. A minus sign is U+2212 in print, as
 * typeset documents use; `parseReportNumber` reads it back.
 */
import type { Stat } from './model';

const MINUS = '\u2212';

/** `n` rounded to `decimals`, with a typographic minus; '—' for a missing value. */
export function fmt(n: number | undefined, decimals: number): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  const rounded = Number(n.toFixed(decimals));
  // -0.0 prints as 0.0: a rounded zero has no sign.
  const text = (Object.is(rounded, -0) ? 0 : rounded).toFixed(decimals);
  return text.startsWith('-') ? `${MINUS}${text.slice(1)}` : text;
}

/** A signed difference: always shows + or −. */
export function fmtSigned(n: number | undefined, decimals: number): string {
  const text = fmt(n, decimals);
  if (text === '—' || text.startsWith(MINUS) || Number(text) === 0) return text;
  return `+${text}`;
}

/** "12.3 ± 2.1" (unit appended by the caller where the layout wants it); a single step has no
 *  spread to give, so its value stands alone (beside its n=1), never as "± 0". */
export function fmtStat(s: Stat | undefined, decimals: number): string {
  if (!s) return '—';
  return s.n < 2 ? fmt(s.mean, decimals) : `${fmt(s.mean, decimals)} ± ${fmt(s.sd, decimals)}`;
}

/** A card's spread line: "± 2.1 · n=8", or "one step: no spread · n=1". */
export function fmtSpread(s: Stat, decimals: number): string {
  return `${s.n < 2 ? 'one step: no spread' : `± ${fmt(s.sd, decimals)}`} · n=${s.n}`;
}

/** A 95% interval: "10.9 to 13.7" (unit appended by the caller); '—' when there is none. */
export function fmtInterval(iv: readonly [number, number] | undefined, decimals: number): string {
  if (!iv) return '—';
  return `${fmt(iv[0], decimals)} to ${fmt(iv[1], decimals)}`;
}

/** A signed interval, for differences: "+1.0 to +11.3". */
export function fmtSignedInterval(iv: readonly [number, number] | undefined, decimals: number): string {
  if (!iv) return '—';
  return `${fmtSigned(iv[0], decimals)} to ${fmtSigned(iv[1], decimals)}`;
}

export function withUnit(text: string, unit: string): string {
  if (text === '—' || !unit) return text;
  return unit === '°' || unit === '%' ? `${text}${unit}` : `${text} ${unit}`;
}

/** Read a number the report printed (typographic minus, optional +). NaN when it is not one. */
export function parseReportNumber(text: string): number {
  return Number(text.replace(MINUS, '-').replace(/^\+/, ''));
}

/** Long date for the header: "21 November 2026" (fixed English month names, no locale surprises). */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export function fmtDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}
