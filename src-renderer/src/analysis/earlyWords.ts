import type { EarlyNumbers } from '../../../src-shared/contract/analysis';

/** "0:26" for a time in the clip. */
const clock = (s: number): string => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/** Where the first numbers come from: "First numbers from 0:13–0:23 of steady running". */
export function earlyWindowWords(e: EarlyNumbers): string {
  return `First numbers from ${clock(e.fromS)}–${clock(e.toS)} of steady running`;
}

/** What they say: "Cadence 171 steps/min · 11 strides left, 13 right · 1 finding in this window". */
export function earlyDetail(e: EarlyNumbers): string {
  const findings = e.findings === 1 ? '1 finding' : `${e.findings} findings`;
  return [
    ...(e.cadence !== null ? [`Cadence ${Math.round(e.cadence)} steps/min`] : []),
    `${e.strides.left} strides left, ${e.strides.right} right`,
    `${findings} in this window`,
  ].join(' · ');
}

/** The steady window's numbers in the clinic's words: where they come from first, then what they say. */
export function earlyWords(e: EarlyNumbers): string {
  const cadence = e.cadence !== null ? `cadence ${Math.round(e.cadence)} steps/min, ` : '';
  const findings = e.findings === 1 ? '1 finding' : `${e.findings} findings`;
  return `${earlyWindowWords(e)} (${e.strides.left} strides left, ${e.strides.right} right): ${cadence}${findings}`;
}
