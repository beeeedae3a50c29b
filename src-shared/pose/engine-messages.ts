/**
 * The engine → host messages as a schema: the host checks every message where it arrives (the
 * engine page is a renderer, and in Electron its messages cross IPC into main), so a malformed or
 * forged message fails the run with a clear error instead of reaching the store. Mirrors the union
 * in engine-protocol.ts; the `satisfies` below keeps the two in step.
 */
import { z } from 'zod';
import type { EngineToHost } from './engine-protocol';

const seq = z.number().int();
const count = z.number().int().min(0);
const ms = z.number().finite().min(0);

const frame = z.object({
  index: count,
  t: z.number().finite(),
  count,
  // base64 of count × POSE_FLOATS float32s (checked again when unpacked).
  poses: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64'),
});

export const EngineToHostSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('opened'),
    seq,
    width: count,
    height: count,
    codec: z.string().max(200),
    modelLoadMs: ms,
    inputWidth: count.optional(),
    inputHeight: count.optional(),
    delegate: z.enum(['CPU', 'GPU']).optional(),
    delegateReason: z.string().max(500).optional(),
  }),
  z.object({ type: z.literal('frames'), seq, frames: z.array(frame).max(10_000) }),
  z.object({ type: z.literal('done'), seq, frames: count, loopMs: ms, detectMs: ms }),
  z.object({ type: z.literal('bench'), seq, frames: count, detectMs: ms }),
  z.object({ type: z.literal('cancelled'), seq, frames: count }),
  z.object({
    type: z.literal('error'),
    seq,
    error: z.object({
      name: z.string().max(200),
      message: z.string().max(4000),
      stack: z.string().max(20_000).optional(),
      stage: z.enum(['model', 'open', 'decode', 'detect']),
      frame: count.optional(),
    }),
  }),
]);

/** A message from the engine, or a description of what was wrong with it. */
export function parseEngineMessage(raw: unknown): EngineToHost | string {
  const r = EngineToHostSchema.safeParse(raw);
  if (r.success) return r.data satisfies EngineToHost;
  const issue = r.error.issues[0]!;
  return `${issue.path.join('.') || 'message'}: ${issue.message}`;
}
