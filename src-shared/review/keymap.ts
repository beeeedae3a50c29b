/**
 * The review's keyboard, as data: the conventions of video-analysis tools (docs workflow.md):
 * Space play/pause; Left/Right one frame, Shift ten; `[` `]` previous/next initial contact; `-` `+`
 * slower/faster; `L` loop the current stride; `O` overlays; Ctrl+Z / Ctrl+Shift+Z undo/redo; Ctrl+P
 * report preview. Hand correction works without the mouse too ("every action reachable without the
 * mouse"): `.` `,` choose a point, Alt+arrows move it (Shift: 10 px), Enter saves it, Escape drops it.
 * Zoom is `Z` / Shift+Z and `0` (fit), pan Ctrl+arrows, `F` one player in the whole space: `-` `+`
 * already mean slower/faster and Ctrl+`+`/`-` zoom the whole page in a browser. The measure tools
 * take their initials (A, V, H, D, N, C). Gait events are corrected on the frame on screen (issue 20
 * item 3): `I` / Shift+I left / right initial contact here, `T` / Shift+T left / right toe-off here
 * (a move when that event is within 3 frames, else an add), Delete (or Backspace) removes the event on
 * this frame; all were free, and I and T are the events' initials as in the hand-label files. The help
 * panel lists this table, so what is documented is what is bound.
 */
import type { EditableEventKind } from '../gait/event-edits';
import { MEASUREMENT_TOOLS, TOOL_LABELS, type MeasurementTool } from './measure';

export type ReviewAction =
  | { readonly type: 'play-pause' }
  | { readonly type: 'step'; readonly delta: number }
  | { readonly type: 'event'; readonly dir: 1 | -1 }
  | { readonly type: 'rate'; readonly dir: 1 | -1 }
  | { readonly type: 'loop'; readonly kind: 'stride' | 'step' }
  | { readonly type: 'overlays' }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'select-player'; readonly index: number }
  | { readonly type: 'key-frame' }
  | { readonly type: 'edit-points' }
  | { readonly type: 'cancel' }
  | { readonly type: 'report' }
  | { readonly type: 'select-point'; readonly dir: 1 | -1 }
  | { readonly type: 'nudge-point'; readonly dx: number; readonly dy: number }
  | { readonly type: 'save-point' }
  /** Zoom the active player in (1), out (-1), or back to the whole picture (0). */
  | { readonly type: 'zoom'; readonly dir: 1 | -1 | 0 }
  /** Move the active player's zoomed picture, in screen pixels. */
  | { readonly type: 'pan'; readonly dx: number; readonly dy: number }
  /** The active player alone in the whole space, or back to all players. */
  | { readonly type: 'solo' }
  /** Put this foot's initial contact or toe-off on the frame on screen (move the near one, or add). */
  | { readonly type: 'mark-event'; readonly kind: EditableEventKind; readonly side: 'left' | 'right' }
  /** Delete the initial contact / toe-off on the frame on screen. */
  | { readonly type: 'delete-event' }
  /** Arm a measure tool (again: put it down). */
  | { readonly type: 'tool'; readonly tool: MeasurementTool };

export interface KeyBinding {
  /** KeyboardEvent.key values that trigger it. */
  readonly keys: readonly string[];
  readonly shift?: boolean;
  /** Ctrl on Linux/Windows, Cmd on macOS. */
  readonly mod?: boolean;
  /** Alt (Option on macOS). */
  readonly alt?: boolean;
  readonly action: ReviewAction;
  /** What the help panel says. */
  readonly label: string;
  readonly shown: string;
}

/** The measure tools on their initials. */
const TOOL_KEYS: Readonly<Record<MeasurementTool, string>> = {
  angle: 'A',
  'line-vertical': 'V',
  'line-horizontal': 'H',
  distance: 'D',
  note: 'N',
  calibration: 'C',
};

export const KEYMAP: readonly KeyBinding[] = [
  { keys: [' '], action: { type: 'play-pause' }, label: 'Play / pause', shown: 'Space' },
  { keys: ['ArrowRight'], action: { type: 'step', delta: 1 }, label: 'Next frame', shown: '→' },
  { keys: ['ArrowLeft'], action: { type: 'step', delta: -1 }, label: 'Previous frame', shown: '←' },
  {
    keys: ['ArrowRight'],
    shift: true,
    action: { type: 'step', delta: 10 },
    label: '10 frames forward',
    shown: 'Shift →',
  },
  {
    keys: ['ArrowLeft'],
    shift: true,
    action: { type: 'step', delta: -10 },
    label: '10 frames back',
    shown: 'Shift ←',
  },
  { keys: ['Home'], action: { type: 'step', delta: -1e9 }, label: 'First frame', shown: 'Home' },
  { keys: ['End'], action: { type: 'step', delta: 1e9 }, label: 'Last frame', shown: 'End' },
  { keys: [']'], action: { type: 'event', dir: 1 }, label: 'Next initial contact', shown: ']' },
  { keys: ['['], action: { type: 'event', dir: -1 }, label: 'Previous initial contact', shown: '[' },
  { keys: ['-', '_'], action: { type: 'rate', dir: -1 }, label: 'Slower', shown: '−' },
  { keys: ['+', '='], action: { type: 'rate', dir: 1 }, label: 'Faster', shown: '+' },
  {
    keys: ['l', 'L'],
    action: { type: 'loop', kind: 'stride' },
    label: 'Loop the current stride (again: stop)',
    shown: 'L',
  },
  {
    keys: ['l', 'L'],
    shift: true,
    action: { type: 'loop', kind: 'step' },
    label: 'Loop the current step',
    shown: 'Shift+L',
  },
  { keys: ['o', 'O'], action: { type: 'overlays' }, label: 'Overlays on / off', shown: 'O (letter)' },
  { keys: ['z', 'Z'], mod: true, action: { type: 'undo' }, label: 'Undo', shown: 'Ctrl+Z' },
  {
    keys: ['z', 'Z'],
    mod: true,
    shift: true,
    action: { type: 'redo' },
    label: 'Redo',
    shown: 'Ctrl+Shift+Z',
  },
  { keys: ['y', 'Y'], mod: true, action: { type: 'redo' }, label: 'Redo', shown: 'Ctrl+Y' },
  {
    keys: ['1'],
    action: { type: 'select-player', index: 0 },
    label: 'Steps move the left player',
    shown: '1',
  },
  {
    keys: ['2'],
    action: { type: 'select-player', index: 1 },
    label: 'Steps move the right player',
    shown: '2',
  },
  { keys: ['k', 'K'], action: { type: 'key-frame' }, label: 'Mark this frame as a key frame', shown: 'K' },
  {
    keys: ['e', 'E'],
    action: { type: 'edit-points' },
    label: 'Correct points (on / off): drag one, or use the keys below',
    shown: 'E',
  },
  { keys: ['.', '>'], action: { type: 'select-point', dir: 1 }, label: 'Correcting: next point', shown: '.' },
  {
    keys: [',', '<'],
    action: { type: 'select-point', dir: -1 },
    label: 'Correcting: previous point',
    shown: ',',
  },
  ...nudges(),
  {
    keys: ['Enter'],
    action: { type: 'save-point' },
    label: 'Correcting: save the moved point',
    shown: 'Enter',
  },
  {
    keys: ['Escape'],
    action: { type: 'cancel' },
    label: 'Drop an unsaved point move; again: stop correcting or measuring',
    shown: 'Esc',
  },
  { keys: ['p', 'P'], mod: true, action: { type: 'report' }, label: 'Report preview', shown: 'Ctrl+P' },
  { keys: ['z', 'Z'], action: { type: 'zoom', dir: 1 }, label: 'Zoom in (also the mouse wheel)', shown: 'Z' },
  { keys: ['z', 'Z'], shift: true, action: { type: 'zoom', dir: -1 }, label: 'Zoom out', shown: 'Shift+Z' },
  { keys: ['0'], action: { type: 'zoom', dir: 0 }, label: 'Whole picture (no zoom)', shown: '0 (zero)' },
  ...pans(),
  {
    keys: ['f', 'F'],
    action: { type: 'solo' },
    label: 'This player in the whole space (again: all players)',
    shown: 'F',
  },
  ...toolKeys(),
  ...eventKeys(),
];

/** I / T and Shift: the left / right foot's initial contact / toe-off on this frame. */
function eventKeys(): KeyBinding[] {
  const kinds = [
    ['i', 'initial-contact', 'initial contact'],
    ['t', 'toe-off', 'toe-off'],
  ] as const;
  const marks = kinds.flatMap(([key, kind, words]) =>
    (['left', 'right'] as const).map((side) => ({
      keys: [key, key.toUpperCase()],
      shift: side === 'right',
      action: { type: 'mark-event', kind, side } as const,
      label: `Events: ${side} ${words} on this frame (moves the one within 3 frames, or adds one)`,
      shown: `${side === 'right' ? 'Shift+' : ''}${key.toUpperCase()}`,
    })),
  );
  return [
    ...marks,
    {
      keys: ['Delete', 'Backspace'],
      action: { type: 'delete-event' },
      label: 'Events: delete the initial contact or toe-off on this frame',
      shown: 'Delete',
    },
  ];
}

/** Ctrl+arrows move a zoomed picture (drag with the mouse does too). */
function pans(): KeyBinding[] {
  const step = 80;
  const arrows = [
    ['ArrowLeft', step, 0, '←', 'left'],
    ['ArrowRight', -step, 0, '→', 'right'],
    ['ArrowUp', 0, step, '↑', 'up'],
    ['ArrowDown', 0, -step, '↓', 'down'],
  ] as const;
  // The picture moves against the arrow: "look further left" shows what is left of the view.
  return arrows.map(([key, dx, dy, arrow, word]) => ({
    keys: [key],
    mod: true,
    action: { type: 'pan', dx, dy } as const,
    label: `Zoomed: look further ${word}`,
    shown: `Ctrl+${arrow}`,
  }));
}

export const toolKey = (tool: MeasurementTool): string => TOOL_KEYS[tool];

function toolKeys(): KeyBinding[] {
  return MEASUREMENT_TOOLS.map((tool) => ({
    keys: [TOOL_KEYS[tool].toLowerCase(), TOOL_KEYS[tool]],
    action: { type: 'tool', tool } as const,
    label: `Measure: ${TOOL_LABELS[tool]} (again: put it down)`,
    shown: TOOL_KEYS[tool],
  }));
}

/** Alt+arrows move the chosen point a pixel of the video, Alt+Shift+arrows ten. */
function nudges(): KeyBinding[] {
  const arrows = [
    ['ArrowLeft', -1, 0, '←'],
    ['ArrowRight', 1, 0, '→'],
    ['ArrowUp', 0, -1, '↑'],
    ['ArrowDown', 0, 1, '↓'],
  ] as const;
  return [1, 10].flatMap((px) =>
    arrows.map(([key, dx, dy, arrow]) => ({
      keys: [key],
      alt: true,
      shift: px === 10,
      action: { type: 'nudge-point', dx: dx * px, dy: dy * px } as const,
      label: `Correcting: move the point ${px} px ${{ '←': 'left', '→': 'right', '↑': 'up', '↓': 'down' }[arrow]}`,
      shown: `${px === 10 ? 'Alt+Shift' : 'Alt'} ${arrow}`,
    })),
  );
}

export interface KeyPress {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/**
 * The action for a key press, or undefined. Shift matters only where a binding says so for that key
 * (`+` is Shift+= on most layouts and must still mean "faster").
 */
export function actionFor(e: KeyPress): ReviewAction | undefined {
  const mod = e.ctrlKey || e.metaKey;
  const candidates = KEYMAP.filter(
    (b) => b.keys.includes(e.key) && Boolean(b.mod) === mod && Boolean(b.alt) === e.altKey,
  );
  const shiftSensitive = candidates.some((b) => b.shift !== undefined);
  const match = candidates.find((b) => (shiftSensitive ? Boolean(b.shift) === e.shiftKey : true));
  return match?.action;
}
