/**
 * The live skeleton over the camera previews, to help place the cameras (is the whole body in
 * the picture, feet included, at every phase of the stride?). Frames go from each preview to the
 * live-pose worker one at a time per view (a frame is sent only when the last one is answered, so
 * a slow computer skips frames instead of queueing them). Paused while recording: the cameras'
 * encoders need the CPU more than the PT needs the skeleton then.
 */
import { useEffect, useRef, useState } from 'react';
import type { View } from '../../../src-shared/contract/recordings';
import { transport } from '../api/transport';
import { drawSkeleton } from './draw-skeleton';
import type { LivePoseToPage, PageToLivePose } from './live-pose-protocol';

export interface SkeletonTarget {
  readonly view: View;
  readonly video: React.RefObject<HTMLVideoElement | null>;
  readonly canvas: React.RefObject<HTMLCanvasElement | null>;
}

/** Frames go to the model at most this wide: the lite model looks at 256 px anyway. */
const MAX_WIDTH = 640;
/** The longest wait for a preview frame before looking again anyway. */
const FALLBACK_MS = 250;
export const LIVE_POSE_MODEL_PATH = '/api/capture/pose-model.task';

/**
 * `generation` is 0 when off, and a new number each time the skeleton is switched on; `paused`
 * holds frames back (recording).
 */
export function useLiveSkeleton(
  generation: number,
  paused: boolean,
  targets: readonly SkeletonTarget[],
): { on: boolean; error?: string } {
  const [readyFor, setReadyFor] = useState(0);
  const [failure, setFailure] = useState<{ generation: number; message: string } | undefined>(undefined);
  const pausedRef = useRef(paused);
  const targetsRef = useRef(targets);
  useEffect(() => {
    pausedRef.current = paused;
    targetsRef.current = targets;
  });

  useEffect(() => {
    if (!generation) return;
    const worker = new Worker(new URL('./live-pose.worker.ts', import.meta.url), { type: 'module' });
    const post = (msg: PageToLivePose, transfer: Transferable[] = []): void =>
      worker.postMessage(msg, transfer);
    const inFlight = new Set<View>();
    let seq = 0;
    let live = true;

    const send = async (target: SkeletonTarget): Promise<void> => {
      const video = target.video.current;
      if (!live || !video || inFlight.has(target.view)) return;
      if (pausedRef.current || video.readyState < 2 || !video.videoWidth) {
        schedule(target);
        return;
      }
      inFlight.add(target.view);
      const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
      try {
        const bitmap = await createImageBitmap(video, {
          resizeWidth: Math.round(video.videoWidth * scale),
          resizeHeight: Math.round(video.videoHeight * scale),
        });
        if (!live) return bitmap.close();
        post({ type: 'frame', seq: ++seq, view: target.view, bitmap, t: performance.now() }, [bitmap]);
      } catch {
        inFlight.delete(target.view);
        schedule(target);
      }
    };
    // Next frame: when the preview presents one, or after FALLBACK_MS at the latest, so that a
    // video that presents nothing for a while (not playing yet, a camera switched, a stalled
    // compositor) is looked at again instead of ending the loop for that view.
    const schedule = (target: SkeletonTarget): void => {
      const video = target.video.current;
      if (!live) return;
      let handle: number | undefined;
      const timer = window.setTimeout(() => {
        if (handle !== undefined) video?.cancelVideoFrameCallback(handle);
        void send(target);
      }, FALLBACK_MS);
      if (video && 'requestVideoFrameCallback' in video)
        handle = video.requestVideoFrameCallback(() => {
          window.clearTimeout(timer);
          void send(target);
        });
    };

    worker.onmessage = (ev: MessageEvent<LivePoseToPage>) => {
      const msg = ev.data;
      if (!live) return;
      if (msg.type === 'ready') {
        setReadyFor(generation);
        for (const t of targetsRef.current) void send(t);
      } else if (msg.type === 'error') {
        setFailure({ generation, message: `The live skeleton stopped: ${msg.error.message}` });
      } else {
        const target = targetsRef.current.find((t) => t.view === msg.view);
        inFlight.delete(msg.view);
        const canvas = target?.canvas.current;
        const ctx = canvas?.getContext('2d');
        if (canvas && ctx) {
          if (canvas.width !== msg.width || canvas.height !== msg.height) {
            canvas.width = msg.width;
            canvas.height = msg.height;
          }
          canvas.dataset.points = String(drawSkeleton(ctx, msg.points, msg.width, msg.height));
          // How many frames the model has answered: tells "no one found" from "no frames reached it".
          canvas.dataset.frames = String(Number(canvas.dataset.frames ?? 0) + 1);
        }
        if (target) schedule(target);
      }
    };
    worker.onerror = (ev) =>
      live && setFailure({ generation, message: `The live skeleton could not start: ${ev.message}` });
    post({
      type: 'init',
      seq: 0,
      modelUrl: new URL(transport.apiUrl(LIVE_POSE_MODEL_PATH), location.href).href,
    });

    return () => {
      live = false;
      worker.terminate();
      for (const t of targetsRef.current) {
        const canvas = t.canvas.current;
        canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
        if (canvas) {
          delete canvas.dataset.points;
          delete canvas.dataset.frames;
        }
      }
    };
  }, [generation]);

  return {
    on: generation !== 0 && readyFor === generation,
    ...(failure && failure.generation === generation ? { error: failure.message } : {}),
  };
}
