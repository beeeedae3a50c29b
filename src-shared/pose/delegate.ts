/**
 * Which MediaPipe delegate runs the pose model (issue 16 item 4): the GPU delegate where the machine
 * has a graphics processor that WebGL reaches (the clinic's PC in Electron usually has one), the CPU
 * delegate otherwise. A software WebGL (Chromium's SwiftShader, Mesa's llvmpipe) is not a GPU: the
 * GPU delegate on SwiftShader ran slower than the CPU delegate here and, with the lite model, gave
 * wrong landmarks (docs/pose-engine.md, "Delegate"). Pure: the engine worker asks WebGL for its
 * renderer and calls this; if the GPU delegate then fails to start, the engine falls back to the
 * CPU and says why.
 */

export type PoseDelegate = 'CPU' | 'GPU';
/** 'auto': GPU where a hardware one answers, else CPU. 'CPU' / 'GPU': as asked (GPU still falls back if it cannot start). */
export type DelegatePreference = 'auto' | PoseDelegate;

/** What WebGL 2 says about the machine (null renderer: no WebGL 2 context could be made). */
export interface WebGlInfo {
  readonly renderer: string | null;
}

export interface DelegateChoice {
  readonly delegate: PoseDelegate;
  /** In words, for the log and the bench. */
  readonly reason: string;
}

/** Renderer strings of software WebGL implementations (Chromium, Mesa, Windows, macOS fallbacks). */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|apple software|gdi generic/i;

export function chooseDelegate(preference: DelegatePreference, gl: WebGlInfo): DelegateChoice {
  if (preference === 'CPU') return { delegate: 'CPU', reason: 'CPU asked for' };
  if (gl.renderer === null) return { delegate: 'CPU', reason: 'no WebGL 2 on this machine' };
  if (preference === 'GPU') return { delegate: 'GPU', reason: `GPU asked for (${gl.renderer})` };
  if (SOFTWARE_RENDERER.test(gl.renderer))
    return { delegate: 'CPU', reason: `WebGL is software-rendered here (${gl.renderer})` };
  return { delegate: 'GPU', reason: `hardware WebGL (${gl.renderer})` };
}
