/**
 * Camera placement advice (issue 19 item 6), as data: what the capture page and the clip import
 * show before filming, and what a quality warning points back to when a clip shows the problem
 * (`adviceFor`). The protocol is Souza 2016's (two cameras at right angles, reproducible placement,
 * 120 fps or more where possible); the figures of each item say where they come from, and
 * StrideLab's own defaults say so. docs/gait-methods.md, "Camera placement".
 *
 * One check here reads the clip for a problem no other flag names: the treadmill's handrails (or
 * its console) hiding the near hip or wrist in a side view while the near leg is in view.
 */
import { Landmark, type LandmarkSeries } from '../pose/landmarks';
import type { GaitFlag } from './schema';
import type { GaitView, Side } from './types';

export type AdviceId = 'height' | 'distance' | 'square' | 'handrails' | 'frame-rate' | 'light';

export interface CameraAdvice {
  readonly id: AdviceId;
  readonly title: string;
  /** What to do, in the clinic's words. */
  readonly text: string;
  /** Why, with its source (short citation). */
  readonly why: string;
}

export const CAMERA_ADVICE: readonly CameraAdvice[] = [
  {
    id: 'height',
    title: 'Height',
    text: 'Side camera at hip height, level (not tilted up or down); rear camera at the same height, behind the middle of the belt. Mark the tripod spots so every visit is filmed from the same place.',
    why: 'A level camera at hip height sees the hip, knee and ankle with the least perspective; reproducible placement makes visits comparable (Souza 2016).',
  },
  {
    id: 'distance',
    title: 'Distance',
    text: 'Far enough back that the whole runner, head to feet, stays in the picture through the whole stride with a hand’s width to spare (about 3–4 m, zoomed in rather than close with a wide lens).',
    why: 'Feet or head leaving the picture lose steps; a close wide-angle camera bends the lines near the edges (StrideLab default).',
  },
  {
    id: 'square',
    title: 'Square to the belt',
    text: 'Side camera at right angles to the running direction; rear camera on the belt’s centre line.',
    why: 'Sagittal angles are only true in a view square onto them; the two views at right angles (Souza 2016).',
  },
  {
    id: 'handrails',
    title: 'Handrails',
    text: 'The treadmill’s handrails and console can hide the hips and wrists: angle the camera 10–15° (slightly from above or from behind the rail) or lower or remove the side rails where the treadmill allows.',
    why: 'A hidden hip or wrist is guessed by the pose model: the arm and hip values of that side become unreliable (StrideLab default).',
  },
  {
    id: 'frame-rate',
    title: 'Frame rate',
    text: 'Film at 120 frames a second or more where the camera allows (60 at least), with a short shutter time and good light. Lock the frame rate (turn off the phone’s automatic or low-light frame rate) and close other apps while filming.',
    why: 'A ground contact lasts about 200–300 ms: at 30 fps one frame is 33 ms of it, and contact and flight times are only good to about a frame (Souza 2016). A phone that lowers its frame rate in poor light, or drops frames when busy, leaves gaps in which a contact or toe-off can only be placed to within the gap (StrideLab default).',
  },
  {
    id: 'light',
    title: 'Light and clothes',
    text: 'Even light from the camera’s side, close-fitting clothes, and a plain background without a second person in view.',
    why: 'The pose model finds joints by their outline: baggy clothes and shadows move the points (StrideLab default).',
  },
];

/** Advice a quality warning points back to, by its flag code (and the new handrail check). */
const FOR_FLAG: Partial<Record<GaitFlag['code'], readonly AdviceId[]>> = {
  'camera-not-perpendicular': ['square', 'height'],
  'frame-rate-too-low': ['frame-rate'],
  // Dropped or uneven frames: the same remedy, a locked, high frame rate in good light.
  'variable-frame-rate': ['frame-rate', 'light'],
  'missing-poses': ['distance', 'light'],
  // A far leg or arm hidden behind the body has its own remedy (film the other side); a side seen
  // with low confidence is most often clothes and light.
  'low-confidence-side': ['light'],
  'hidden-by-rails': ['handrails'],
  'no-steps': ['distance'],
  'too-few-steps': ['distance'],
};

export function adviceFor(code: GaitFlag['code']): CameraAdvice[] {
  const ids = FOR_FLAG[code] ?? [];
  return ids.map((id) => CAMERA_ADVICE.find((a) => a.id === id) as CameraAdvice);
}

/** One line pointing a quality warning back to the placement advice, or '' when none applies. */
export function adviceLine(code: GaitFlag['code']): string {
  const items = adviceFor(code);
  return items.length ? `Camera placement: ${items.map((a) => a.text).join(' ')}` : '';
}

/** Share of frames (with a pose) in which a point must be hidden for the clip to "show" it. */
export const RAIL_HIDDEN_SHARE = 0.2;
/** Below this visibility a point is hidden: MediaPipe's own threshold for a found pose (0.5). */
const HIDDEN = 0.5;

/**
 * Side view: the near hip or near wrist hidden in at least RAIL_HIDDEN_SHARE of the frames while
 * the near knee and ankle are seen in most of them: something between the camera and the runner's
 * middle, which on a treadmill is its handrails or console. Null when the clip does not show it.
 */
export function railCheck(series: LandmarkSeries, view: GaitView, nearSide: Side | null): GaitFlag | null {
  if (view !== 'side' || !nearSide) return null;
  const idx =
    nearSide === 'left'
      ? {
          hip: Landmark.leftHip,
          wrist: Landmark.leftWrist,
          knee: Landmark.leftKnee,
          ankle: Landmark.leftAnkle,
        }
      : {
          hip: Landmark.rightHip,
          wrist: Landmark.rightWrist,
          knee: Landmark.rightKnee,
          ankle: Landmark.rightAnkle,
        };
  let frames = 0;
  let legSeen = 0;
  const hidden = { hip: 0, wrist: 0 };
  for (const f of series.frames) {
    if (f.status !== 'pose' || !f.image) continue;
    frames++;
    const v = (i: number): number => (f.image?.[i]?.[3] as number | undefined) ?? 0;
    if (v(idx.knee) >= HIDDEN && v(idx.ankle) >= HIDDEN) legSeen++;
    if (v(idx.hip) < HIDDEN) hidden.hip++;
    if (v(idx.wrist) < HIDDEN) hidden.wrist++;
  }
  if (frames === 0 || legSeen < 0.8 * frames) return null;
  const parts = (['hip', 'wrist'] as const).filter((p) => hidden[p] >= RAIL_HIDDEN_SHARE * frames);
  if (parts.length === 0) return null;
  const pct = (k: number): string => `${Math.round((100 * k) / frames)}%`;
  const what = parts.map((p) => `the ${nearSide} ${p} in ${pct(hidden[p])} of the frames`).join(' and ');
  return {
    code: 'hidden-by-rails',
    severity: 'warning',
    side: nearSide,
    message: `Something between the camera and the runner hides ${what} while the leg below is in view (on a treadmill, usually its handrails or console): those values are guessed by the pose model.`,
    values: { hipHidden: hidden.hip / frames, wristHidden: hidden.wrist / frames },
  };
}
