/**
 * Pack MediaPipe's result into the protocol's flat float layout (src-shared/pose/engine-protocol.ts):
 * image landmarks converted from normalised [0,1] to pixels of the display frame.
 */

import type { PoseLandmarkerResult } from '@mediapipe/tasks-vision';
import { POSE_FLOATS, POSE_WORLD_OFFSET } from '../../../src-shared/pose/engine-protocol';

/**
 * Where the frame MediaPipe saw lies in the display frame: its top-left corner and size in display
 * pixels (the crop, EngineJob.crop, or the whole frame at 0, 0), and what turns its z (normalised by
 * the width it saw) into the whole frame's: the seen width over the display width.
 */
export interface FramePlace {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly zScale: number;
}

export function packPoses(
  result: PoseLandmarkerResult,
  place: FramePlace,
): { count: number; data: Float32Array } {
  const { x, y, width, height, zScale } = place;
  const count = result.landmarks.length;
  const data = new Float32Array(count * POSE_FLOATS);
  for (let p = 0; p < count; p++) {
    const base = p * POSE_FLOATS;
    const image = result.landmarks[p]!;
    const world = result.worldLandmarks[p] ?? [];
    for (let i = 0; i < image.length; i++) {
      const l = image[i]!;
      const o = base + i * 5;
      // Whole frame: x + 0 and z × 1 are exact, so its landmarks are those before crops existed.
      data[o] = x + l.x * width;
      data[o + 1] = y + l.y * height;
      data[o + 2] = l.z * zScale;
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
