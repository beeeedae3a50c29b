/**
 * MediaPipe Pose Landmarker as StrideLab runs it everywhere (the clip engine's worker and the
 * capture page's live skeleton): CPU delegate (the GPU delegate on SwiftShader is slow and, with
 * the lite model, wrong: docs/pose-engine.md), VIDEO mode (tracking), wasm served from our own
 * origin. Must run in a worker: frames enter the graph as WebGL textures, so it gets an
 * OffscreenCanvas.
 */
import { PoseLandmarker } from '@mediapipe/tasks-vision';
// The ES-module build of the wasm loader sets globalThis.ModuleFactory, which a module worker needs
// (importScripts is unavailable there). Served from our own origin: nothing is fetched elsewhere.
import wasmLoaderPath from '@mediapipe/tasks-vision/vision_wasm_module_internal.js?url';
import wasmBinaryPath from '@mediapipe/tasks-vision/vision_wasm_module_internal.wasm?url';

export async function createPoseLandmarker(options: {
  modelUrl: string;
  numPoses: number;
}): Promise<PoseLandmarker> {
  return PoseLandmarker.createFromOptions(
    { wasmLoaderPath, wasmBinaryPath },
    {
      baseOptions: { modelAssetPath: options.modelUrl, delegate: 'CPU' },
      runningMode: 'VIDEO',
      numPoses: options.numPoses,
      // MediaPipe's defaults (0.5); the host filters by track, not by raising these.
      minPoseDetectionConfidence: 0.5,
      minPosePresenceConfidence: 0.5,
      minTrackingConfidence: 0.5,
      outputSegmentationMasks: false,
      canvas: new OffscreenCanvas(1, 1),
    },
  );
}
