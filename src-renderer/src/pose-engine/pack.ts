/**
 * Pack MediaPipe's result into the protocol's flat float layout (src-shared/pose/engine-protocol.ts):
 * image landmarks converted from normalised [0,1] to pixels of the display frame.
 */
import type { PoseLandmarkerResult } from '@mediapipe/tasks-vision';
import { POSE_FLOATS, POSE_WORLD_OFFSET } from '../../../src-shared/pose/engine-protocol';

export function packPoses(
  result: PoseLandmarkerResult,
  width: number,
  height: number,
): { count: number; data: Float32Array } {
  const count = result.landmarks.length;
  const data = new Float32Array(count * POSE_FLOATS);
  for (let p = 0; p < count; p++) {
    const base = p * POSE_FLOATS;
    const image = result.landmarks[p]!;
    const world = result.worldLandmarks[p] ?? [];
    for (let i = 0; i < image.length; i++) {
      const l = image[i]!;
      const o = base + i * 5;
      data[o] = l.x * width;
      data[o + 1] = l.y * height;
      data[o + 2] = l.z;
      data[o + 3] = l.visibility ?? 0;
      // The pose landmark model outputs presence; when unset, treat visible as present.
      data[o + 4] = l.presence ?? l.visibility ?? 0;
    }
    for (let i = 0; i < world.length; i++) {
      const w = world[i]!;
      const o = base + POSE_WORLD_OFFSET + i * 3;
      data[o] = w.x;
      data[o + 1] = w.y;
      data[o + 2] = w.z;
    }
  }
  return { count, data };
}

/** base64 of the float bytes: compact and exact across the host bridge (JSON would lose nothing but triple the size). */
export function toBase64(data: Float32Array): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let s = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}
