/**
 * MediaPipe Pose Landmarker as StrideLab runs it everywhere (the clip engine's worker and the
 * capture page's live skeleton): VIDEO mode (tracking), wasm served from our own origin. Must run in
 * a worker: frames enter the graph as WebGL textures, so it gets an OffscreenCanvas.
 *
 * Delegate: the CPU unless asked otherwise (the capture page's live skeleton keeps the CPU, so a
 * take's preview never competes with the analysis for the GPU). The clip engine asks for 'auto':
 * the GPU delegate where WebGL reaches a hardware GPU, the CPU where WebGL is software-rendered
 * (src-shared/pose/delegate.ts), and the CPU again if the GPU delegate fails to start.
 */
import { PoseLandmarker } from '@mediapipe/tasks-vision';
// The ES-module build of the wasm loader sets globalThis.ModuleFactory, which a module worker needs
// (importScripts is unavailable there). Served from our own origin: nothing is fetched elsewhere.
import wasmLoaderPath from '@mediapipe/tasks-vision/vision_wasm_module_internal.js?url';
import wasmBinaryPath from '@mediapipe/tasks-vision/vision_wasm_module_internal.wasm?url';
import {
  chooseDelegate,
  type DelegateChoice,
  type DelegatePreference,
  type PoseDelegate,
} from '../../../src-shared/pose/delegate';

/** WebGL 2's renderer string on this machine, or null where no WebGL 2 context can be made. */
export function webGlRenderer(): string | null {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return null;
  // Chromium answers RENDERER unmasked since 2023; older builds need the debug extension.
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}

function create(modelUrl: string, numPoses: number, delegate: PoseDelegate): Promise<PoseLandmarker> {
  return PoseLandmarker.createFromOptions(
    { wasmLoaderPath, wasmBinaryPath },
    {
      baseOptions: { modelAssetPath: modelUrl, delegate },
      runningMode: 'VIDEO',
      numPoses,
      // MediaPipe's defaults (0.5); the host filters by track, not by raising these.
      minPoseDetectionConfidence: 0.5,
      minPosePresenceConfidence: 0.5,
      minTrackingConfidence: 0.5,
      outputSegmentationMasks: false,
      canvas: new OffscreenCanvas(1, 1),
    },
  );
}

export interface DelegatedLandmarker {
  readonly landmarker: PoseLandmarker;
  /** The delegate that runs, and why (a failed GPU start names its error). */
  readonly choice: DelegateChoice;
}

/** The landmarker on the delegate chosen for this machine, falling back to the CPU if the GPU fails. */
export async function createDelegatedLandmarker(options: {
  modelUrl: string;
  numPoses: number;
  delegate: DelegatePreference;
}): Promise<DelegatedLandmarker> {
  const choice = chooseDelegate(options.delegate, {
    renderer: options.delegate === 'CPU' ? '' : webGlRenderer(),
  });
  if (choice.delegate === 'GPU') {
    try {
      return { landmarker: await create(options.modelUrl, options.numPoses, 'GPU'), choice };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      const landmarker = await create(options.modelUrl, options.numPoses, 'CPU');
      return { landmarker, choice: { delegate: 'CPU', reason: `the GPU delegate failed to start (${why})` } };
    }
  }
  return { landmarker: await create(options.modelUrl, options.numPoses, 'CPU'), choice };
}

/** The CPU landmarker (the capture page's live skeleton). */
export function createPoseLandmarker(options: {
  modelUrl: string;
  numPoses: number;
}): Promise<PoseLandmarker> {
  return create(options.modelUrl, options.numPoses, 'CPU');
}
