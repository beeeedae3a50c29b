/**
 * What the last-time player shows, told to the review page: with one clip of today, last time's
 * player stands where the right player is, and the Right player picker names it (ClipPicker.tsx)
 * instead of "— none —". A context, as the page's other providers (session-focus.ts).
 */
import { createContext } from 'react';

export interface LastTimeShown {
  /** "Last time: 2026-11-09 · Side · flat · 10 km/h · 0 % incline (then.mp4)". */
  readonly words: string;
  /** Take last time's player away (the picker's "— none —"). */
  close(): void;
}

/** Called with what the last-time player shows, and with null when it shows nothing. */
export const LastTimeReport = createContext<(shown: LastTimeShown | null) => void>(() => undefined);
