/**
 * Whether a pose stands upright in the picture: the shoulders above the hips and the hips above the
 * ankles (image y grows downwards; each the mean of its left and right point). A runner on a
 * treadmill always does, in a side or a rear view, at any trunk lean a runner has. MediaPipe's
 * landmark model, once its tracking has lost a person who is small in the frame, goes on returning
 * a skeleton spread over a part of him with the "nose" below the "ankles" (docs/pose-engine.md,
 * "Poses that are not a runner"): measured on the sample clip padded small into a landscape frame,
 * 140 of the 225 frames with a pose; on the repository's twelve real landmark fixtures (3,500 frames,
 * three models, running, walking and lunging), none. Such a pose is not the runner, and is not chosen
 * as him. Pure.
 */
import { Landmark } from './landmarks';

/** `y(i)`: the image y (px) of landmark i of the pose. */
export function upright(y: (landmark: number) => number): boolean {
  const mid = (a: number, b: number): number => (y(a) + y(b)) / 2;
  const shoulders = mid(Landmark.leftShoulder, Landmark.rightShoulder);
  const hips = mid(Landmark.leftHip, Landmark.rightHip);
  const ankles = mid(Landmark.leftAnkle, Landmark.rightAnkle);
  return shoulders < hips && hips < ankles;
}
