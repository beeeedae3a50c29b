/**
 * The live skeleton behind the camera previews: the pose engine's landmarker (same model setup as
 * the clip engine, src-renderer/src/pose-engine/landmarker.ts) with the lite model, which keeps up
 * with a live picture (~30 fps measured on 2 cores, environment.md). One VIDEO-mode tracker per
 * view, because tracking needs one stream's frames in order.
 */
import type { PoseLandmarker } from '@mediapipe/tasks-vision';
import { createPoseLandmarker } from '../pose-engine/landmarker';
import type { LivePoseToPage, PageToLivePose } from './live-pose-protocol';

const scope = self as unknown as {
  postMessage(msg: LivePoseToPage, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<PageToLivePose>) => void) | null;
};

let modelUrl = '';
const trackers = new Map<string, Promise<PoseLandmarker>>();
const lastT = new Map<string, number>();

function tracker(view: string): Promise<PoseLandmarker> {
  let t = trackers.get(view);
  if (!t) {
    t = createPoseLandmarker({ modelUrl, numPoses: 1 });
    trackers.set(view, t);
  }
  return t;
}

const asError = (e: unknown) => {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, stack: err.stack };
};

scope.onmessage = (ev) => {
  const msg = ev.data;
  if (msg.type === 'init') {
    modelUrl = msg.modelUrl;
    const t0 = performance.now();
    // Warm one tracker up so the first frame does not wait for the model.
    tracker('side').then(
      () => scope.postMessage({ type: 'ready', seq: msg.seq, modelLoadMs: performance.now() - t0 }),
      (e: unknown) => scope.postMessage({ type: 'error', seq: msg.seq, error: asError(e) }),
    );
    return;
  }
  const { view, bitmap, seq } = msg;
  void (async () => {
    try {
      const landmarker = await tracker(view);
      // VIDEO mode needs strictly increasing timestamps.
      const t = Math.max(msg.t, (lastT.get(view) ?? -Infinity) + 1);
      lastT.set(view, t);
      const started = performance.now();
      const result = landmarker.detectForVideo(bitmap, t);
      const detectMs = performance.now() - started;
      const pose = result.landmarks[0];
      const points = new Float32Array(pose ? pose.length * 3 : 0);
      pose?.forEach((l, i) => {
        points[i * 3] = l.x * bitmap.width;
        points[i * 3 + 1] = l.y * bitmap.height;
        points[i * 3 + 2] = l.visibility ?? 0;
      });
      scope.postMessage(
        { type: 'pose', seq, view, width: bitmap.width, height: bitmap.height, points, detectMs },
        [points.buffer],
      );
    } catch (e) {
      scope.postMessage({ type: 'error', seq, error: asError(e) });
    } finally {
      bitmap.close();
    }
  })();
};
