/**
 * A clip printed from its steady window while the rest of it is still being analysed (issue 16
 * item 3; docs/report.md, "Provisional sections"): the words that say so wherever its numbers
 * appear, so a report read or printed meanwhile is never taken for the final one. Pure.
 */

/** The window a provisional clip's numbers come from, in seconds of the clip. */
export interface ProvisionalWindow {
  readonly fromS: number;
  readonly toS: number;
  /** Regular strides per side in the window. */
  readonly strides: { readonly left: number; readonly right: number };
}

/** "0:54" for a time in the clip (as the clip card and the first-numbers panel write it). */
export const clipClock = (s: number): string =>
  `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/** "0:54–1:05". */
export const windowSpan = (w: ProvisionalWindow): string => `${clipClock(w.fromS)}–${clipClock(w.toS)}`;

/**
 * "Provisional: from 0:54–1:05 of steady running (11 strides left, 13 right); the whole clip is
 * still being analysed." With `view` when the condition has more than one clip ("the side clip from…");
 * with `condition` where the line stands outside the condition's own section (the page header, the
 * first page): "Flat, provisional: from …", one word once.
 */
export function provisionalWords(w: ProvisionalWindow, view?: 'side' | 'rear', condition?: string): string {
  const which = view ? `the ${view} clip ` : '';
  const head = condition ? `${condition}, provisional` : 'Provisional';
  return `${head}: ${which}from ${windowSpan(w)} of steady running (${w.strides.left} strides left, ${w.strides.right} right); the whole clip is still being analysed.`;
}

/**
 * What a provisional clip's findings are prefixed with: "Flat (provisional, 0:54–1:05)", or
 * "Provisional (0:54–1:05)" in a report of one condition.
 */
export function provisionalWhere(w: ProvisionalWindow, condition: string | undefined): string {
  return condition ? `${condition} (provisional, ${windowSpan(w)})` : `Provisional (${windowSpan(w)})`;
}

/** "Flat (provisional, 0:54–1:05): " or "Provisional (0:54–1:05): " at the start of a finding. */
const WHERE_PREFIX = /^(?:(.+?) \(provisional, \d+:\d\d–\d+:\d\d\)|Provisional \(\d+:\d\d–\d+:\d\d\)): /;

/**
 * A finding's words once its clip is analysed whole: the window's label taken off ("Flat
 * (provisional, 0:54–1:05): …" → "Flat: …"), the rest as it was, where its condition is no longer
 * printed from a window. `provisional` holds the labels of the conditions that still are (a report
 * of one condition labels its findings "Provisional (…)" with no name: then any). A PT who kept a
 * finding while the report was provisional keeps their words; only the label, now untrue, goes.
 */
export function withoutWindow(text: string, provisional: readonly string[]): string {
  return text.replace(WHERE_PREFIX, (label, condition: string | undefined) => {
    const still = condition === undefined ? provisional.length > 0 : provisional.includes(condition);
    if (still) return label;
    return condition === undefined ? '' : `${condition}: `;
  });
}
