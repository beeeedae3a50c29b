/**
 * The capture page's keys, as data: the page binds them and shows this table on screen. R, not
 * Space, starts and stops: Space is play/pause everywhere else in StrideLab (workflow.md), and a
 * PT reaching for "play" must never start a recording. Space plays the instant replay here.
 */
export type CaptureAction = 'record' | 'discard' | 'replay' | 'skeleton' | 'ghost';

export interface CaptureKey {
  readonly action: CaptureAction;
  /** KeyboardEvent.key values (case-insensitive for letters). */
  readonly keys: readonly string[];
  /** What the screen says. */
  readonly label: string;
  readonly does: string;
}

export const CAPTURE_KEYS: readonly CaptureKey[] = [
  { action: 'record', keys: ['r'], label: 'R', does: 'start / stop recording both cameras' },
  { action: 'discard', keys: ['Delete'], label: 'Delete', does: 'discard the last take (to the trash)' },
  { action: 'replay', keys: [' '], label: 'Space', does: 'play / pause the replay of the last take' },
  { action: 'skeleton', keys: ['k'], label: 'K', does: 'live skeleton on / off' },
  {
    action: 'ghost',
    keys: ['g'],
    label: 'G',
    does: "last session's picture over the live one (to place the cameras)",
  },
];

/** The action for a key press, ignoring presses with Ctrl/Alt/Meta (those belong to the system). */
export function captureActionFor(event: {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}): CaptureAction | undefined {
  if (event.ctrlKey || event.altKey || event.metaKey) return undefined;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return CAPTURE_KEYS.find((k) => k.keys.includes(key))?.action;
}
