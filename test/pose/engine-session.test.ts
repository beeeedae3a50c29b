import { describe, expect, it } from 'vitest';
import type { HostToEngine } from '../../src-shared/pose/engine-protocol';
import { POSE_INPUT_LONG_SIDE } from '../../src-shared/pose/input-scale';
import {
  PoseEngineError,
  runEngineSession,
  type EngineTransport,
} from '../../src-main/services/pose/engine-session';

/**
 * The run protocol both hosts share (engine-session.ts), against a scripted engine: what the
 * session does with silence, stale and malformed messages, errors, a consumer that refuses a frame,
 * and cancel. The real engine runs through the same session in test/pose/engine.test.ts (Node host)
 * and test/electron/pose-engine.test.ts (Electron host).
 */
function scripted(script: (send: (m: unknown) => void, got: HostToEngine) => void): {
  transport: EngineTransport;
  posted: HostToEngine[];
  closed: () => boolean;
} {
  const posted: HostToEngine[] = [];
  let closed = false;
  let send: (m: unknown) => void = () => undefined;
  const transport: EngineTransport = {
    clipUrl: 'app://stridelab/pose/t/clip',
    modelUrl: (f) => `app://stridelab/pose/t/model/${f}`,
    open: ({ onMessage }) => {
      send = onMessage;
      return Promise.resolve();
    },
    post: (msg) => {
      posted.push(msg);
      queueMicrotask(() => script(send, msg));
      return Promise.resolve();
    },
    network: () => ({ requests: [], blocked: [], refusedByCsp: [] }),
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
  return { transport, posted, closed: () => closed };
}
const opts = { clipPath: '/clip.mp4', model: 'lite' as const, numPoses: 2 };

describe('engine session', () => {
  it('starts the job with the transport’s URLs, ignores stale messages, and resolves on done', async () => {
    const frames: number[] = [];
    const s = scripted((send, got) => {
      if (got.type !== 'start') return;
      send({ type: 'done', seq: 7, frames: 0, loopMs: 1, detectMs: 1 }); // an older job's
      send({ type: 'opened', seq: 1, width: 4, height: 4, codec: 'avc1', modelLoadMs: 3 });
      send({ type: 'frames', seq: 1, frames: [{ index: 0, t: 0, count: 0, poses: '' }] });
      send({ type: 'done', seq: 1, frames: 1, loopMs: 10, detectMs: 8 });
    });
    const r = await runEngineSession(s.transport, {
      ...opts,
      onFrames: (f) => frames.push(...f.map((x) => x.index)),
    });
    expect(r).toMatchObject({ frames: 1, loopMs: 10, detectMs: 8 });
    // An engine that does not say which delegate ran or what size it handed over (older builds).
    expect(r).toMatchObject({
      delegate: 'CPU',
      delegateReason: 'not reported by the engine',
      inputWidth: null,
    });
    expect(frames).toEqual([0]);
    expect(s.posted[0]).toEqual({
      type: 'start',
      seq: 1,
      job: {
        clipUrl: 'app://stridelab/pose/t/clip',
        modelUrl: 'app://stridelab/pose/t/model/pose_landmarker_lite.task',
        numPoses: 2,
        mode: 'run',
        benchFrames: undefined,
        // The engine's defaults: frames reduced to a 960 px long side, delegate chosen by the machine.
        inputLongSide: POSE_INPUT_LONG_SIDE,
        delegate: 'auto',
      },
    });
    expect(s.closed()).toBe(true);
  });

  it('turns an engine error into a PoseEngineError with its stage and frame', async () => {
    const s = scripted((send) =>
      send({ type: 'error', seq: 1, error: { name: 'E', message: 'bad NAL', stage: 'decode', frame: 41 } }),
    );
    const err = (await runEngineSession(s.transport, opts).catch((e: unknown) => e)) as PoseEngineError;
    expect(err).toBeInstanceOf(PoseEngineError);
    expect([err.stage, err.frame, err.message]).toEqual(['decode', 41, 'bad NAL']);
    expect(s.closed()).toBe(true);
  });

  it('refuses a malformed message, naming the field', async () => {
    const s = scripted((send) =>
      send({ type: 'frames', seq: 1, frames: [{ index: 0, t: 0, count: 1, poses: '%%' }] }),
    );
    await expect(runEngineSession(s.transport, opts)).rejects.toThrow(
      'The pose engine sent a malformed message (frames.0.poses: is not base64).',
    );
    const t = scripted((send) => send({ type: 'launch-missiles', seq: 1 }));
    await expect(runEngineSession(t.transport, opts)).rejects.toThrow(/malformed message \(type:/);
  });

  it('fails the run when a consumer refuses a batch of frames', async () => {
    const s = scripted((send) =>
      send({ type: 'frames', seq: 1, frames: [{ index: 0, t: 0, count: 1, poses: 'AAAA' }] }),
    );
    const run = runEngineSession(s.transport, {
      ...opts,
      onFrames: () => {
        throw new Error('frame 0: a pose of 3 bytes');
      },
    });
    await expect(run).rejects.toThrow('frame 0: a pose of 3 bytes');
  });

  it('declares a silent engine stalled instead of hanging', async () => {
    const s = scripted(() => undefined);
    await expect(runEngineSession(s.transport, opts, 200)).rejects.toThrow(
      'The pose engine stopped responding for 0.2 s.',
    );
    expect(s.closed()).toBe(true);
  });

  it('cancels: rejects as AbortError, tells the engine, and closes the transport', async () => {
    const abort = new AbortController();
    const s = scripted((send, got) => {
      if (got.type === 'start') {
        send({ type: 'opened', seq: 1, width: 4, height: 4, codec: 'avc1', modelLoadMs: 3 });
        abort.abort();
      }
    });
    await expect(runEngineSession(s.transport, { ...opts, signal: abort.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(s.posted.map((m) => m.type)).toEqual(['start', 'cancel']);
    expect(s.closed()).toBe(true);
    // Already cancelled: nothing is opened at all.
    const t = scripted(() => undefined);
    await expect(runEngineSession(t.transport, { ...opts, signal: abort.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(t.posted).toEqual([]);
    expect(t.closed()).toBe(true);
  });
});
